import { Module } from '@nestjs/common';
import { SeminarsModule } from '../seminars/seminars.module';
import { MatchingInputRepository } from './matching-input.repository';
import { MatchingInputService } from './matching-input.service';
import { MatchingPublishService } from './matching-publish.service';
import { MatchingRunRepository } from './matching-run.repository';
import { MatchingRunner } from './matching-runner.service';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';
import { NeedsModule } from '../needs/needs.module';

/** Matching runs: build the instance from the database, solve in the background, publish. */
@Module({
  imports: [NeedsModule, SeminarsModule],
  controllers: [MatchingController],
  providers: [
    MatchingInputRepository,
    MatchingInputService,
    MatchingRunRepository,
    MatchingRunner,
    MatchingService,
    MatchingPublishService,
  ],
})
export class MatchingModule {}
