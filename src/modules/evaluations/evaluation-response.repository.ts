import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ResolvedForm } from './evaluation-forms.service';
import type { AnswerRow } from './forms/form-items';
import type { Occasion } from './forms/windows';

/** One evaluation an attendee owes or gave: its seminar, occasion and day (0 for the whole seminar). */
export interface EvaluationSlot {
  seminarId: string;
  occasion: Occasion;
  dayNumber: number;
}

/** When a person first answered an evaluation, and when they last changed it. */
export interface Submission {
  submitted_at: Date;
  updated_at: Date;
}

/**
 * Evaluation answers, kept in two parts that only the respondent's key joins: the submission says
 * who answered (for the pending list and deadlines), the response holds what was answered.
 */
@Injectable()
export class EvaluationResponseRepository {
  /** The seminars the person holds a confirmed seat in, held or under way, earliest first. */
  async confirmedSeminarIds(personId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT s.id FROM enrolment e JOIN seminar s ON s.id = e.seminar_id
        WHERE e.person_id = $1 AND e.status = 'confirmed' AND s.status NOT IN ('draft','cancelled')
        ORDER BY s.start_date, s.id`,
      [personId],
    );
    return rows.map((row) => row.id);
  }

  /** What the person already answered in those seminars, as `seminar/occasion/day` keys. */
  async answeredSlots(personId: string, seminarIds: string[], manager: EntityManager): Promise<Set<string>> {
    const rows = await manager.query<{ seminar_id: string; occasion: string; day_number: number }[]>(
      `SELECT seminar_id, occasion, day_number FROM evaluation_submission WHERE person_id = $1 AND seminar_id = ANY($2)`,
      [personId, seminarIds],
    );
    return new Set(rows.map((row) => `${row.seminar_id}/${row.occasion}/${row.day_number}`));
  }

  /** Records who answered; the row stays locked until commit, so two submissions of one person queue up. */
  async upsertSubmission(slot: EvaluationSlot, personId: string, manager: EntityManager): Promise<Submission> {
    const [submission] = await manager.query<Submission[]>(
      `INSERT INTO evaluation_submission (seminar_id, person_id, occasion, day_number) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT evaluation_submission_unique DO UPDATE SET updated_at = now()
       RETURNING submitted_at, updated_at`,
      [slot.seminarId, personId, slot.occasion, slot.dayNumber],
    );
    return submission;
  }

  async findSubmission(slot: EvaluationSlot, personId: string, manager: EntityManager): Promise<Submission | null> {
    const [submission] = await manager.query<Submission[]>(
      `SELECT submitted_at, updated_at FROM evaluation_submission WHERE seminar_id = $1 AND person_id = $2 AND occasion = $3 AND day_number = $4`,
      [slot.seminarId, personId, slot.occasion, slot.dayNumber],
    );
    return submission ?? null;
  }

  /** Replaces the respondent's answers to the slot with a new response; returns its id. */
  async replaceResponse(
    slot: EvaluationSlot,
    respondentKey: string,
    response: {
      topicId: string;
      startsOn: string;
      formId: string;
      formVersionId: string;
      score: number | null;
      maxScore: number | null;
      answeredOn: string;
    },
    manager: EntityManager,
  ): Promise<string> {
    await manager.query(
      `DELETE FROM evaluation_response WHERE seminar_id = $1 AND respondent_key = $2 AND occasion = $3 AND day_number = $4`,
      [slot.seminarId, respondentKey, slot.occasion, slot.dayNumber],
    );
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO evaluation_response (seminar_id, topic_id, starts_on, form_id, form_version_id, occasion, day_number, respondent_key, score, max_score, answered_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        slot.seminarId,
        response.topicId,
        response.startsOn,
        response.formId,
        response.formVersionId,
        slot.occasion,
        slot.dayNumber,
        respondentKey,
        response.score,
        response.maxScore,
        response.answeredOn,
      ],
    );
    return row.id;
  }

  /** The respondent's response to the slot, with the form version it answered. */
  async findResponse(
    slot: EvaluationSlot,
    respondentKey: string,
    manager: EntityManager,
  ): Promise<{ id: string; form: ResolvedForm; score: number | null; maxScore: number | null } | null> {
    const [row] = await manager.query<
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
      [slot.seminarId, respondentKey, slot.occasion, slot.dayNumber],
    );
    if (!row) return null;
    const form = { formId: row.form_id, versionId: row.version_id, version: row.version, items: row.items };
    return { id: row.id, form: form as ResolvedForm, score: row.score, maxScore: row.max_score };
  }

  answers(responseId: string, manager: EntityManager): Promise<AnswerRow[]> {
    return manager.query<AnswerRow[]>(
      `SELECT item_id AS "itemId", facilitator_id AS "facilitatorId", number_value AS "numberValue", choice, text_value AS "textValue"
         FROM evaluation_answer WHERE response_id = $1 ORDER BY id`,
      [responseId],
    );
  }

  /** The answers of a response, with the seminar, topic and start date the reports group them by. */
  async insertAnswers(
    responseId: string,
    seminar: { id: string; topicId: string; startDate: string },
    formId: string,
    occasion: Occasion,
    rows: AnswerRow[],
    manager: EntityManager,
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO evaluation_answer (response_id, seminar_id, topic_id, starts_on, occasion, form_id, item_id, facilitator_id, number_value, choice, text_value)
       SELECT $1, $2, $3, $4, $5, $6, a.item_id, a.facilitator_id, a.number_value, a.choice, a.text_value
         FROM unnest($7::varchar[], $8::uuid[], $9::float8[], $10::varchar[], $11::text[]) AS a(item_id, facilitator_id, number_value, choice, text_value)`,
      [
        responseId,
        seminar.id,
        seminar.topicId,
        seminar.startDate,
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

  /** The seminar, if the person holds a confirmed seat in it and it is held or under way. */
  async seminarOfAttendee(
    seminarId: string,
    personId: string,
    manager: EntityManager,
  ): Promise<{ id: string; title: string; topic_id: string; start_date: string } | null> {
    const [seminar] = await manager.query<{ id: string; title: string; topic_id: string; start_date: string }[]>(
      `SELECT s.id, s.title, s.topic_id, to_char(s.start_date, 'YYYY-MM-DD') AS start_date
         FROM seminar s JOIN enrolment e ON e.seminar_id = s.id AND e.person_id = $2 AND e.status = 'confirmed'
        WHERE s.id = $1 AND s.status NOT IN ('draft','cancelled')`,
      [seminarId, personId],
    );
    return seminar ?? null;
  }

  /** The seminar's days with the person's attendance on each. */
  daysWithAttendance(
    seminarId: string,
    personId: string,
    manager: EntityManager,
  ): Promise<{ position: number; date: string; start_time: string; end_time: string; status: string | null }[]> {
    return manager.query(
      `SELECT d.position, to_char(d.date, 'YYYY-MM-DD') AS date, to_char(d.start_time, 'HH24:MI') AS start_time, to_char(d.end_time, 'HH24:MI') AS end_time, a.status
         FROM seminar_day d LEFT JOIN attendance_record a ON a.seminar_day_id = d.id AND a.person_id = $2
        WHERE d.seminar_id = $1 ORDER BY d.position`,
      [seminarId, personId],
    );
  }
}
