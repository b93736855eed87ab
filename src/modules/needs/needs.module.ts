import { Module } from '@nestjs/common';
import { csvUploads } from '../../common/http/memory-uploads';
import { IdentityModule } from '../identity/identity.module';
import { AvailabilityController } from './availability.controller';
import { AvailabilityRepository } from './availability.repository';
import { AvailabilityService } from './availability.service';
import { TrainingNeedsImportService } from './training-needs-import.service';
import { TrainingNeedsController } from './training-needs.controller';
import { TrainingNeedsRepository } from './training-needs.repository';
import { TrainingDemandRepository } from './training-demand.repository';
import { TrainingNeedsService } from './training-needs.service';

/**
 * The inputs of matching: what attendees want to learn and the days people cannot take part.
 * The matching reads them through the two exported repositories.
 */
@Module({
  imports: [IdentityModule, csvUploads()],
  controllers: [TrainingNeedsController, AvailabilityController],
  providers: [
    TrainingNeedsRepository,
    TrainingDemandRepository,
    AvailabilityRepository,
    TrainingNeedsService,
    AvailabilityService,
    TrainingNeedsImportService,
  ],
  exports: [TrainingNeedsRepository, AvailabilityRepository],
})
export class NeedsModule {}
