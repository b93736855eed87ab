import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AuthSession } from './auth-session.entity';
import { RefreshToken } from './refresh-token.entity';
import { Clock } from '../../common/time/clock';

export type SessionEndReason = 'logout' | 'reuse_detected' | 'deactivated' | 'password_changed' | 'password_reset';

@Injectable()
export class SessionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  createSession(personId: string, expiresAt: Date, manager: EntityManager): Promise<AuthSession> {
    return manager.save(manager.create(AuthSession, { personId, expiresAt, revokedAt: null, revokedReason: null }));
  }

  async addRefreshToken(sessionId: string, tokenHash: string, expiresAt: Date, manager: EntityManager): Promise<void> {
    await manager.insert(RefreshToken, { sessionId, tokenHash, expiresAt, usedAt: null });
  }

  /** Locks the token row so that two refreshes with the same token are decided one after the other. */
  lockRefreshToken(
    tokenHash: string,
    manager: EntityManager,
  ): Promise<(RefreshToken & { session: AuthSession }) | null> {
    return manager
      .createQueryBuilder(RefreshToken, 'token')
      .innerJoinAndSelect('token.session', 'session')
      .where('token.tokenHash = :tokenHash', { tokenHash })
      .setLock('pessimistic_write', undefined, ['token'])
      .getOne() as Promise<(RefreshToken & { session: AuthSession }) | null>;
  }

  async markUsed(tokenId: string, manager: EntityManager): Promise<void> {
    await manager.update(RefreshToken, { id: tokenId }, { usedAt: this.clock.now() });
  }

  async extendSession(sessionId: string, expiresAt: Date, manager: EntityManager): Promise<void> {
    await manager.update(AuthSession, { id: sessionId, revokedAt: IsNull() }, { expiresAt });
  }

  async revokeSession(sessionId: string, reason: SessionEndReason, manager: EntityManager): Promise<void> {
    await manager.update(
      AuthSession,
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokedReason: reason },
    );
  }

  async revokeAllForPerson(personId: string, reason: SessionEndReason, manager: EntityManager): Promise<number> {
    const result = await manager.update(
      AuthSession,
      { personId, revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /** Ends every open session of a person except the one still in use. */
  async revokeOthers(
    personId: string,
    keepSessionId: string,
    reason: SessionEndReason,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      AuthSession,
      { personId, id: Not(keepSessionId), revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokedReason: reason },
    );
  }

  findSession(sessionId: string, manager: EntityManager = this.dataSource.manager): Promise<AuthSession | null> {
    return manager.findOneBy(AuthSession, { id: sessionId });
  }
}
