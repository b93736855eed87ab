import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ConfigService } from '../../config/config.service';
import { AccessGuard } from './access.guard';
import { AccountInvitations } from './account-invitations.service';
import { AuthController, MeController } from './auth.controller';
import { BrowserSessionController } from './browser-session.controller';
import { AuthService, JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER } from './auth.service';
import { LoginFailureRepository } from './login-failure.repository';
import { OfficeBootstrapService } from './office-bootstrap.service';
import { PasswordResetRepository } from './password-reset.repository';
import { PersonRepository } from './person.repository';
import { ProfileService } from './profile.service';
import { SessionRepository } from './session.repository';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        // A key object made once: given a string, the verifier first tries to read it as a public key
        // and builds a secret key from it on every request.
        secret: createSecretKey(Buffer.from(config.get('auth').jwtSecret)),
        signOptions: { algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController, BrowserSessionController, MeController],
  providers: [
    AuthService,
    AccountInvitations,
    ProfileService,
    OfficeBootstrapService,
    PersonRepository,
    SessionRepository,
    LoginFailureRepository,
    PasswordResetRepository,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, AccountInvitations, PersonRepository, OfficeBootstrapService],
})
export class IdentityModule {}
