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
import { UnitAbsencesController } from './unit-absences.controller';
import { UnitAbsencesRepository } from './unit-absences.repository';
import { UnitAbsencesService } from './unit-absences.service';

/**
 * The inputs of matching: what attendees want to learn and the days people cannot take part.
 * The matching reads them through the two exported repositories.
 */
@Module({
  imports: [IdentityModule, csvUploads()],
  controllers: [TrainingNeedsController, AvailabilityController, UnitAbsencesController],
  providers: [
    TrainingNeedsRepository,
    TrainingDemandRepository,
    AvailabilityRepository,
    TrainingNeedsService,
    AvailabilityService,
    TrainingNeedsImportService,
    UnitAbsencesRepository,
    UnitAbsencesService,
  ],
  exports: [TrainingNeedsRepository, AvailabilityRepository],
})
export class NeedsModule {}
