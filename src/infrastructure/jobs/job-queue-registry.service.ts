import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueueRepository } from './job-queue.repository';
import { QUEUE_SETUP_LOCK } from './pg-boss-sql';
import type { JobContext, QueueDefinition } from './queue-definition';

/** PostgreSQL's SQLSTATE for a transaction chosen as the victim of a deadlock. */
const DEADLOCK_DETECTED = '40P01';
const SET_UP_ATTEMPTS = 5;

/** What one worker loop fetches and runs: a queue, or the dead letters of one. */
export interface WorkedQueue {
  name: string;
  batchSize: number;
  run: (data: object, job: JobContext) => Promise<void>;
  onInterrupted?: QueueDefinition<object>['onInterrupted'];
}

/** The queues the modules define, set up in pg-boss at start, and what the worker runs for each. */
@Injectable()
export class JobQueueRegistry {
  private readonly queues: QueueDefinition<object>[] = [];
  private readonly worked = new Map<string, WorkedQueue>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: JobQueueRepository,
  ) {}

  define<T extends object>(queue: QueueDefinition<T>): void {
    this.queues.push(queue as unknown as QueueDefinition<object>);
  }

  /**
   * pg-boss creates each queue's partition with DDL that deadlocks when processes starting
   * together create different queues at once; one process at a time sets them up. Its own
   * maintenance in another starting process can still take the same tables in another order, so a
   * set-up that PostgreSQL chose as a deadlock's victim is run again (creating a queue that exists
   * changes nothing).
   */
  async setUp(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.transaction(async (manager) => {
          await manager.query(QUEUE_SETUP_LOCK);
          for (const queue of this.queues) await this.setUpQueue(queue);
        });
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= SET_UP_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  /** Every queue set up, dead letters included, as the worker loops run them. */
  workedQueues(): WorkedQueue[] {
    return [...this.worked.values()];
  }

  get(name: string): WorkedQueue | undefined {
    return this.worked.get(name);
  }

  private async setUpQueue(queue: QueueDefinition<object>): Promise<void> {
    const deadLetter = queue.onGiveUp ? `${queue.name}.abandoned` : undefined;
    await this.repository.setUp(queue, deadLetter);
    this.worked.set(queue.name, {
      name: queue.name,
      batchSize: queue.batchSize ?? 1,
      run: queue.handler,
      onInterrupted: queue.onInterrupted,
    });
    if (deadLetter)
      this.worked.set(deadLetter, { name: deadLetter, batchSize: 1, run: (data) => queue.onGiveUp!(data) });
  }
}
