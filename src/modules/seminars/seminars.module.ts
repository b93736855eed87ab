import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { IdentityModule } from '../identity/identity.module';
import { TopicsModule } from '../topics/topics.module';
import { AgendaService } from './agenda.service';
import { BookingRepository } from './booking.repository';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarService } from './calendar.service';
import { ConflictsService } from './conflicts.service';
import { FacilitationRepository } from './facilitation.repository';
import { FacilitatorsService } from './facilitators.service';
import { HolidayRepository } from './holiday.repository';
import { HolidaysService } from './holidays.service';
import { ParticipantsRepository } from './participants.repository';
import { SeminarLifecycleService } from './seminar-lifecycle.service';
import { SeminarNotices } from './seminar-notices';
import { SeminarPlanning } from './seminar-planning';
import { SeminarRepository } from './seminar.repository';
import { CalendarFeedController } from './calendar-feed.controller';
import { HolidaysController } from './holidays.controller';
import { MySeminarsController } from './my-seminars.controller';
import { SeminarsController } from './seminars.controller';
import { VenuesController } from './venues.controller';
import { SeminarAgendaController } from './seminar-agenda.controller';
import { SeminarFacilitatorsController } from './seminar-facilitators.controller';
import { SeminarLifecycleController } from './seminar-lifecycle.controller';
import { SeminarsService } from './seminars.service';
import { VenueRepository } from './venue.repository';
import { VenuesService } from './venues.service';

@Module({
  imports: [IdentityModule, DirectoryModule, TopicsModule],
  controllers: [
    SeminarsController,
    SeminarLifecycleController,
    SeminarAgendaController,
    SeminarFacilitatorsController,
    MySeminarsController,
    CalendarFeedController,
    VenuesController,
    HolidaysController,
  ],
  providers: [
    SeminarRepository,
    FacilitationRepository,
    ParticipantsRepository,
    BookingRepository,
    VenueRepository,
    HolidayRepository,
    CalendarFeedRepository,
    SeminarPlanning,
    ConflictsService,
    SeminarNotices,
    SeminarsService,
    SeminarLifecycleService,
    AgendaService,
    FacilitatorsService,
    VenuesService,
    HolidaysService,
    CalendarService,
  ],
  exports: [
    SeminarRepository,
    FacilitationRepository,
    HolidayRepository,
    BookingRepository,
    ParticipantsRepository,
    ConflictsService,
    SeminarPlanning,
    SeminarsService,
    FacilitatorsService,
  ],
})
export class SeminarsModule {}
