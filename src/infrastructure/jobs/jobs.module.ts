import { DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { HeldJobs } from './held-jobs.service';
import { JobLeaseRepository } from './job-lease.repository';
import { JobProgressService } from './job-progress.service';
import { JobQueueRegistry } from './job-queue-registry.service';
import { JOBS_DATABASE_URL, JobQueueRepository } from './job-queue.repository';
import { JobRunner } from './job-runner.service';
import { JobWorker } from './job-worker.service';
import { JobWorkerLog } from './job-worker-log.service';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { StaleLeaseSweeper } from './stale-lease-sweeper.service';

/** The job queue and this process's worker; `JobsService` is what the modules use of them. */
export const JOB_QUEUE_PROVIDERS: Provider[] = [
  JobsService,
  JobQueueRepository,
  JobQueueRegistry,
  JobLeaseRepository,
  JobWorkerLog,
  JobWorker,
  HeldJobs,
  JobRunner,
  StaleLeaseSweeper,
];

@Global()
@Module({})
export class JobsModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: JobsModule,
      controllers: [JobsController],
      providers: [{ provide: JOBS_DATABASE_URL, useValue: databaseUrl }, ...JOB_QUEUE_PROVIDERS, JobProgressService],
      exports: [JobsService, JobProgressService],
    };
  }
}
