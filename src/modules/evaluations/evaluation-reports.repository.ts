import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FormItem, Label } from './forms/form-items';
import type { TallyRow } from './reports/report-statistics';

/** Which answers a report covers: one seminar, or a topic's seminars starting in a period. */
export interface ReportScope {
  kind: 'seminar' | 'topic';
  /** A WHERE condition on a table alias `x` holding seminar_id, topic_id and starts_on, with its parameters from $1. */
  condition: string;
  params: unknown[];
  /** The same condition on the seminar table `s`. */
  seminarCondition: string;
}

export function seminarScope(seminarId: string): ReportScope {
  return { kind: 'seminar', condition: 'x.seminar_id = $1', params: [seminarId], seminarCondition: 's.id = $1' };
}

/** A topic's seminars starting between `from` and `to`, held or under way (not drafts, not cancelled). */
export function topicScope(topicId: string, from: string, to: string): ReportScope {
  return {
    kind: 'topic',
    condition: 'x.topic_id = $1 AND x.starts_on BETWEEN $2 AND $3',
    params: [topicId, from, to],
    seminarCondition: `s.topic_id = $1 AND s.start_date BETWEEN $2 AND $3 AND s.status NOT IN ('draft','cancelled')`,
  };
}

/** The scope's condition on the table alias `alias`. */
function conditionOn(scope: ReportScope, alias: string): string {
  return scope.condition.replaceAll('x.', `${alias}.`);
}

/** Comments listed per item, at most: the newest seminars' ones. */
const COMMENT_LIMIT = 500;

export interface ScoreTallyRow {
  form_id: string;
  occasion: 'pre_test' | 'post_test' | 'pairs';
  respondents: number;
  percent_sum: number;
}

/** What evaluation reports read: the tallies kept at submission, the newest comments, and who was expected. */
@Injectable()
export class EvaluationReportsRepository {
  async seminar(
    seminarId: string,
    manager: EntityManager,
  ): Promise<{ id: string; title: string; topic_id: string } | null> {
    const [row] = await manager.query<{ id: string; title: string; topic_id: string }[]>(
      `SELECT id, title, topic_id FROM seminar WHERE id = $1`,
      [seminarId],
    );
    return row ?? null;
  }

  async topic(topicId: string, manager: EntityManager): Promise<{ id: string; title: string } | null> {
    const [row] = await manager.query<{ id: string; title: string }[]>(`SELECT id, title FROM topic WHERE id = $1`, [
      topicId,
    ]);
    return row ?? null;
  }

  tallies(scope: ReportScope, manager: EntityManager): Promise<TallyRow[]> {
    return manager.query<TallyRow[]>(
      `SELECT occasion, form_id, item_id, facilitator_id, value, sum(count)::int AS count FROM evaluation_tally t WHERE ${conditionOn(scope, 't')} GROUP BY 1, 2, 3, 4, 5`,
      scope.params,
    );
  }

  scoreTallies(scope: ReportScope, manager: EntityManager): Promise<ScoreTallyRow[]> {
    return manager.query<ScoreTallyRow[]>(
      `SELECT form_id, occasion, sum(respondents)::int AS respondents, sum(percent_sum) AS percent_sum FROM evaluation_score_tally t WHERE ${conditionOn(scope, 't')} GROUP BY 1, 2`,
      scope.params,
    );
  }

  async seminarCount(scope: ReportScope, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM seminar s WHERE ${scope.seminarCondition}`,
      scope.params,
    );
    return row.count;
  }

  /**
   * Evaluations expected by `today`, as grouped counts per seminar rather than one row per attendee
   * and day: a daily one per confirmed attendee per day already held, less the absences (absent,
   * excused) recorded on those days; a final one per confirmed attendee of a finished seminar, less
   * those absent on every day it held.
   */
  async expected(scope: ReportScope, today: string, manager: EntityManager): Promise<{ daily: number; final: number }> {
    const at = scope.params.length + 1;
    const [row] = await manager.query<{ daily: number; final: number }[]>(
      `SELECT coalesce(sum(people.count * held.days - missed.days), 0)::int AS daily,
              coalesce(sum(people.count - missed.throughout) FILTER (WHERE s.end_date <= $${at} AND held.days > 0), 0)::int AS final
         FROM seminar s
        CROSS JOIN LATERAL (SELECT count(*) AS days FROM seminar_day d WHERE d.seminar_id = s.id AND d.date <= $${at}) held
        CROSS JOIN LATERAL (SELECT count(*) FROM enrolment e WHERE e.seminar_id = s.id AND e.status = 'confirmed') people
        CROSS JOIN LATERAL (
          SELECT coalesce(sum(absent.days), 0) AS days, count(*) FILTER (WHERE absent.days = held.days) AS throughout
            FROM (SELECT a.person_id, count(*) AS days
                    FROM attendance_record a
                    JOIN seminar_day d ON d.id = a.seminar_day_id AND d.seminar_id = s.id AND d.date <= $${at}
                    JOIN enrolment e ON e.seminar_id = s.id AND e.person_id = a.person_id AND e.status = 'confirmed'
                   WHERE a.seminar_id = s.id AND a.status IN ('absent','excused')
                   GROUP BY a.person_id) absent
        ) missed
        WHERE ${scope.seminarCondition} AND s.status <> 'cancelled'`,
      [...scope.params, today],
    );
    return row;
  }

  /**
   * Up to COMMENT_LIMIT non-empty comments of each asked text item, newest seminars first, read
   * through the partial index on text answers (topic scope) or the seminar's answers.
   */
  async comments(
    scope: ReportScope,
    items: { occasion: string; formId: string; itemId: string }[],
    manager: EntityManager,
  ): Promise<Map<string, string[]>> {
    if (items.length === 0) return new Map();
    // One query per item: with the item's values known the planner walks the partial index newest first.
    const at = scope.params.length + 1;
    const lists = await Promise.all(
      items.map((item) =>
        manager.query<{ text_value: string }[]>(
          `SELECT a.text_value FROM evaluation_answer a
            WHERE ${conditionOn(scope, 'a')} AND a.occasion = $${at} AND a.form_id = $${at + 1} AND a.item_id = $${at + 2}
              AND a.text_value IS NOT NULL AND a.text_value <> ''
            ORDER BY a.starts_on DESC, a.id DESC LIMIT ${COMMENT_LIMIT}`,
          [...scope.params, item.occasion, item.formId, item.itemId],
        ),
      ),
    );
    return new Map(
      items.map((item, index) => [
        `${item.occasion}/${item.formId}/${item.itemId}`,
        lists[index].map((row) => row.text_value),
      ]),
    );
  }

  /** Each form's title and items as of its latest version, with items dropped since kept from earlier ones. */
  async definitions(
    formIds: string[],
    manager: EntityManager,
  ): Promise<Map<string, { title: Label; items: FormItem[] }>> {
    const versions = await manager.query<{ form_id: string; title: Label; items: FormItem[] }[]>(
      `SELECT form_id, title, items FROM evaluation_form_version WHERE form_id = ANY($1) ORDER BY form_id, version DESC`,
      [formIds],
    );
    const definitions = new Map<string, { title: Label; items: FormItem[] }>();
    for (const version of versions) {
      const known = definitions.get(version.form_id);
      if (!known) definitions.set(version.form_id, { title: version.title, items: [...version.items] });
      else for (const item of version.items) if (!known.items.some((k) => k.id === item.id)) known.items.push(item);
    }
    return definitions;
  }

  async names(ids: string[], manager: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ id: string; full_name: string }[]>(
      `SELECT id, full_name FROM person WHERE id = ANY($1)`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row.full_name]));
  }
}
