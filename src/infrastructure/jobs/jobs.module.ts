import { DynamicModule, Global, Module } from '@nestjs/common';
import { JobLeaseRepository } from './job-lease.repository';
import { JobProgressService } from './job-progress.service';
import { JobsController } from './jobs.controller';
import { JOBS_DATABASE_URL, JobsService } from './jobs.service';

@Global()
@Module({})
export class JobsModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: JobsModule,
      controllers: [JobsController],
      providers: [
        { provide: JOBS_DATABASE_URL, useValue: databaseUrl },
        JobsService,
        JobProgressService,
        JobLeaseRepository,
      ],
      exports: [JobsService, JobProgressService],
    };
  }
}
