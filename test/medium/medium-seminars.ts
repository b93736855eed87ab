import type { Principal } from '../../src/common/auth/principal';
import { AttendanceService } from '../../src/modules/attendance/attendance.service';
import type { AttendanceStatus } from '../../src/modules/attendance/hours';
import { FacilitatorsService } from '../../src/modules/seminars/facilitators.service';
import { SeminarLifecycleService } from '../../src/modules/seminars/seminar-lifecycle.service';
import { SeminarsService } from '../../src/modules/seminars/seminars.service';
import { createTopic, createVenue, enrol, type TopicOverrides } from '../support/factories';
import type { MediumContext } from './medium-module';

export type SeminarStage = 'draft' | 'open' | 'confirmed' | 'in_progress' | 'completed';
const STAGES: SeminarStage[] = ['draft', 'open', 'confirmed', 'in_progress', 'completed'];

export interface MediumSeminarPlan {
  /** A member of the training office, who plans the seminar and takes it along its lifecycle. */
  office: Principal;
  networkId: string;
  startDate: string;
  /** An existing topic; otherwise a new one made with these overrides. */
  topicId?: string;
  topic?: TopicOverrides;
  capacity?: number;
  /** Added in this order, the first as lead. */
  facilitators?: { id: string }[];
  /** Given a confirmed seat once it is open, as the enrolment flow leaves them. */
  confirmed?: { id: string }[];
  /** Each confirmed person's status on each day (by its index), present when it answers nothing; needs `status: 'completed'`. */
  attendance?: (personId: string, day: number) => AttendanceStatus | undefined;
  /** How far along its lifecycle to take it; `open` by default. */
  status?: SeminarStage;
}

export interface MediumSeminar {
  id: string;
  topicId: string;
  days: string[];
}

/**
 * A seminar planned and taken along its lifecycle through the seminars, attendance and enrolment
 * services, as the office does it: created, staffed, opened, its seats confirmed, confirmed,
 * started on its first day, every day's roster taken on the day, and completed on the last day.
 * The clock is put back where it was.
 */
export async function planSeminar(ctx: MediumContext, plan: MediumSeminarPlan): Promise<MediumSeminar> {
  const status = plan.status ?? 'open';
  const reaches = (stage: SeminarStage) => STAGES.indexOf(status) >= STAGES.indexOf(stage);
  const topicId = plan.topicId ?? (await createTopic(ctx.factories, plan.topic)).id;
  const venue = await createVenue(ctx.factories, plan.networkId, Math.max(30, plan.capacity ?? 0));
  const created = await ctx.get(SeminarsService).create(plan.office, {
    topicId,
    networkId: plan.networkId,
    venueId: venue.id,
    startDate: plan.startDate,
    ...(plan.capacity ? { capacity: plan.capacity } : {}),
  });
  const id = created.id;
  const days = created.days.map((day) => day.date);
  for (const [index, person] of (plan.facilitators ?? []).entries()) {
    await ctx.get(FacilitatorsService).add(plan.office, id, { personId: person.id, lead: index === 0 });
  }
  const lifecycle = ctx.get(SeminarLifecycleService);
  const confirmed = plan.confirmed ?? [];
  const before = ctx.clock.now().toISOString();
  try {
    if (reaches('open')) await lifecycle.transition(plan.office, id, 'open');
    for (const person of confirmed) await enrol(ctx.factories, id, person.id, 'confirmed');
    if (reaches('confirmed')) await lifecycle.transition(plan.office, id, 'confirm');
    if (reaches('in_progress')) {
      // 09:00 in Mexico City on the first day.
      ctx.clock.set(`${days[0]}T15:00:00Z`);
      await lifecycle.transition(plan.office, id, 'start');
    }
    if (reaches('completed')) {
      if (confirmed.length > 0) {
        for (const [day, date] of days.entries()) {
          ctx.clock.set(`${date}T18:00:00Z`);
          await ctx.get(AttendanceService).replaceRoster(plan.office, id, date, {
            records: confirmed.map((person) => ({
              personId: person.id,
              status: plan.attendance?.(person.id, day) ?? 'present',
            })),
          });
        }
      }
      // 17:00 in Mexico City on the last day.
      ctx.clock.set(`${days[days.length - 1]}T23:00:00Z`);
      await lifecycle.transition(plan.office, id, 'complete');
    }
  } finally {
    ctx.clock.set(before);
  }
  return { id, topicId, days };
}
