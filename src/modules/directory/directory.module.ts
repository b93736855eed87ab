import { Module } from '@nestjs/common';
import { csvUploads } from '../../common/http/memory-uploads';
import { IdentityModule } from '../identity/identity.module';
import { NetworksController } from './networks.controller';
import { PeopleController } from './people.controller';
import { SpecialtiesController } from './specialties.controller';
import { UnitsController } from './units.controller';
import { PeopleImportService } from './import/people-import.service';
import { UnitsImportService } from './import/units-import.service';
import { NetworkRepository } from './network.repository';
import { NetworksService } from './networks.service';
import { PeopleInvitationsService } from './people-invitations.service';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';
import { SpecialtiesService } from './specialties.service';
import { SpecialtyRepository } from './specialty.repository';
import { UnitRepository } from './unit.repository';
import { UnitsService } from './units.service';

@Module({
  imports: [IdentityModule, csvUploads()],
  controllers: [NetworksController, UnitsController, SpecialtiesController, PeopleController],
  providers: [
    NetworkRepository,
    UnitRepository,
    SpecialtyRepository,
    PeopleRepository,
    NetworksService,
    UnitsService,
    SpecialtiesService,
    PeopleService,
    PeopleImportService,
    PeopleInvitationsService,
    UnitsImportService,
  ],
  exports: [NetworkRepository, UnitRepository, SpecialtyRepository],
})
export class DirectoryModule {}
