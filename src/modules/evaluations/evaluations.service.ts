import { createHmac, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import type { Language } from '../../common/i18n/text';
import { todayIn } from '../../common/time/calendar-date';
import { zonedInstant } from '../../common/time/clock-time';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { inTransaction } from '../../database/transaction';
import { FacilitationRepository } from '../seminars/facilitation.repository';
import { seminarDayNotFound, seminarNotFound } from '../seminars/seminars.errors';
import { EvaluationFormsService, type ResolvedForm } from './evaluation-forms.service';
import { EvaluationResponseRepository } from './evaluation-response.repository';
import { EvaluationTallyRepository } from './evaluation-tally.repository';
import {
  EvaluationResponseDto,
  PendingEvaluationDto,
  SubmitEvaluationDto,
  toEvaluationResponse,
} from './evaluations.dto';
import { toQuestion, type QuestionnaireDto } from './questionnaire.dto';
import {
  answersInvalid,
  closed,
  formChanged,
  notApplicable,
  notOpen,
  notOwed,
  occasionInvalid,
  responseNotFound,
} from './evaluations.errors';
import { checkAnswers } from './forms/form-items';
import { formKindOf, windowState, windowsOf, type EvaluationWindow, type Occasion } from './forms/windows';

/** A seminar as one of its confirmed attendees meets its evaluations. */
interface SeminarContext {
  id: string;
  title: string;
  topicId: string;
  startDate: string;
  days: { position: number; date: string; startsAt: Date; endsAt: Date; attendance: string | null }[];
  forms: Map<string, ResolvedForm>;
  windows: EvaluationWindow[];
}

const MISSED = new Set(['absent', 'excused']);

/**
 * What attendees answer: the pending list, submitting (and replacing) answers inside each window,
 * and reading back their own answers. Who answered is kept apart from what was answered.
 */
@Injectable()
export class EvaluationsService {
  private readonly respondentSecret: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: EvaluationFormsService,
    private readonly facilitations: FacilitationRepository,
    private readonly tallies: EvaluationTallyRepository,
    private readonly responses: EvaluationResponseRepository,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {
    this.respondentSecret = Buffer.from(
      hkdfSync('sha256', config.get('auth').jwtSecret, Buffer.alloc(0), 'puente evaluation respondents', 32),
    );
  }

  async pending(actor: Principal, language: Language): Promise<PendingEvaluationDto[]> {
    const manager = this.dataSource.manager;
    const seminarIds = await this.responses.confirmedSeminarIds(actor.personId, manager);
    const answered = await this.responses.answeredSlots(actor.personId, seminarIds, manager);
    const now = this.clock.now();
    const pending: PendingEvaluationDto[] = [];
    for (const id of seminarIds) {
      const context = (await this.context(manager, id, actor.personId))!;
      for (const window of context.windows) {
        const form = context.forms.get(formKindOf(window.occasion));
        if (!form || windowState(window, now) !== 'open' || !this.owed(context, window)) continue;
        if (answered.has(`${id}/${window.occasion}/${window.dayNumber}`)) continue;
        pending.push({
          seminarId: id,
          seminarTitle: context.title,
          occasion: window.occasion,
          date: window.date,
          key: keyOf(window),
          formId: form.formId,
          formVersion: form.version,
          title: form.title[language],
          opensAt: window.opensAt?.toISOString() ?? null,
          closesAt: window.closesAt.toISOString(),
        });
      }
    }
    return pending.sort((a, b) => a.closesAt.localeCompare(b.closesAt));
  }

  /** Records the answers, replacing the person's earlier ones while the window is open, and rebuilds the seminar's tallies. */
  async submit(
    actor: Principal,
    seminarId: string,
    key: string,
    input: SubmitEvaluationDto,
  ): Promise<EvaluationResponseDto> {
    const asked = parseKey(key);
    return inTransaction(this.dataSource, async (manager) => {
      await this.tallies.lockSeminar(seminarId, manager);
      const { context, window, form } = await this.target(manager, seminarId, actor.personId, asked);
      const now = this.clock.now();
      const state = windowState(window, now);
      if (state === 'not_yet_open') throw notOpen(window.opensAt!);
      if (state === 'closed') throw closed(window.closesAt);
      if (input.formVersion !== form.version) throw formChanged(form.version);
      const facilitatorIds = form.items.some((item) => item.perFacilitator)
        ? await this.facilitations.personIds(seminarId, manager)
        : [];
      const checked = checkAnswers(form.items, input.answers, facilitatorIds);
      if (checked.problems.length > 0) throw answersInvalid(checked.problems);

      const slot = { seminarId, occasion: window.occasion, dayNumber: window.dayNumber };
      const submission = await this.responses.upsertSubmission(slot, actor.personId, manager);
      const responseId = await this.responses.replaceResponse(
        slot,
        this.respondentKey(seminarId, actor.personId),
        {
          topicId: context.topicId,
          startsOn: context.startDate,
          formId: form.formId,
          formVersionId: form.versionId,
          score: checked.score,
          maxScore: checked.maxScore,
          answeredOn: todayIn(this.config.get('timeZone'), now),
        },
        manager,
      );
      await this.responses.insertAnswers(responseId, context, form.formId, window.occasion, checked.rows, manager);
      await this.tallies.rebuildForSeminar(seminarId, manager);
      return toEvaluationResponse(
        context,
        window,
        form,
        checked.rows,
        checked.score,
        checked.maxScore,
        submission.submitted_at,
        submission.updated_at,
      );
    });
  }

  /** The caller's own answers; nobody else can read them. */
  async mine(actor: Principal, seminarId: string, key: string): Promise<EvaluationResponseDto> {
    const manager = this.dataSource.manager;
    const { context, window } = await this.target(manager, seminarId, actor.personId, parseKey(key), false);
    const response = await this.answersOf(context, window, actor.personId, manager);
    if (!response) throw responseNotFound();
    return response;
  }

  /**
   * What the person sees to answer an occasion: its form without a diagnostic test's correct
   * answers, the seminar's facilitators for per-facilitator items, the window, and their answers.
   */
  async questionnaire(actor: Principal, seminarId: string, key: string): Promise<QuestionnaireDto> {
    const manager = this.dataSource.manager;
    const { context, window, form } = await this.target(manager, seminarId, actor.personId, parseKey(key), false);
    const facilitators = await this.facilitations.listForSeminar(seminarId, manager);
    const response = await this.answersOf(context, window, actor.personId, manager);
    return {
      seminarId,
      seminarTitle: context.title,
      occasion: window.occasion,
      date: window.date,
      key: keyOf(window),
      formId: form.formId,
      formVersion: form.version,
      title: form.title,
      items: form.items.map(toQuestion),
      facilitators: facilitators.map((f) => ({ personId: f.personId, fullName: f.fullName })),
      state: windowState(window, this.clock.now()),
      owed: this.owed(context, window),
      opensAt: window.opensAt?.toISOString() ?? null,
      closesAt: window.closesAt.toISOString(),
      response,
    };
  }

  private async answersOf(
    context: SeminarContext,
    window: EvaluationWindow,
    personId: string,
    manager: EntityManager,
  ): Promise<EvaluationResponseDto | null> {
    const slot = { seminarId: context.id, occasion: window.occasion, dayNumber: window.dayNumber };
    const submission = await this.responses.findSubmission(slot, personId, manager);
    const response = await this.responses.findResponse(slot, this.respondentKey(context.id, personId), manager);
    if (!submission || !response) return null;
    const rows = await this.responses.answers(response.id, manager);
    return toEvaluationResponse(
      context,
      window,
      response.form,
      rows,
      response.score,
      response.maxScore,
      submission.submitted_at,
      submission.updated_at,
    );
  }

  /** The seminar, window and form an answer is for; 404 for seminars the person is not confirmed in. */
  private async target(
    manager: EntityManager,
    seminarId: string,
    personId: string,
    asked: { occasion: Occasion; date: string | null },
    mustBeOwed = true,
  ): Promise<{ context: SeminarContext; window: EvaluationWindow; form: ResolvedForm }> {
    const context = await this.context(manager, seminarId, personId);
    if (!context) throw seminarNotFound();
    const form = context.forms.get(formKindOf(asked.occasion));
    if (!form) throw notApplicable();
    const window = context.windows.find(
      (w) => w.occasion === asked.occasion && (asked.occasion !== 'daily' || w.date === asked.date),
    );
    if (!window) throw seminarDayNotFound();
    if (mustBeOwed && !this.owed(context, window)) throw notOwed();
    return { context, window, form };
  }

  /** A daily evaluation is owed unless the person missed that day; the final ones unless they missed every day. */
  private owed(context: SeminarContext, window: EvaluationWindow): boolean {
    if (window.occasion === 'daily')
      return !MISSED.has(context.days.find((day) => day.position === window.dayNumber)?.attendance ?? '');
    if (window.occasion === 'pre_test') return true;
    return context.days.some((day) => !MISSED.has(day.attendance ?? ''));
  }

  private async context(manager: EntityManager, seminarId: string, personId: string): Promise<SeminarContext | null> {
    const seminar = await this.responses.seminarOfAttendee(seminarId, personId, manager);
    if (!seminar) return null;
    const timeZone = this.config.get('timeZone');
    const days = (await this.responses.daysWithAttendance(seminarId, personId, manager)).map((day) => ({
      position: day.position,
      date: day.date,
      startsAt: zonedInstant(day.date, day.start_time, timeZone),
      endsAt: zonedInstant(day.date, day.end_time, timeZone),
      attendance: day.status,
    }));
    const spans = this.config.get('evaluations');
    return {
      id: seminar.id,
      title: seminar.title,
      topicId: seminar.topic_id,
      startDate: seminar.start_date,
      days,
      forms: await this.forms.forTopic(manager, seminar.topic_id),
      windows: windowsOf(days, { dailyDays: spans.dailyOpenDays, finalDays: spans.finalOpenDays }),
    };
  }

  private respondentKey(seminarId: string, personId: string): string {
    return createHmac('sha256', this.respondentSecret).update(`${seminarId}:${personId}`).digest('base64url');
  }
}

function keyOf(window: EvaluationWindow): string {
  return window.occasion === 'daily' ? window.date! : window.occasion.replace('_', '-');
}

function parseKey(key: string): { occasion: Occasion; date: string | null } {
  if (key === 'pre-test') return { occasion: 'pre_test', date: null };
  if (key === 'post-test') return { occasion: 'post_test', date: null };
  if (key === 'final') return { occasion: 'final', date: null };
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return { occasion: 'daily', date: key };
  throw occasionInvalid();
}
