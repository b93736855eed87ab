import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays } from '../../common/time/calendar-date';
import { ConfigService } from '../../config/config.service';
import { AvailabilityRepository } from '../needs/availability.repository';
import type {
  InstanceAttendee,
  InstanceSeminar,
  InstanceSpecialist,
  InstanceUnit,
  MatchingInstance,
  Settings,
} from './engine/instance';
import { MatchingInputRepository, type ScopeSeminarRow } from './matching-input.repository';
import { TrainingNeedsRepository } from '../needs/training-needs.repository';

/** Settings the office may choose per run; the rest come from the configuration. */
export type RunSettings = Partial<Pick<Settings, 'unitSeminarCap' | 'unitDailyShare'>>;

/** How far back a specialist's seminars count towards their load, for a fair spread. */
const LOAD_WINDOW_DAYS = 365;

/** Builds the engine's instance for a set of seminars from what the database holds now. */
@Injectable()
export class MatchingInputService {
  constructor(
    private readonly input: MatchingInputRepository,
    private readonly needs: TrainingNeedsRepository,
    private readonly availability: AvailabilityRepository,
    private readonly config: ConfigService,
  ) {}

  async build(
    manager: EntityManager,
    seminarRows: ScopeSeminarRow[],
    settings: RunSettings,
  ): Promise<MatchingInstance> {
    const seminarIds = seminarRows.map((s) => s.id);
    const topicIds = [...new Set(seminarRows.map((s) => s.topicId))];
    const networkIds = [...new Set(seminarRows.map((s) => s.networkId))];
    const allDates = seminarRows.flatMap((s) => s.dates).sort();
    const first = allDates[0];
    const last = allDates[allDates.length - 1];
    const months = [...new Set(allDates.map((d) => d.slice(0, 7)))];

    // One connection (the snapshot's transaction) runs the reads one after another.
    const requirements = await this.input.requirements(topicIds, manager);
    const facilitations = await this.input.facilitators(seminarIds, manager);
    const seatsHeld = await this.input.seatsHeld(seminarIds, manager);
    const referrals = await this.input.referralHospitals(networkIds, manager);
    const pins = await this.input.pins(seminarIds, manager);
    const specialtyIds = [...new Set(requirements.map((r) => r.specialtyId))];
    const specialistRows = await this.input.specialists(specialtyIds, manager);

    // Units of the seminars' networks, and of anyone pinned from elsewhere.
    const pinnedIds = [...new Set(pins.map((p) => p.personId))];
    const pinnedUnits = await this.input.unitsOf(pinnedIds, manager);
    const unitRows = await this.input.units(networkIds, pinnedUnits, manager);
    const unitIds = unitRows.map((u) => u.id);
    const attendeeRows = await this.input.attendees(unitIds, manager);
    const specialistIds = new Set(specialistRows.map((s) => s.id));
    // From units outside the seminars' networks, only the people pinned come into the run.
    const pinned = new Set(pinnedIds);
    const attendeeRowsOnly = attendeeRows.filter(
      (a) => pinned.has(a.id) || (!specialistIds.has(a.id) && networkIds.includes(a.networkId!)),
    );
    const attendeeIds = attendeeRowsOnly.map((a) => a.id);
    const everyone = [...specialistRows.map((s) => s.id), ...attendeeIds];

    const specialistIdList = specialistRows.map((s) => s.id);
    const busy = await this.input.busyDates(everyone, first, last, manager);
    const unavailable = await this.availability.findUnavailableRanges(everyone, { from: first, to: last }, manager);
    const monthly = await this.input.monthlyLoad(specialistIdList, months, manager);
    const load = await this.input.load(specialistIdList, addDays(first, -LOAD_WINDOW_DAYS), last, manager);
    const held = await this.input.heldTopics(attendeeIds, manager);
    const away = await this.input.awayByDate(unitIds, first, last, manager);
    const needs = await this.needs.findNeedsForTopics(topicIds, manager);
    const needsOf = new Map(needs.map((n) => [n.personId, n]));
    const requiredOf = new Map<string, { specialtyId: string; count: number }[]>();
    for (const r of requirements)
      requiredOf.set(r.topicId, [...(requiredOf.get(r.topicId) ?? []), { specialtyId: r.specialtyId, count: r.count }]);
    const preferredOf = new Map(referrals.map((r) => [r.networkId, r.hospitalIds.sort()]));

    const seminars: InstanceSeminar[] = seminarRows.map((s) => {
      const held = seatsHeld.filter((h) => h.seminarId === s.id);
      return {
        id: s.id,
        topicId: s.topicId,
        networkId: s.networkId,
        dates: s.dates,
        capacity: s.capacity,
        seatsTaken: held.reduce((sum, h) => sum + h.count, 0),
        unitSeatsTaken: Object.fromEntries(held.filter((h) => h.unitId).map((h) => [h.unitId!, h.count])),
        requiredSpecialties: requiredOf.get(s.topicId) ?? [],
        facilitators: facilitations
          .filter((f) => f.seminarId === s.id)
          .map((f) => ({ personId: f.personId, specialtyId: f.specialtyId, hospitalId: f.unitId })),
        preferredHospitalIds: preferredOf.get(s.networkId) ?? [],
      };
    });
    const specialists: InstanceSpecialist[] = specialistRows.map((s) => ({
      id: s.id,
      specialtyId: s.specialtyId,
      hospitalId: s.unitId,
      networkId: s.networkId,
      unavailable: unavailable.get(s.id) ?? [],
      busyDates: busy.get(s.id) ?? [],
      monthlyLoad: monthly.get(s.id) ?? {},
      load: load.get(s.id) ?? 0,
    }));
    const units: InstanceUnit[] = unitRows.map((u) => ({
      id: u.id,
      networkId: u.networkId,
      attendeeStaff: u.attendeeStaff,
      referralHospitalIds: u.referralHospitalIds,
      awayByDate: away.get(u.id) ?? {},
    }));
    const attendees: InstanceAttendee[] = attendeeRowsOnly.map((a) => {
      const stated = needsOf.get(a.id);
      return {
        id: a.id,
        unitId: a.unitId!,
        willing: stated?.willingToAttend ?? false,
        interests: Object.fromEntries((stated?.interests ?? []).map((i) => [i.topicId, i.interest])),
        trainedTopicIds: (stated?.interests ?? []).filter((i) => i.trainedBefore).map((i) => i.topicId),
        heldTopicIds: held.get(a.id) ?? [],
        unavailable: unavailable.get(a.id) ?? [],
        busyDates: busy.get(a.id) ?? [],
      };
    });
    const matching = this.config.get('matching');
    return {
      settings: {
        unitSeminarCap: settings.unitSeminarCap ?? matching.unitSeminarCap,
        unitDailyShare: settings.unitDailyShare ?? matching.unitDailyShare,
        facilitatorMonthlyLimit: this.config.get('seminars').facilitatorMonthlyLimit,
        budgetMs: matching.searchBudgetMs,
      },
      seminars,
      specialists,
      units,
      attendees,
      pins,
    };
  }
}
