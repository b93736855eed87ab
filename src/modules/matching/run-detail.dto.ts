import { translate, type Text } from '../../common/i18n/messages';
import { type Language } from '../../common/i18n/text';
import type { MatchingResult } from './engine/instance';
import {
  attendeeReasons,
  blockerText,
  EXCLUSION_TEXT,
  facilitatorReasons,
  pinReasonText,
  SHORTFALL_TEXT,
} from './matching-reasons';
import type { MatchingRun } from './matching-run.entity';
import type { RunDetailDto, RunSummaryDto } from './matching.dto';

export interface Names {
  person: Map<string, string>;
  unit: Map<string, string>;
  specialty: Map<string, { es: string; en: string }>;
  seminar: Map<string, { title: string; startDate: string; endDate: string; capacity: number }>;
}

export function toRunSummary(
  run: MatchingRun,
  outcome?: { objective: unknown; optimality: unknown; checkOk: boolean | null },
): RunSummaryDto {
  return {
    id: run.id,
    status: run.status,
    phase: run.phase,
    progress: run.progress,
    seminarIds: run.seminarIds,
    scope: run.scope as Record<string, unknown>,
    settings: run.settings,
    error: run.error,
    attempts: run.attempts,
    interruptions: run.interruptions,
    interruptedAt: run.interruptedAt?.toISOString() ?? null,
    interruptionReason: run.interruptionReason,
    createdById: run.createdById,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    publishedAt: run.publishedAt?.toISOString() ?? null,
    ...(outcome?.objective
      ? {
          objective: outcome.objective as RunSummaryDto['objective'],
          optimality: stripOptimality(outcome.optimality),
          checkOk: outcome.checkOk ?? false,
        }
      : {}),
  };
}

function stripOptimality(value: unknown): RunSummaryDto['optimality'] {
  const o = value as MatchingResult['optimality'];
  const stage = (s: MatchingResult['optimality']['facilitators']) => ({
    status: s.status,
    objective: s.objective,
    bound: s.bound,
    flowSolves: s.flowSolves,
    // Runs solved before the exact solver carried no proof source: their certificate proved the bound.
    provenBy: s.provenBy ?? 'flow_certificate',
  });
  return { facilitators: stage(o.facilitators), attendees: stage(o.attendees) };
}

/** A finished run as the office reads it: its proposals, who was left out and why, and its pins. */
export function toRunDetail(run: MatchingRun, names: Names, language: Language): RunDetailDto {
  const result = run.result!;
  const say = (t: Text) => translate(t, language);
  const personName = (personId: string) => names.person.get(personId) ?? personId;
  const check = run.checkReport!;
  const specialists = new Set(run.instance?.specialists.map((s) => s.id) ?? []);
  const seatsTakenOf = new Map(run.instance?.seminars.map((s) => [s.id, s.seatsTaken]) ?? []);
  return {
    ...toRunSummary(run, { objective: result.objective, optimality: result.optimality, checkOk: check.ok }),
    check: {
      ok: check.ok,
      feasible: check.feasible,
      objectiveMatches: check.objectiveMatches,
      certificateValid: check.certificateValid,
      optimal: check.optimal,
      violations: check.violations,
    },
    proposals: result.proposals.map((p) => {
      const seminar = names.seminar.get(p.seminarId);
      return {
        seminarId: p.seminarId,
        title: seminar?.title ?? '',
        startDate: seminar?.startDate ?? '',
        endDate: seminar?.endDate ?? '',
        capacity: seminar?.capacity ?? 0,
        seatsTaken: seatsTakenOf.get(p.seminarId) ?? 0,
        facilitators: p.facilitators.map((f) => ({
          personId: f.personId,
          fullName: personName(f.personId),
          specialtyId: f.specialtyId,
          hospitalId: f.hospitalId,
          hospitalName: f.hospitalId ? (names.unit.get(f.hospitalId) ?? null) : null,
          referralHospital: f.referralHospital,
          load: f.load,
          pinned: f.pinned,
          reasons: facilitatorReasons(f).map(say),
        })),
        uncovered: p.uncovered.map((u) => ({
          specialtyId: u.specialtyId,
          specialtyName: names.specialty.get(u.specialtyId)?.[language] ?? u.specialtyId,
          missing: u.missing,
          reason: u.reason,
          reasonText: say(SHORTFALL_TEXT[u.reason]),
          blockers: (u.blockers ?? []).map((b) => ({
            ...b,
            fullName: personName(b.personId),
            reasonText: say(blockerText(b, (id) => names.seminar.get(id)?.title ?? id)),
          })),
        })),
        attendees: p.attendees.map((a) => ({
          personId: a.personId,
          fullName: personName(a.personId),
          unitId: a.unitId,
          unitName: names.unit.get(a.unitId) ?? '',
          interest: a.interest,
          neverTrained: a.neverTrained,
          pairedFacilitatorIds: a.pairedFacilitatorIds,
          pinned: a.pinned,
          reasons: attendeeReasons(a, personName).map(say),
        })),
      };
    }),
    leftOut: result.leftOut.map((l) => ({
      personId: l.personId,
      fullName: personName(l.personId),
      unitId: l.unitId,
      unitName: names.unit.get(l.unitId) ?? '',
      reason: l.reason,
      reasonText: say(EXCLUSION_TEXT[l.reason]),
    })),
    pins: result.pins.map((p) => {
      const reasonText = pinReasonText(p.reason, specialists.has(p.personId));
      return {
        personId: p.personId,
        seminarId: p.seminarId,
        kind: p.kind,
        honoured: p.honoured,
        ...(p.reason ? { reason: p.reason } : {}),
        ...(reasonText ? { reasonText: say(reasonText) } : {}),
      };
    }),
    stats: result.stats,
  };
}
