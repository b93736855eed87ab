import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, type FindOptionsSelect } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { MatchingPin, MatchingRun } from './matching-run.entity';

/** The columns a list of runs shows: everything but the instance and the full result. */
const SUMMARY_COLUMNS: FindOptionsSelect<MatchingRun> = {
  id: true,
  status: true,
  phase: true,
  progress: true,
  scope: true,
  seminarIds: true,
  settings: true,
  error: true,
  attempts: true,
  interruptions: true,
  interruptedAt: true,
  interruptionReason: true,
  createdById: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  publishedAt: true,
  publishedById: true,
};

@Injectable()
export class MatchingRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(
    run: Pick<MatchingRun, 'scope' | 'seminarIds' | 'settings' | 'createdById'>,
    manager: EntityManager,
  ): Promise<MatchingRun> {
    return manager.save(
      MatchingRun,
      manager.create(MatchingRun, { ...run, status: 'queued', phase: 'waiting', progress: 0 }),
    );
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<MatchingRun | null> {
    return manager.findOne(MatchingRun, { where: { id } });
  }

  /** The run without its instance and result. */
  findSummary(id: string): Promise<MatchingRun | null> {
    return this.dataSource.manager.findOne(MatchingRun, { where: { id }, select: SUMMARY_COLUMNS });
  }

  lock(id: string, manager: EntityManager): Promise<MatchingRun | null> {
    return manager.findOne(MatchingRun, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(
    id: string,
    changes: QueryDeepPartialEntity<MatchingRun>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(MatchingRun, { id }, changes);
  }

  /** Moves a run from one status to another only if it is still in the first; true when it moved. */
  async transition(
    id: string,
    from: MatchingRun['status'][],
    changes: QueryDeepPartialEntity<MatchingRun>,
  ): Promise<boolean> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(MatchingRun)
      .set(changes)
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Records the answer of one attempt, only while that attempt still holds the run. */
  async finish(id: string, attempt: number, changes: QueryDeepPartialEntity<MatchingRun>): Promise<boolean> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(MatchingRun)
      .set(changes)
      .where(`id = :id AND status = 'running' AND attempts = :attempt`, { id, attempt })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Records an interruption of the attempt that holds the run, counting it; nothing when another attempt holds it. */
  async interrupt(
    id: string,
    attempt: number,
    changes: QueryDeepPartialEntity<MatchingRun>,
    manager: EntityManager,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(MatchingRun)
      .set({ ...changes, interruptions: () => 'interruptions + 1' })
      .where(`id = :id AND status = 'running' AND attempts = :attempt`, { id, attempt })
      .execute();
  }

  /** Objective and optimality of finished runs, read from the stored result without loading it whole. */
  async outcomes(
    ids: string[],
  ): Promise<Map<string, { objective: unknown; optimality: unknown; checkOk: boolean | null; stats: unknown }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<
      { id: string; objective: unknown; optimality: unknown; checkOk: boolean | null; stats: unknown }[]
    >(
      `SELECT id, result->'objective' AS objective, result->'optimality' AS optimality, (check_report->>'ok')::boolean AS "checkOk", result->'stats' AS stats
         FROM matching_run WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  list(skip: number, take: number): Promise<[MatchingRun[], number]> {
    return this.dataSource.manager.findAndCount(MatchingRun, {
      select: SUMMARY_COLUMNS,
      order: { createdAt: 'DESC', id: 'DESC' },
      skip,
      take,
    });
  }

  // ---- Pins ----

  pins(seminarId: string | undefined, skip: number, take: number): Promise<[MatchingPin[], number]> {
    return this.dataSource.manager.findAndCount(MatchingPin, {
      where: seminarId ? { seminarId } : {},
      order: { createdAt: 'ASC', id: 'ASC' },
      skip,
      take,
    });
  }

  async upsertPin(
    pin: Pick<MatchingPin, 'personId' | 'seminarId' | 'kind' | 'note' | 'createdById'>,
    manager: EntityManager,
  ): Promise<{ pin: MatchingPin; created: boolean }> {
    const existing = await manager.findOne(MatchingPin, {
      where: { personId: pin.personId, seminarId: pin.seminarId },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing) {
      await manager.update(MatchingPin, { id: existing.id }, { kind: pin.kind, note: pin.note });
      return { pin: { ...existing, kind: pin.kind, note: pin.note }, created: false };
    }
    return { pin: await manager.save(MatchingPin, manager.create(MatchingPin, pin)), created: true };
  }

  findPin(id: string, manager: EntityManager): Promise<MatchingPin | null> {
    return manager.findOne(MatchingPin, { where: { id } });
  }

  async deletePin(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(MatchingPin, { id });
  }
}
