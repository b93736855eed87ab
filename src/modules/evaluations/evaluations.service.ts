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
import { EvaluationTallyRepository } from './evaluation-tally.repository';
import { EvaluationResponseDto, PendingEvaluationDto, SubmitEvaluationDto } from './evaluations.dto';
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
import { answersFromRows, checkAnswers, type AnswerRow } from './forms/form-items';
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
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {
    this.respondentSecret = Buffer.from(
      hkdfSync('sha256', config.get('auth').jwtSecret, Buffer.alloc(0), 'puente evaluation respondents', 32),
    );
  }

  async pending(actor: Principal, language: Language): Promise<PendingEvaluationDto[]> {
    const manager = this.dataSource.manager;
    const seminars: { id: string }[] = await manager.query(
      `SELECT s.id FROM enrolment e JOIN seminar s ON s.id = e.seminar_id
        WHERE e.person_id = $1 AND e.status = 'confirmed' AND s.status NOT IN ('draft','cancelled')
        ORDER BY s.start_date, s.id`,
      [actor.personId],
    );
    const answered = new Set(
      (
        await manager.query<{ seminar_id: string; occasion: string; day_number: number }[]>(
          `SELECT seminar_id, occasion, day_number FROM evaluation_submission WHERE person_id = $1 AND seminar_id = ANY($2)`,
          [actor.personId, seminars.map((s) => s.id)],
        )
      ).map((row) => `${row.seminar_id}/${row.occasion}/${row.day_number}`),
    );
    const now = this.clock.now();
    const pending: PendingEvaluationDto[] = [];
    for (const { id } of seminars) {
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
      await this.tallies.lockSeminar(manager, seminarId);
      const { context, window, form } = await this.target(manager, seminarId, actor.personId, asked);
      const now = this.clock.now();
      const state = windowState(window, now);
      if (state === 'not_yet_open') throw notOpen(window.opensAt!);
      if (state === 'closed') throw closed(window.closesAt);
      if (input.formVersion !== form.version) throw formChanged(form.version);
      const facilitatorIds = form.items.some((item) => item.perFacilitator)
        ? await this.facilitations.personIds(manager, seminarId)
        : [];
      const checked = checkAnswers(form.items, input.answers, facilitatorIds);
      if (checked.problems.length > 0) throw answersInvalid(checked.problems);

      // The submission row is locked by the upsert, so two submissions of one person queue up here.
      const [submission] = await manager.query<{ submitted_at: Date; updated_at: Date }[]>(
        `INSERT INTO evaluation_submission (seminar_id, person_id, occasion, day_number) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT evaluation_submission_unique DO UPDATE SET updated_at = now()
         RETURNING submitted_at, updated_at`,
        [seminarId, actor.personId, window.occasion, window.dayNumber],
      );
      const respondentKey = this.respondentKey(seminarId, actor.personId);
      await manager.query(
        `DELETE FROM evaluation_response WHERE seminar_id = $1 AND respondent_key = $2 AND occasion = $3 AND day_number = $4`,
        [seminarId, respondentKey, window.occasion, window.dayNumber],
      );
      const [response] = await manager.query<{ id: string }[]>(
        `INSERT INTO evaluation_response (seminar_id, topic_id, starts_on, form_id, form_version_id, occasion, day_number, respondent_key, score, max_score, answered_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          seminarId,
          context.topicId,
          context.startDate,
          form.formId,
          form.versionId,
          window.occasion,
          window.dayNumber,
          respondentKey,
          checked.score,
          checked.maxScore,
          todayIn(this.config.get('timeZone'), now),
        ],
      );
      await this.insertAnswers(manager, response.id, context, form.formId, window.occasion, checked.rows);
      await this.tallies.rebuildForSeminar(manager, seminarId);
      return this.toResponse(
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
    const asked = parseKey(key);
    const manager = this.dataSource.manager;
    const { context, window } = await this.target(manager, seminarId, actor.personId, asked, false);
    const [submission] = await manager.query<{ submitted_at: Date; updated_at: Date }[]>(
      `SELECT submitted_at, updated_at FROM evaluation_submission WHERE seminar_id = $1 AND person_id = $2 AND occasion = $3 AND day_number = $4`,
      [seminarId, actor.personId, window.occasion, window.dayNumber],
    );
    const [response] = await manager.query<
      {
        id: string;
        form_id: string;
        items: ResolvedForm['items'];
        version: number;
        version_id: string;
        score: number | null;
        max_score: number | null;
      }[]
    >(
      `SELECT r.id, r.form_id, v.items, v.version, v.id AS version_id, r.score, r.max_score
         FROM evaluation_response r JOIN evaluation_form_version v ON v.id = r.form_version_id
        WHERE r.seminar_id = $1 AND r.respondent_key = $2 AND r.occasion = $3 AND r.day_number = $4`,
      [seminarId, this.respondentKey(seminarId, actor.personId), window.occasion, window.dayNumber],
    );
    if (!submission || !response) throw responseNotFound();
    const rows: AnswerRow[] = await manager.query(
      `SELECT item_id AS "itemId", facilitator_id AS "facilitatorId", number_value AS "numberValue", choice, text_value AS "textValue"
         FROM evaluation_answer WHERE response_id = $1 ORDER BY id`,
      [response.id],
    );
    const form = {
      formId: response.form_id,
      versionId: response.version_id,
      version: response.version,
      items: response.items,
    } as ResolvedForm;
    return this.toResponse(
      context,
      window,
      form,
      rows,
      response.score,
      response.max_score,
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
    const [seminar] = await manager.query<{ id: string; title: string; topic_id: string; start_date: string }[]>(
      `SELECT s.id, s.title, s.topic_id, to_char(s.start_date, 'YYYY-MM-DD') AS start_date
         FROM seminar s JOIN enrolment e ON e.seminar_id = s.id AND e.person_id = $2 AND e.status = 'confirmed'
        WHERE s.id = $1 AND s.status NOT IN ('draft','cancelled')`,
      [seminarId, personId],
    );
    if (!seminar) return null;
    const timeZone = this.config.get('timeZone');
    const days = (
      await manager.query<
        { position: number; date: string; start_time: string; end_time: string; status: string | null }[]
      >(
        `SELECT d.position, to_char(d.date, 'YYYY-MM-DD') AS date, to_char(d.start_time, 'HH24:MI') AS start_time, to_char(d.end_time, 'HH24:MI') AS end_time, a.status
           FROM seminar_day d LEFT JOIN attendance_record a ON a.seminar_day_id = d.id AND a.person_id = $2
          WHERE d.seminar_id = $1 ORDER BY d.position`,
        [seminarId, personId],
      )
    ).map((day) => ({
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

  private async insertAnswers(
    manager: EntityManager,
    responseId: string,
    context: SeminarContext,
    formId: string,
    occasion: Occasion,
    rows: AnswerRow[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO evaluation_answer (response_id, seminar_id, topic_id, starts_on, occasion, form_id, item_id, facilitator_id, number_value, choice, text_value)
       SELECT $1, $2, $3, $4, $5, $6, a.item_id, a.facilitator_id, a.number_value, a.choice, a.text_value
         FROM unnest($7::varchar[], $8::uuid[], $9::float8[], $10::varchar[], $11::text[]) AS a(item_id, facilitator_id, number_value, choice, text_value)`,
      [
        responseId,
        context.id,
        context.topicId,
        context.startDate,
        occasion,
        formId,
        rows.map((row) => row.itemId),
        rows.map((row) => row.facilitatorId),
        rows.map((row) => row.numberValue),
        rows.map((row) => row.choice),
        rows.map((row) => row.textValue),
      ],
    );
  }

  private respondentKey(seminarId: string, personId: string): string {
    return createHmac('sha256', this.respondentSecret).update(`${seminarId}:${personId}`).digest('base64url');
  }

  private toResponse(
    context: SeminarContext,
    window: EvaluationWindow,
    form: Pick<ResolvedForm, 'formId' | 'version' | 'items'>,
    rows: AnswerRow[],
    score: number | null,
    maxScore: number | null,
    submittedAt: Date,
    updatedAt: Date,
  ): EvaluationResponseDto {
    return {
      seminarId: context.id,
      occasion: window.occasion,
      date: window.date,
      formId: form.formId,
      formVersion: form.version,
      answers: answersFromRows(form.items, rows),
      score,
      maxScore,
      submittedAt: new Date(submittedAt).toISOString(),
      updatedAt: new Date(updatedAt).toISOString(),
      closesAt: window.closesAt.toISOString(),
    };
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
