import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import type { FieldError } from '../../common/errors/domain-error';
import { message } from '../../common/i18n/messages';
import { daysBetween } from '../../common/time/calendar-date';
import { inTransaction } from '../../database/transaction';
import { personNotFound } from '../directory/directory.errors';
import { PersonRepository } from '../identity/person.repository';
import { mergeRanges, type ReasonedRange } from './availability-ranges';
import { AvailabilityRepository } from './availability.repository';
import {
  MAX_RANGE_DAYS,
  toAvailabilityResponse,
  type AvailabilityDto,
  type AvailabilityResponseDto,
  type UnavailableRangeDto,
} from './needs.dto';
import { availabilityInvalid, needsChanged, noAvailabilityRole } from './needs.errors';

/** Dates outside these years are typing mistakes (and PostgreSQL has no year 0000). */
const EARLIEST = '2000-01-01';
const LATEST = '2099-12-31';

/**
 * Availability: the days attendees and facilitators cannot take part in a seminar. Saving tells
 * the person which of their seminars fall on those days; it does not change the seminars.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly availability: AvailabilityRepository,
    private readonly people: PersonRepository,
    private readonly audit: AuditService,
  ) {}

  getMine(principal: Principal): Promise<AvailabilityResponseDto> {
    return this.read(principal.personId);
  }

  replaceMine(principal: Principal, input: AvailabilityDto): Promise<AvailabilityResponseDto> {
    return this.replace(principal, principal.personId, input, false);
  }

  /** The office reads an attendee's or a facilitator's availability. */
  async getFor(personId: string): Promise<AvailabilityResponseDto> {
    await this.requireParticipant(personId);
    return this.read(personId);
  }

  /** The office records someone's unavailable dates on their behalf. */
  replaceFor(actor: Principal, personId: string, input: AvailabilityDto): Promise<AvailabilityResponseDto> {
    return this.replace(actor, personId, input, true);
  }

  private async read(personId: string): Promise<AvailabilityResponseDto> {
    const [ranges, clashes] = await Promise.all([
      this.availability.findForPerson(personId),
      this.availability.clashes(personId),
    ]);
    return toAvailabilityResponse(personId, ranges, clashes);
  }

  private async requireParticipant(personId: string, manager?: EntityManager): Promise<void> {
    const person = await this.people.findById(personId, manager);
    if (!person) throw personNotFound();
    if (!person.roles.some((role) => role === 'attendee' || role === 'facilitator')) throw noAvailabilityRole();
  }

  /** `checkPerson`: the role guard has not already established that the person takes part in seminars. */
  private async replace(
    actor: Principal,
    personId: string,
    input: AvailabilityDto,
    checkPerson: boolean,
  ): Promise<AvailabilityResponseDto> {
    const ranges = mergeRanges(checkedRanges(input.unavailable));
    await inTransaction(
      this.dataSource,
      async (manager) => {
        if (checkPerson) await this.requireParticipant(personId, manager);
        await this.availability.lockPerson(personId, manager);
        await this.availability.replace(personId, ranges, manager);
        await this.audit.record(manager, {
          actorId: actor.personId,
          action: 'availability.updated',
          subjectType: 'person',
          subjectId: personId,
          details: { onBehalf: actor.personId !== personId, ranges: ranges.length },
        });
      },
      { foreignKey: needsChanged },
    );
    return this.read(personId);
  }
}

/** The ranges with `to` filled in, or a 422 naming every range at fault. */
function checkedRanges(input: UnavailableRangeDto[]): ReasonedRange[] {
  const problems: FieldError[] = [];
  const ranges = input.map((range, index) => {
    const to = range.to ?? range.from;
    const field = (name: string) => `unavailable.${index}.${name}`;
    for (const [name, date] of [
      ['from', range.from],
      ['to', to],
    ] as const) {
      if (date < EARLIEST || date > LATEST) {
        problems.push({
          field: field(name),
          message: message('matching.availability.mustBeDateBetween'),
        });
      }
    }
    if (to < range.from) {
      problems.push({
        field: field('to'),
        message: message('matching.availability.cannotBeBeforeFirst'),
      });
    } else if (daysBetween(range.from, to) + 1 > MAX_RANGE_DAYS) {
      problems.push({
        field: field('to'),
        message: message('matching.availability.rangeSpansAtMost', { maxRangeDays: MAX_RANGE_DAYS }),
      });
    }
    return { from: range.from, to, reason: range.reason ?? null };
  });
  if (problems.length > 0) throw availabilityInvalid(problems);
  return ranges;
}
