import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './common/audit/audit.module';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/configuration';
import { dataSourceOptions } from './database/data-source-options';
import { ClockModule } from './common/time/clock';
import { EventsModule } from './common/events/domain-events';
import { JobsModule } from './infrastructure/jobs/jobs.module';
import { MailModule } from './infrastructure/mail/mail.module';
import { DirectoryModule } from './modules/directory/directory.module';
import { EnrolmentModule } from './modules/enrolment/enrolment.module';
import { CasesModule } from './modules/cases/cases.module';
import { AttendanceModule } from './modules/attendance/attendance.module';
import { EvaluationsModule } from './modules/evaluations/evaluations.module';
import { CertificatesModule } from './modules/certificates/certificates.module';
import { ContactsModule } from './modules/contacts/contacts.module';
import { StorageModule } from './infrastructure/storage/storage.module';
import { HealthModule } from './modules/health/health.module';
import { IdentityModule } from './modules/identity/identity.module';
import { MatchingModule } from './modules/matching/matching.module';
import { NeedsModule } from './modules/needs/needs.module';
import { ReportsModule } from './modules/reports/reports.module';
import { SeminarsModule } from './modules/seminars/seminars.module';
import { TopicsModule } from './modules/topics/topics.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.database)),
        AuditModule,
        ClockModule,
        EventsModule,
        JobsModule.forRoot(databaseUrl),
        MailModule,
        StorageModule,
        IdentityModule,
        DirectoryModule,
        TopicsModule,
        SeminarsModule,
        NeedsModule,
        MatchingModule,
        EnrolmentModule,
        CasesModule,
        AttendanceModule,
        EvaluationsModule,
        CertificatesModule,
        ContactsModule,
        ReportsModule,
        HealthModule,
      ],
    };
  }
}
