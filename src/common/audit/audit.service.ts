import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** Writes audit entries in the transaction of the change they describe. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await this.recordAll(manager, [record]);
  }

  /** Several entries in one statement (a batch of certificates issued together). */
  async recordAll(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    await manager.insert(
      AuditEntry,
      records.map(
        (record) =>
          ({
            actorId: record.actorId,
            action: record.action,
            subjectType: record.subjectType,
            subjectId: record.subjectId ?? null,
            reason: record.reason ?? null,
            details: record.details ?? {},
          }) as QueryDeepPartialEntity<AuditEntry>,
      ),
    );
  }
}
