import { randomUUID } from 'node:crypto';
import type { ModuleMetadata, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditModule } from '../../src/common/audit/audit.module';
import type { Principal, Role } from '../../src/common/auth/principal';
import { EventsModule } from '../../src/common/events/domain-events';
import { Clock, ClockModule } from '../../src/common/time/clock';
import { ConfigModule } from '../../src/config/config.module';
import { loadConfig, type AppConfig } from '../../src/config/configuration';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { JobsModule } from '../../src/infrastructure/jobs/jobs.module';
import { MailModule } from '../../src/infrastructure/mail/mail.module';
import { MailService, type MailRequest } from '../../src/infrastructure/mail/mail.service';
import type { OutboxMail } from '../../src/infrastructure/mail/outbox-mail.entity';
import { StorageModule } from '../../src/infrastructure/storage/storage.module';
import type { Person } from '../../src/modules/identity/person.entity';
import type { TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** A clock the test sets: noon in Mexico City of 10 January 2031 until told otherwise. */
export class TestClock extends Clock {
  private instant = new Date('2031-01-10T18:00:00Z');

  override now(): Date {
    return new Date(this.instant);
  }

  /** A precise instant, e.g. '2031-03-17T14:05:00Z'. */
  set(isoInstant: string): void {
    this.instant = new Date(isoInstant);
  }

  /** Noon (Mexico City) of `date`. */
  setToday(date: string): void {
    this.set(`${date}T18:00:00Z`);
  }
}

/** The mail the services ask to send, kept in memory instead of the outbox. */
export class RecordingMail {
  readonly sent: MailRequest[] = [];

  async enqueue(_manager: EntityManager, request: MailRequest): Promise<OutboxMail> {
    this.sent.push(request);
    return { id: randomUUID(), recipient: request.to, template: request.template } as OutboxMail;
  }

  async enqueueMany(manager: EntityManager, requests: MailRequest[]): Promise<void> {
    for (const request of requests) await this.enqueue(manager, request);
  }

  /** The templates of the mail sent to `email`, in order. */
  templatesTo(email: string): string[] {
    return this.sent.filter((mail) => mail.to === email).map((mail) => mail.template);
  }

  clear(): void {
    this.sent.length = 0;
  }
}

export interface MediumContext {
  module: TestingModule;
  dataSource: DataSource;
  config: AppConfig;
  clock: TestClock;
  mail: RecordingMail;
  database: TestDatabase;
  get<T>(type: Type<T>): T;
  /** The same module seen as a test app, for the repository-based factories of test/support/factories.ts. */
  factories: TestApp;
  close(): Promise<void>;
}

/**
 * A NestJS testing module of the given feature modules on a database of its own, cloned from the
 * migrated template: the real providers and repositories, with the application's shared modules
 * (configuration, TypeORM, audit, events, jobs, storage), and only the Clock and the mail replaced.
 * The job queue is started as an API-only process starts it (`JOB_WORKER=off`): nothing runs in
 * the background.
 */
export async function createMediumModule(
  imports: NonNullable<ModuleMetadata['imports']>,
  env: Record<string, string> = {},
): Promise<MediumContext> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUENTE_DATA_DIR: '/tmp/puente-test-data',
    JOB_WORKER: 'off',
    ...env,
  });
  const clock = new TestClock();
  const mail = new RecordingMail();
  let module: TestingModule | undefined;
  try {
    module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(database.url, { poolSize: 4 })),
        AuditModule,
        ClockModule,
        EventsModule,
        JobsModule.forRoot(database.url),
        MailModule,
        StorageModule,
        ...imports,
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .overrideProvider(MailService)
      .useValue(mail)
      .compile();
    await module.init();
  } catch (error) {
    await module?.close();
    await database.drop();
    throw error;
  }
  const ready = module;
  const dataSource = ready.get(DataSource);
  return {
    module: ready,
    dataSource,
    config,
    clock,
    mail,
    database,
    get: (type) => ready.get(type),
    factories: { app: ready, dataSource, config, database } as unknown as TestApp,
    close: async () => {
      await ready.close();
      await database.drop();
    },
  };
}

/** Who a service call acts for: the person, with their roles, as an access token would establish them. */
export function principalOf(person: Pick<Person, 'id' | 'roles' | 'unitId'>, roles?: Role[]): Principal {
  return { personId: person.id, sessionId: randomUUID(), roles: roles ?? person.roles, unitId: person.unitId };
}
