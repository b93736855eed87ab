import { Module } from '@nestjs/common';
import { SeminarsModule } from '../seminars/seminars.module';
import { EvaluationFormsService } from './evaluation-forms.service';
import { EvaluationReportsRepository } from './evaluation-reports.repository';
import { EvaluationResponseRepository } from './evaluation-response.repository';
import { EvaluationReportsService } from './evaluation-reports.service';
import { EvaluationTallyRepository } from './evaluation-tally.repository';
import {
  EvaluationFormsController,
  SeminarEvaluationsController,
  TopicEvaluationsController,
} from './evaluations.controller';
import { EvaluationsService } from './evaluations.service';
import { MyEvaluationsController } from './my-evaluations.controller';

@Module({
  imports: [SeminarsModule],
  controllers: [
    EvaluationFormsController,
    TopicEvaluationsController,
    SeminarEvaluationsController,
    MyEvaluationsController,
  ],
  providers: [
    EvaluationFormsService,
    EvaluationsService,
    EvaluationReportsService,
    EvaluationReportsRepository,
    EvaluationResponseRepository,
    EvaluationTallyRepository,
  ],
  exports: [EvaluationsService, EvaluationFormsService],
})
export class EvaluationsModule {}
