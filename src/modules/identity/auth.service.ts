import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { Clock } from '../../common/time/clock';
import type { Principal } from '../../common/auth/principal';
import { TooManyRequestsError } from '../../common/errors/domain-error';
import { isUuid } from '../../common/http/uuid.pipe';
import { ConfigService } from '../../config/config.service';
import type { AppConfig } from '../../config/configuration';
import { MailService } from '../../infrastructure/mail/mail.service';
import {
  currentPasswordWrong,
  invalidCredentials,
  resetTokenInvalid,
  weakPassword,
  invalidAccessToken,
  refreshTokenInvalid,
  refreshTokenReused,
  sessionEnded,
} from './identity.errors';
import { LoginFailureRepository } from './login-failure.repository';
import { PasswordResetRepository } from './password-reset.repository';
import type { Person } from './person.entity';
import { PersonRepository } from './person.repository';
import { hashPassword, isAcceptablePassword, newOpaqueToken, sha256, verifyPassword } from './secrets';
import { SessionRepository } from './session.repository';

export const JWT_ALGORITHM = 'HS256' as const;
/** Who issues access tokens and whom they are for: a token signed for anything else is refused. */
export const JWT_ISSUER = 'puente';
export const JWT_AUDIENCE = 'puente-api';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

interface AccessClaims {
  sub: string;
  sid: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly auth: AppConfig['auth'];

  constructor(
    private readonly config: ConfigService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly people: PersonRepository,
    private readonly sessions: SessionRepository,
    private readonly failures: LoginFailureRepository,
    private readonly resets: PasswordResetRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.auth = config.get('auth');
  }

  /**
   * Signs a person in. Unknown email, wrong password and an account without a password all get
   * the same answer after the same work; failures are throttled per account and per address.
   */
  async login(email: string, password: string, ip: string): Promise<TokenPair> {
    const accountKey = sha256(`login:${email.trim().toLowerCase()}`);
    await this.countAttempt(accountKey, ip);
    const person = await this.people.findForLogin(email.trim());
    const valid = await verifyPassword(person?.active ? person.passwordHash : null, password);
    if (!person || !person.active || !valid) throw invalidCredentials();
    // The attempt counted above stays a failure unless the password was right.
    await this.failures.clearAccount(accountKey);
    return this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.createSession(person.id, this.refreshExpiry(), manager);
      return this.issue(manager, person.id, session.id);
    });
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already exchanged means it was
   * copied: the whole session is revoked, so neither the thief nor the owner can go on with it.
   */
  /** `slide`: the session itself lasts the refresh lifetime from now (browser sessions). */
  async refresh(refreshToken: string, { slide = false }: { slide?: boolean } = {}): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await this.sessions.lockRefreshToken(sha256(refreshToken), manager);
      if (!token) return { error: refreshTokenInvalid() };
      const { session } = token;
      if (token.usedAt) {
        await this.sessions.revokeSession(session.id, 'reuse_detected', manager);
        await this.audit.record(manager, {
          actorId: session.personId,
          action: 'session.revoked',
          subjectType: 'person',
          subjectId: session.personId,
          reason: 'refresh token reuse',
        });
        return { error: refreshTokenReused() };
      }
      if (session.revokedAt) return { error: sessionEnded() };
      const now = this.clock.now();
      if (token.expiresAt <= now || session.expiresAt <= now) return { error: refreshTokenInvalid() };
      const principal = await this.people.findPrincipal(session.personId, session.id);
      if (!principal) return { error: sessionEnded() };
      await this.sessions.markUsed(token.id, manager);
      if (slide) await this.sessions.extendSession(session.id, this.refreshExpiry(), manager);
      return { pair: await this.issue(manager, session.personId, session.id) };
    });
    // The revocation above must commit, so the error is thrown only after the transaction.
    if ('error' in outcome) throw outcome.error;
    return outcome.pair;
  }

  /** Ends the caller's current session: its refresh tokens and its access tokens stop working. */
  async logout(principal: Principal): Promise<void> {
    await this.dataSource.transaction((manager) => this.sessions.revokeSession(principal.sessionId, 'logout', manager));
  }

  /** The principal named by a valid access token, or a 401. */
  async authenticate(accessToken: string): Promise<Principal> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, {
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
    } catch {
      throw invalidAccessToken();
    }
    // The verifier checks `exp` only when a token has one; a token that never expires is refused.
    if (typeof (claims as { exp?: unknown }).exp !== 'number' || !isUuid(claims.sub) || !isUuid(claims.sid)) {
      throw invalidAccessToken();
    }
    const principal = await this.people.findPrincipal(claims.sub, claims.sid);
    if (!principal) throw sessionEnded();
    return principal;
  }

  /**
   * Sends a one-time reset link when the email belongs to an active person. The answer is the same
   * either way, so the endpoint does not reveal who has an account.
   */
  async requestPasswordReset(email: string, ip: string): Promise<void> {
    // Every request counts, for known and unknown addresses alike, so that neither the throttle
    // nor the response time tells them apart; its own key keeps it from locking sign-in.
    // Reset requests have limits of their own: a strict one per account, and a per-address one high
    // enough for a health centre or a training room behind one address to set its passwords.
    await this.countAttempt(sha256(`reset:${email.trim().toLowerCase()}`), `reset ${ip}`, {
      perAccount: this.auth.resetMaxPerAccount,
      perAddress: this.auth.resetMaxPerIp,
    });
    const person = await this.people.findByEmail(email.trim());
    if (!person || !person.active) return;
    await this.dataSource.transaction((manager) => this.sendResetLink(manager, person));
  }

  /** Issues a reset link and mails it; account invitations are `AccountInvitations`'. */
  private async sendResetLink(manager: EntityManager, person: Person): Promise<void> {
    await this.resets.invalidateOpen(person.id, manager);
    const { token, hash } = newOpaqueToken();
    const ttl = this.auth.passwordResetTtlSeconds;
    await this.resets.create(person.id, hash, ttl, manager);
    const base = this.config.get('publicBaseUrl').replace(/\/$/, '');
    await this.mail.enqueue(manager, {
      to: person.email,
      template: 'password-reset',
      locale: person.locale,
      data: {
        name: person.fullName,
        email: person.email,
        link: `${base}/restablecer-contrasena?token=${token}`,
        minutes: Math.round(ttl / 60),
      },
    });
  }

  /** Sets a new password from a reset link; every session of the person ends. */
  async confirmPasswordReset(token: string, newPassword: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The token is checked before any hashing, so junk tokens cost nothing.
      const personId = await this.resets.consume(sha256(token), manager);
      const person = personId ? await this.people.findById(personId, manager) : null;
      if (!person || !person.active) throw resetTokenInvalid();
      // Thrown inside the transaction so that the link is not spent on a rejected password.
      if (!isAcceptablePassword(newPassword, person.email)) throw weakPassword();
      await this.people.setPasswordHash(person.id, await hashPassword(newPassword), manager);
      await this.resets.invalidateOpen(person.id, manager);
      await this.sessions.revokeAllForPerson(person.id, 'password_reset', manager);
      await this.audit.record(manager, {
        actorId: person.id,
        action: 'password.reset',
        subjectType: 'person',
        subjectId: person.id,
      });
    });
  }

  /**
   * Changes the caller's password; their other sessions and any open reset link end. Wrong
   * current passwords are throttled like sign-ins, so a stolen access token cannot guess it.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const person = await this.people.findById(principal.personId);
    if (!person) throw sessionEnded();
    const accountKey = sha256(`login:${person.email}`);
    await this.countAttempt(accountKey, ip);
    const hash = await this.people.findPasswordHash(principal.personId);
    if (!(await verifyPassword(hash, currentPassword))) throw currentPasswordWrong();
    await this.failures.clearAccount(accountKey);
    if (!isAcceptablePassword(newPassword, person.email)) throw weakPassword();
    const newHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.people.setPasswordHash(person.id, newHash, manager);
      await this.sessions.revokeOthers(person.id, principal.sessionId, 'password_changed', manager);
      await this.resets.invalidateOpen(person.id, manager);
      await this.audit.record(manager, {
        actorId: person.id,
        action: 'password.changed',
        subjectType: 'person',
        subjectId: person.id,
      });
    });
  }

  /** Ends every session of a person, for instance when the office deactivates them. */
  revokeAllSessions(manager: EntityManager, personId: string, reason: 'deactivated'): Promise<number> {
    return this.sessions.revokeAllForPerson(personId, reason, manager);
  }

  private async issue(manager: EntityManager, personId: string, sessionId: string): Promise<TokenPair> {
    const { token, hash } = newOpaqueToken();
    await this.sessions.addRefreshToken(sessionId, hash, this.refreshExpiry(), manager);
    const accessToken = await this.jwt.signAsync({ sub: personId, sid: sessionId } satisfies AccessClaims, {
      algorithm: JWT_ALGORITHM,
      expiresIn: this.auth.accessTokenTtlSeconds,
    });
    return { accessToken, refreshToken: token, expiresIn: this.auth.accessTokenTtlSeconds };
  }

  private refreshExpiry(): Date {
    return new Date(this.clock.now().getTime() + this.auth.refreshTokenTtlSeconds * 1000);
  }

  /**
   * Counts an attempt before the password is checked, then refuses it when the account or the
   * address is over its limit. Counting first means parallel attempts see each other, so a burst
   * cannot slip past the limit; a refused attempt is not counted against the window.
   */
  /** `addressKey` is the client address, or the address qualified by what is counted. */
  private async countAttempt(
    accountKey: string,
    addressKey: string,
    limits = { perAccount: this.auth.loginMaxFailuresPerAccount, perAddress: this.auth.loginMaxFailuresPerIp },
  ): Promise<void> {
    const window = this.auth.loginWindowSeconds;
    const attemptId = await this.failures.record(accountKey, addressKey, window);
    const recent = await this.failures.recentFailures(accountKey, addressKey, window);
    const blockedUntil = [
      recent.account > limits.perAccount ? recent.accountOldest : null,
      recent.ip > limits.perAddress ? recent.ipOldest : null,
    ]
      .filter((oldest): oldest is Date => oldest !== null)
      .map((oldest) => oldest.getTime() + window * 1000);
    if (blockedUntil.length > 0) {
      await this.failures.forget(attemptId);
      // The window is kept on the database's clock, so the wait is measured on it too.
      const retryAfter = Math.max(1, Math.ceil((Math.max(...blockedUntil) - recent.now.getTime()) / 1000));
      this.logger.warn(`Attempt throttled for ${retryAfter}s`);
      throw new TooManyRequestsError(retryAfter);
    }
  }
}
