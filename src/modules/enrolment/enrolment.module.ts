import { Module } from '@nestjs/common';
import { EnrolmentRepository } from './enrolment.repository';
import { InvitationsHandler } from './invitations.handler';

@Module({
  providers: [EnrolmentRepository, InvitationsHandler],
  exports: [EnrolmentRepository],
})
export class EnrolmentModule {}
