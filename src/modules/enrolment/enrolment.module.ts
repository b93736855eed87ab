import { Module } from '@nestjs/common';
import { SeminarsModule } from '../seminars/seminars.module';
import { EnrolmentDeadlinesService } from './enrolment-deadlines.service';
import { AnswerLinks } from './answer-links';
import { AnswersService } from './answers.service';
import { EnrolmentController } from './enrolment.controller';
import { EnrolmentNotices } from './enrolment-notices';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentService } from './enrolment.service';
import { InvitationsHandler } from './invitations.handler';
import { ReleaseApprovalRepository } from './release-approval.repository';
import { ReleaseRequestsController } from './release-requests.controller';
import { ReleaseService } from './release.service';
import { SeatsService } from './seats.service';
import { ReleaseRequests } from './release-requests';

@Module({
  imports: [SeminarsModule],
  controllers: [EnrolmentController, ReleaseRequestsController],
  providers: [
    EnrolmentRepository,
    ReleaseApprovalRepository,
    EnrolmentNotices,
    SeatsService,
    ReleaseRequests,
    EnrolmentService,
    ReleaseService,
    EnrolmentDeadlinesService,
    InvitationsHandler,
    AnswerLinks,
    AnswersService,
  ],
  exports: [EnrolmentRepository],
})
export class EnrolmentModule {}
