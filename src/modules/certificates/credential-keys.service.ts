import { Injectable } from '@nestjs/common';
import { ConfigService } from '../../config/config.service';
import { importSigningKey, publicJwks, type CredentialSigningKey, type PublishedJwk } from './credential/keys';

/** The issuer's credential signing key and identity, from the configuration; the key is imported once. */
@Injectable()
export class CredentialKeysService {
  private key?: Promise<CredentialSigningKey>;

  constructor(private readonly config: ConfigService) {}

  signingKey(): Promise<CredentialSigningKey> {
    this.key ??= importSigningKey(this.config.get('credentials').signingKey);
    return this.key;
  }

  /** The body of `/.well-known/jwks.json`. */
  async jwks(): Promise<{ keys: PublishedJwk[] }> {
    return publicJwks(await this.signingKey());
  }

  issuer(): { id: string; name: string } {
    const { issuerUrl, issuerName } = this.config.get('credentials');
    return { id: issuerUrl, name: issuerName };
  }
}
