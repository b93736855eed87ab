import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import type { Seminar } from '../seminars/seminar.entity';
import type { Enrolment } from './enrolment.entity';
import { EnrolmentNotices } from './enrolment-notices';
import { EnrolmentRepository, type PersonCard } from './enrolment.repository';
import { ReleaseApprovalRepository } from './release-approval.repository';

/** The release request that follows a seat taken: the unit's managers are asked to let the attendee go. */
@Injectable()
export class ReleaseRequests {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly releases: ReleaseApprovalRepository,
    private readonly notices: EnrolmentNotices,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** Asks the attendee's unit managers (or, when the unit has none, the office) to release them. */
  async request(manager: EntityManager, seminar: Seminar, enrolment: Enrolment, person: PersonCard): Promise<void> {
    const approval = await this.releases.create(
      {
        enrolmentId: enrolment.id,
        unitId: person.unitId,
        requestedOn: todayIn(this.config.get('timeZone'), this.clock.now()),
      },
      manager,
    );
    const managers = person.unitId ? await this.enrolments.managersOf(person.unitId, manager) : [];
    const recipients = managers.length > 0 ? managers : await this.enrolments.office(manager);
    const dates = (seminar.days ?? []).map((day) => day.date);
    const away = person.unitId
      ? (await this.releases.unitAway(person.unitId, dates, enrolment.id, manager)).away
      : new Map<string, number>();
    await this.notices.releaseRequested(
      manager,
      { approval, attendee: person, unitName: person.unitName, seminar },
      recipients,
      away,
    );
  }
}
