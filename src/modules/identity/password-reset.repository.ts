import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { PasswordResetToken } from './password-reset-token.entity';

@Injectable()
export class PasswordResetRepository {
  /** A new link, valid for `ttlSeconds` on the database's clock, the one `consume` checks it against. */
  async create(personId: string, tokenHash: string, ttlSeconds: number, manager: EntityManager): Promise<void> {
    await manager.insert(PasswordResetToken, {
      personId,
      tokenHash,
      expiresAt: () => `now() + make_interval(secs => ${Number(ttlSeconds)})`,
      usedAt: null,
    });
  }

  /** Many links at once (an invitation of hundreds), in multi-row statements; same clock as `create`. */
  async createMany(
    links: { personId: string; tokenHash: string }[],
    ttlSeconds: number,
    manager: EntityManager,
  ): Promise<void> {
    for (let start = 0; start < links.length; start += 1000) {
      await manager.insert(
        PasswordResetToken,
        links.slice(start, start + 1000).map((link) => ({
          ...link,
          expiresAt: () => `now() + make_interval(secs => ${Number(ttlSeconds)})`,
          usedAt: null,
        })),
      );
    }
  }

  /**
   * Consumes a token: marks it used only if it is unused and unexpired, in one statement, so
   * two concurrent uses cannot both succeed. Returns the person it belongs to.
   */
  async consume(tokenHash: string, manager: EntityManager): Promise<string | null> {
    const rows = await manager.query<{ person_id: string }[][]>(
      `UPDATE password_reset_token SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING person_id`,
      [tokenHash],
    );
    // The pg driver returns [rows, count] for UPDATE ... RETURNING through TypeORM.
    const result = rows[0] as unknown as { person_id: string }[] | undefined;
    return result?.[0]?.person_id ?? null;
  }

  /** Earlier unused links stop working when a new one is issued or a password is set. */
  async invalidateOpen(personId: string, manager: EntityManager): Promise<void> {
    await manager.update(PasswordResetToken, { personId, usedAt: IsNull() }, { usedAt: () => 'now()' });
  }

  /** `invalidateOpen` for many people in one statement. */
  async invalidateOpenOfMany(personIds: string[], manager: EntityManager): Promise<void> {
    if (personIds.length === 0) return;
    await manager.update(PasswordResetToken, { personId: In(personIds), usedAt: IsNull() }, { usedAt: () => 'now()' });
  }
}
