import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../../common/auth/principal';
import { todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { ConfigService } from '../../config/config.service';
import { FacilitationRepository } from '../seminars/facilitation.repository';
import { notSeminarFacilitator, seminarNotFound } from '../seminars/seminars.errors';
import { topicNotFound } from '../topics/topics.errors';
import { EvaluationFormsService } from './evaluation-forms.service';
import {
  DiagnosticReportDto,
  EvaluationReportDto,
  FacilitatorStatsDto,
  FormReportDto,
  ItemReportDto,
  ItemStatsDto,
} from './evaluation-reports.dto';
import { periodInvalid } from './evaluations.errors';
import type { FormItem, Label } from './forms/form-items';

/** Which answers a report covers: one seminar, or a topic's seminars starting in a period. */
interface Scope {
  kind: 'seminar' | 'topic';
  /** A WHERE condition on a table alias `x` holding seminar_id, topic_id and starts_on, with its parameters from $1. */
  condition: string;
  params: unknown[];
  /** The same condition on the seminar table `s`. */
  seminarCondition: string;
}

/** The scope's condition on the table alias `alias`. */
function conditionOn(scope: Scope, alias: string): string {
  return scope.condition.replaceAll('x.', `${alias}.`);
}

/** Comments listed per item, at most: the newest seminars' ones, shown in random order. */
const COMMENT_LIMIT = 500;

/** A row of `evaluation_tally` summed over the scope. */
interface TallyRow {
  occasion: string;
  form_id: string;
  item_id: string;
  facilitator_id: string | null;
  value: string;
  count: number;
}

/**
 * Evaluation reports, read from the per-seminar tallies kept at submission (response counts, item
 * respondents and value distributions, facilitator items, pre/post test scores and pairs) plus the
 * newest comments. No report says who answered what, and figures of too few respondents are withheld.
 */
@Injectable()
export class EvaluationReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: EvaluationFormsService,
    private readonly facilitations: FacilitationRepository,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** The office, and the seminar's facilitators (who see only their own facilitator figures). */
  async forSeminar(actor: Principal, seminarId: string): Promise<EvaluationReportDto> {
    const manager = this.dataSource.manager;
    const [seminar] = await manager.query<{ id: string; title: string; topic_id: string }[]>(
      `SELECT id, title, topic_id FROM seminar WHERE id = $1`,
      [seminarId],
    );
    if (!seminar) throw seminarNotFound();
    const office = hasRole(actor, 'office');
    if (!office && !(await this.facilitations.isFacilitator(seminarId, actor.personId, manager)))
      throw notSeminarFacilitator();
    const scope: Scope = {
      kind: 'seminar',
      condition: 'x.seminar_id = $1',
      params: [seminarId],
      seminarCondition: 's.id = $1',
    };
    return this.build(
      manager,
      scope,
      { id: seminar.id, title: seminar.title, topicId: seminar.topic_id, from: null, to: null },
      office ? null : actor.personId,
    );
  }

  /** The office only: every seminar of the topic starting between `from` and `to` (both optional). */
  async forTopic(topicId: string, from?: string, to?: string): Promise<EvaluationReportDto> {
    if (from && to && from > to) throw periodInvalid();
    const manager = this.dataSource.manager;
    const [topic] = await manager.query<{ id: string; title: string }[]>(`SELECT id, title FROM topic WHERE id = $1`, [
      topicId,
    ]);
    if (!topic) throw topicNotFound();
    const low = from ?? '0001-01-01';
    const high = to ?? '9999-12-31';
    const scope: Scope = {
      kind: 'topic',
      condition: 'x.topic_id = $1 AND x.starts_on BETWEEN $2 AND $3',
      params: [topicId, low, high],
      seminarCondition: `s.topic_id = $1 AND s.start_date BETWEEN $2 AND $3 AND s.status NOT IN ('draft','cancelled')`,
    };
    return this.build(
      manager,
      scope,
      { id: topic.id, title: topic.title, topicId, from: from ?? null, to: to ?? null },
      null,
    );
  }

  private async build(
    manager: EntityManager,
    scope: Scope,
    subject: { id: string; title: string; topicId: string; from: string | null; to: string | null },
    onlyFacilitator: string | null,
  ): Promise<EvaluationReportDto> {
    const minimum = this.config.get('evaluations').minimumRespondents;
    const where = (alias: string) => conditionOn(scope, alias);

    const [tallies, scoreTallies, expected, seminarCount, current] = await Promise.all([
      manager.query<TallyRow[]>(
        `SELECT occasion, form_id, item_id, facilitator_id, value, sum(count)::int AS count FROM evaluation_tally t WHERE ${where('t')} GROUP BY 1, 2, 3, 4, 5`,
        scope.params,
      ),
      manager.query<
        { form_id: string; occasion: 'pre_test' | 'post_test' | 'pairs'; respondents: number; percent_sum: number }[]
      >(
        `SELECT form_id, occasion, sum(respondents)::int AS respondents, sum(percent_sum) AS percent_sum FROM evaluation_score_tally t WHERE ${where('t')} GROUP BY 1, 2`,
        scope.params,
      ),
      this.expected(manager, scope),
      manager.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM seminar s WHERE ${scope.seminarCondition}`,
        scope.params,
      ),
      // The forms to describe: those answered in scope, and the topic's current ones even if nobody answered yet.
      this.forms.forTopic(manager, subject.topicId),
    ]);
    const tally = groupBy(tallies, (row) => `${row.occasion}/${row.form_id}/${row.item_id}`);
    const responsesOf = (occasion: string, formId: string) => tally.get(`${occasion}/${formId}/`)?.[0]?.count ?? 0;
    const scores = scoreTallies.filter((row) => row.occasion !== 'pairs');

    const described: { occasion: 'daily' | 'final'; formId: string }[] = [];
    for (const occasion of ['daily', 'final'] as const) {
      const seen = new Set(
        tallies.filter((row) => row.occasion === occasion && row.item_id === '').map((row) => row.form_id),
      );
      const formId = current.get(occasion)?.formId;
      if (formId) seen.add(formId);
      for (const id of seen) described.push({ occasion, formId: id });
    }
    const diagnosticIds = new Set([
      ...scores.map((row) => row.form_id),
      ...(current.get('diagnostic') ? [current.get('diagnostic')!.formId] : []),
    ]);
    const definitions = await this.definitions(manager, [
      ...new Set([...described.map((form) => form.formId), ...diagnosticIds]),
    ]);
    const commented = described.flatMap(({ occasion, formId }) =>
      responsesOf(occasion, formId) < minimum
        ? []
        : definitions
            .get(formId)!
            .items.filter((item) => item.kind === 'short_text' || item.kind === 'long_text')
            .map((item) => ({ occasion, formId, itemId: item.id })),
    );
    const [comments, facilitatorNames] = await Promise.all([
      this.comments(manager, scope, commented),
      this.names(
        manager,
        tallies.filter((row) => row.facilitator_id).map((row) => row.facilitator_id!),
      ),
    ]);

    const formReports: FormReportDto[] = described.map(({ occasion, formId: id }) => {
      const definition = definitions.get(id)!;
      const responses = responsesOf(occasion, id);
      const expectedCount = expected[occasion];
      const items: ItemReportDto[] = definition.items.map((item) => {
        const rows = tally.get(`${occasion}/${id}/${item.id}`) ?? [];
        const report: ItemReportDto = { itemId: item.id, kind: item.kind, prompt: item.prompt, stats: null };
        if (item.kind === 'short_text' || item.kind === 'long_text') {
          report.comments = shuffled(comments.get(`${occasion}/${id}/${item.id}`) ?? []);
        } else if (item.perFacilitator) {
          const ids = [...new Set(rows.map((row) => row.facilitator_id!))].filter(
            (fid) => onlyFacilitator === null || fid === onlyFacilitator,
          );
          report.facilitators = ids
            .map((fid): FacilitatorStatsDto => ({
              facilitatorId: fid,
              facilitatorName: facilitatorNames.get(fid) ?? '',
              ...statsOf(
                item,
                rows.filter((row) => row.facilitator_id === fid),
                minimum,
              ),
            }))
            .sort((a, b) => a.facilitatorName.localeCompare(b.facilitatorName, 'es'));
        } else {
          report.stats = statsOf(item, rows, minimum);
        }
        return report;
      });
      return {
        occasion,
        formId: id,
        title: definition.title,
        expected: expectedCount,
        responses,
        responseRate: expectedCount > 0 ? round(Math.min(1, responses / expectedCount), 4) : null,
        items,
      };
    });

    const diagnostics: DiagnosticReportDto[] = [...diagnosticIds].map((id) => {
      const score = (occasion: string) => {
        const row = scores.find((s) => s.form_id === id && s.occasion === occasion);
        const respondents = row?.respondents ?? 0;
        const suppressed = respondents < minimum;
        return { respondents, suppressed, meanPercent: suppressed ? null : round(row!.percent_sum / respondents, 2) };
      };
      const pair = scoreTallies.find((row) => row.form_id === id && row.occasion === 'pairs');
      const pairCount = pair?.respondents ?? 0;
      return {
        formId: id,
        title: definitions.get(id)!.title,
        pre: score('pre_test'),
        post: score('post_test'),
        pairs: pairCount,
        suppressed: pairCount < minimum,
        meanImprovement: pairCount < minimum ? null : round(pair!.percent_sum / pairCount, 2),
      };
    });

    return {
      scope: scope.kind,
      id: subject.id,
      title: subject.title,
      from: subject.from,
      to: subject.to,
      seminars: seminarCount[0].count,
      minimumRespondents: minimum,
      forms: formReports,
      diagnostics,
    };
  }

  /**
   * Evaluations expected so far, as grouped counts per seminar rather than one row per attendee and
   * day: a daily one per confirmed attendee per day already held, less the absences (absent, excused)
   * recorded on those days; a final one per confirmed attendee of a finished seminar, less those
   * absent on every day it held.
   */
  private async expected(manager: EntityManager, scope: Scope): Promise<{ daily: number; final: number }> {
    const today = todayIn(this.config.get('timeZone'), this.clock.now());
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
  private async comments(
    manager: EntityManager,
    scope: Scope,
    items: { occasion: string; formId: string; itemId: string }[],
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
  private async definitions(
    manager: EntityManager,
    formIds: string[],
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

  private async names(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ id: string; full_name: string }[]>(
      `SELECT id, full_name FROM person WHERE id = ANY($1)`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row.full_name]));
  }
}

/**
 * Mean and distribution of one item's tally rows (for one facilitator, for facilitator items): the row
 * with an empty value gives the respondents; the others count answers per value. Withheld under the
 * minimum of respondents.
 */
function statsOf(item: FormItem, rows: Pick<TallyRow, 'value' | 'count'>[], minimum: number): ItemStatsDto {
  const respondents = rows.find((row) => row.value === '')?.count ?? 0;
  if (respondents < minimum) return { respondents, suppressed: true, mean: null, distribution: [] };
  const counts = rows.filter((row) => row.value !== '');
  if (item.kind === 'single_choice' || item.kind === 'multiple_choice') {
    const distribution = (item.options ?? []).map((option) => ({
      value: option.id,
      label: option.label,
      count: counts.find((row) => row.value === option.id)?.count ?? 0,
    }));
    return { respondents, suppressed: false, mean: null, distribution };
  }
  const total = counts.reduce((sum, row) => sum + Number(row.value) * row.count, 0);
  const values =
    item.kind === 'likert'
      ? [1, 2, 3, 4, 5].map((value) => ({
          value: String(value),
          label: null,
          count: counts.find((row) => Number(row.value) === value)?.count ?? 0,
        }))
      : counts
          .map((row) => ({ value: String(Number(row.value)), label: null, count: row.count }))
          .sort((a, b) => Number(a.value) - Number(b.value));
  return { respondents, suppressed: false, mean: round(total / respondents, 2), distribution: values };
}

/** The list in random order (Fisher–Yates), so that comments do not follow the order they were written in. */
function shuffled<T>(list: T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
