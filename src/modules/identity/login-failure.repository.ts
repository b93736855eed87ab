import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LoginFailure } from './login-attempt.entity';

@Injectable()
export class LoginFailureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Failures within the window for the account and for the address, when the oldest of each was
   * made, and the database's own now that the window is measured against.
   */
  async recentFailures(
    accountKey: string,
    ip: string,
    windowSeconds: number,
  ): Promise<{ account: number; ip: number; accountOldest: Date | null; ipOldest: Date | null; now: Date }> {
    const [row] = await this.dataSource.query<
      { account: string; ip: string; account_oldest: Date | null; ip_oldest: Date | null; now: Date }[]
    >(
      `SELECT count(*) FILTER (WHERE account_key = $1) AS account,
              count(*) FILTER (WHERE ip = $2) AS ip,
              min(created_at) FILTER (WHERE account_key = $1) AS account_oldest,
              min(created_at) FILTER (WHERE ip = $2) AS ip_oldest,
              now() AS now
         FROM login_failure
        WHERE (account_key = $1 OR ip = $2) AND created_at > now() - make_interval(secs => $3)`,
      [accountKey, ip, windowSeconds],
    );
    return {
      account: Number(row.account),
      ip: Number(row.ip),
      accountOldest: row.account_oldest,
      ipOldest: row.ip_oldest,
      now: row.now,
    };
  }

  /** Records an attempt and forgets this account's and address's attempts that left the window. */
  async record(accountKey: string, ip: string, windowSeconds: number): Promise<string> {
    const result = await this.dataSource.manager.insert(LoginFailure, { accountKey, ip });
    await this.dataSource.query(
      `DELETE FROM login_failure WHERE (account_key = $1 OR ip = $2) AND created_at < now() - make_interval(secs => $3)`,
      [accountKey, ip, windowSeconds],
    );
    return String(result.identifiers[0].id);
  }

  async forget(id: string): Promise<void> {
    await this.dataSource.manager.delete(LoginFailure, { id });
  }

  /** A successful sign-in forgives the account's earlier failures (not the address's). */
  async clearAccount(accountKey: string): Promise<void> {
    await this.dataSource.manager.delete(LoginFailure, { accountKey });
  }
}
