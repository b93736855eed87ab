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
import { DiagnosticReportDto, EvaluationReportDto, FacilitatorStatsDto, FormReportDto, ItemReportDto, ItemStatsDto } from './evaluations.dto';
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

/** Comments listed per item, at most; the report says how many there are. */
const COMMENT_LIMIT = 500;

/**
 * Evaluation reports, computed with SQL aggregates: response rates, means and distributions per item,
 * facilitator items per facilitator, pre/post test scores with the paired improvement, and comments.
 * No report says who answered what, and figures of too few respondents are withheld.
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
    const [seminar] = await manager.query<{ id: string; title: string; topic_id: string }[]>(`SELECT id, title, topic_id FROM seminar WHERE id = $1`, [seminarId]);
    if (!seminar) throw seminarNotFound();
    const office = hasRole(actor, 'office');
    if (!office && !(await this.facilitations.isFacilitator(seminarId, actor.personId, manager))) throw notSeminarFacilitator();
    const scope: Scope = { kind: 'seminar', condition: 'x.seminar_id = $1', params: [seminarId], seminarCondition: 's.id = $1' };
    return this.build(manager, scope, { id: seminar.id, title: seminar.title, topicId: seminar.topic_id, from: null, to: null }, office ? null : actor.personId);
  }

  /** The office only: every seminar of the topic starting between `from` and `to` (both optional). */
  async forTopic(topicId: string, from?: string, to?: string): Promise<EvaluationReportDto> {
    if (from && to && from > to) throw periodInvalid();
    const manager = this.dataSource.manager;
    const [topic] = await manager.query<{ id: string; title: string }[]>(`SELECT id, title FROM topic WHERE id = $1`, [topicId]);
    if (!topic) throw topicNotFound();
    const low = from ?? '0001-01-01';
    const high = to ?? '9999-12-31';
    const scope: Scope = {
      kind: 'topic',
      condition: 'x.topic_id = $1 AND x.starts_on BETWEEN $2 AND $3',
      params: [topicId, low, high],
      seminarCondition: `s.topic_id = $1 AND s.start_date BETWEEN $2 AND $3 AND s.status NOT IN ('draft','cancelled')`,
    };
    return this.build(manager, scope, { id: topic.id, title: topic.title, topicId, from: from ?? null, to: to ?? null }, null);
  }

  private async build(
    manager: EntityManager,
    scope: Scope,
    subject: { id: string; title: string; topicId: string; from: string | null; to: string | null },
    onlyFacilitator: string | null,
  ): Promise<EvaluationReportDto> {
    const minimum = this.config.get('evaluations').minimumRespondents;
    const where = (alias: string) => scope.condition.replaceAll('x.', `${alias}.`);

    const [responseCounts, expected, valueCounts, choiceRespondents, comments, scores, pairs, seminarCount] = await Promise.all([
      manager.query<{ occasion: string; form_id: string; responses: number }[]>(
        `SELECT occasion, form_id, count(*)::int AS responses FROM evaluation_response r WHERE ${where('r')} GROUP BY 1, 2`,
        scope.params,
      ),
      this.expected(manager, scope),
      manager.query<{ occasion: string; form_id: string; item_id: string; facilitator_id: string | null; number_value: number | null; choice: string | null; count: number }[]>(
        `SELECT occasion, form_id, item_id, facilitator_id, number_value, choice, count(*)::int AS count
           FROM evaluation_answer a WHERE ${where('a')} AND a.text_value IS NULL AND a.occasion IN ('daily','final')
          GROUP BY 1, 2, 3, 4, 5, 6`,
        scope.params,
      ),
      manager.query<{ occasion: string; form_id: string; item_id: string; respondents: number }[]>(
        `SELECT occasion, form_id, item_id, count(DISTINCT response_id)::int AS respondents
           FROM evaluation_answer a WHERE ${where('a')} AND a.choice IS NOT NULL AND a.occasion IN ('daily','final')
          GROUP BY 1, 2, 3`,
        scope.params,
      ),
      manager.query<{ occasion: string; form_id: string; item_id: string; text_value: string; total: number }[]>(
        `SELECT occasion, form_id, item_id, text_value, total::int FROM (
           SELECT occasion, form_id, item_id, text_value,
                  row_number() OVER (PARTITION BY occasion, form_id, item_id ORDER BY random()) AS rank,
                  count(*) OVER (PARTITION BY occasion, form_id, item_id) AS total
             FROM evaluation_answer a WHERE ${where('a')} AND a.text_value IS NOT NULL AND a.text_value <> '' AND a.occasion IN ('daily','final')
         ) ranked WHERE rank <= ${COMMENT_LIMIT} ORDER BY rank`,
        scope.params,
      ),
      manager.query<{ form_id: string; occasion: string; respondents: number; mean: number | null }[]>(
        `SELECT form_id, occasion, count(*)::int AS respondents, avg(score / max_score * 100) AS mean
           FROM evaluation_response r WHERE ${where('r')} AND r.occasion IN ('pre_test','post_test') AND r.max_score > 0 GROUP BY 1, 2`,
        scope.params,
      ),
      manager.query<{ form_id: string; pairs: number; improvement: number | null }[]>(
        `SELECT pre.form_id, count(*)::int AS pairs, avg(post.score / post.max_score * 100 - pre.score / pre.max_score * 100) AS improvement
           FROM evaluation_response pre
           JOIN evaluation_response post ON post.seminar_id = pre.seminar_id AND post.respondent_key = pre.respondent_key
                                        AND post.occasion = 'post_test' AND post.form_id = pre.form_id AND post.max_score > 0
          WHERE ${where('pre')} AND pre.occasion = 'pre_test' AND pre.max_score > 0
          GROUP BY 1`,
        scope.params,
      ),
      manager.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM seminar s WHERE ${scope.seminarCondition}`, scope.params),
    ]);

    // The forms to describe: those answered in scope, and the topic's current ones even if nobody answered yet.
    const current = await this.forms.forTopic(manager, subject.topicId);
    const formIds = new Set([...responseCounts.map((row) => row.form_id), ...scores.map((row) => row.form_id), ...[...current.values()].map((form) => form.formId)]);
    const definitions = await this.definitions(manager, [...formIds]);
    const facilitatorNames = await this.names(manager, valueCounts.filter((row) => row.facilitator_id).map((row) => row.facilitator_id!));

    const formReports: FormReportDto[] = [];
    const occasionsSeen = new Map<string, Set<string>>();
    for (const row of responseCounts) if (row.occasion === 'daily' || row.occasion === 'final') (occasionsSeen.get(row.occasion) ?? occasionsSeen.set(row.occasion, new Set()).get(row.occasion)!).add(row.form_id);
    for (const occasion of ['daily', 'final'] as const) {
      const formId = current.get(occasion)?.formId;
      if (formId) (occasionsSeen.get(occasion) ?? occasionsSeen.set(occasion, new Set()).get(occasion)!).add(formId);
      for (const id of occasionsSeen.get(occasion) ?? []) {
        const definition = definitions.get(id)!;
        const responses = responseCounts.find((row) => row.occasion === occasion && row.form_id === id)?.responses ?? 0;
        const expectedCount = expected[occasion];
        const items: ItemReportDto[] = definition.items.map((item) => {
          const counts = valueCounts.filter((row) => row.occasion === occasion && row.form_id === id && row.item_id === item.id);
          const report: ItemReportDto = { itemId: item.id, kind: item.kind, prompt: item.prompt, stats: null };
          if (item.kind === 'short_text' || item.kind === 'long_text') {
            const texts = comments.filter((row) => row.occasion === occasion && row.form_id === id && row.item_id === item.id);
            report.comments = responses >= minimum ? texts.map((row) => row.text_value) : [];
          } else if (item.perFacilitator) {
            const ids = [...new Set(counts.map((row) => row.facilitator_id!))].filter((fid) => onlyFacilitator === null || fid === onlyFacilitator);
            report.facilitators = ids
              .map((fid): FacilitatorStatsDto => ({ facilitatorId: fid, facilitatorName: facilitatorNames.get(fid) ?? '', ...statsOf(item, counts.filter((row) => row.facilitator_id === fid), null, minimum) }))
              .sort((a, b) => a.facilitatorName.localeCompare(b.facilitatorName, 'es'));
          } else {
            const respondents = choiceRespondents.find((row) => row.occasion === occasion && row.form_id === id && row.item_id === item.id)?.respondents ?? null;
            report.stats = statsOf(item, counts, item.kind === 'multiple_choice' ? (respondents ?? 0) : null, minimum);
          }
          return report;
        });
        formReports.push({
          occasion,
          formId: id,
          title: definition.title,
          expected: expectedCount,
          responses,
          responseRate: expectedCount > 0 ? round(Math.min(1, responses / expectedCount), 4) : null,
          items,
        });
      }
    }

    const diagnosticIds = new Set([...scores.map((row) => row.form_id), ...(current.get('diagnostic') ? [current.get('diagnostic')!.formId] : [])]);
    const diagnostics: DiagnosticReportDto[] = [...diagnosticIds].map((id) => {
      const score = (occasion: string) => {
        const row = scores.find((s) => s.form_id === id && s.occasion === occasion);
        const respondents = row?.respondents ?? 0;
        const suppressed = respondents < minimum;
        return { respondents, suppressed, meanPercent: suppressed || row?.mean == null ? null : round(Number(row.mean), 2) };
      };
      const pair = pairs.find((row) => row.form_id === id);
      const pairCount = pair?.pairs ?? 0;
      return {
        formId: id,
        title: definitions.get(id)!.title,
        pre: score('pre_test'),
        post: score('post_test'),
        pairs: pairCount,
        suppressed: pairCount < minimum,
        meanImprovement: pairCount < minimum || pair?.improvement == null ? null : round(Number(pair.improvement), 2),
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
   * Evaluations expected so far: a daily one per confirmed attendee per day already held that they did
   * not miss, a final one per confirmed attendee of a finished seminar who attended any day.
   */
  private async expected(manager: EntityManager, scope: Scope): Promise<{ daily: number; final: number }> {
    const today = todayIn(this.config.get('timeZone'), this.clock.now());
    const at = scope.params.length + 1;
    const [row] = await manager.query<{ daily: number; final: number }[]>(
      `WITH attended AS (
         SELECT s.id AS seminar_id, s.end_date, e.person_id, d.date,
                (a.status IS NULL OR a.status IN ('present','late')) AS came
           FROM seminar s
           JOIN enrolment e ON e.seminar_id = s.id AND e.status = 'confirmed'
           JOIN seminar_day d ON d.seminar_id = s.id
           LEFT JOIN attendance_record a ON a.seminar_day_id = d.id AND a.person_id = e.person_id
          WHERE ${scope.seminarCondition} AND s.status <> 'cancelled' AND d.date <= $${at}
       )
       SELECT (SELECT count(*) FROM attended WHERE came)::int AS daily,
              (SELECT count(*) FROM (SELECT 1 FROM attended WHERE end_date <= $${at} GROUP BY seminar_id, person_id HAVING bool_or(came)) f)::int AS final`,
      [...scope.params, today],
    );
    return row;
  }

  /** Each form's title and items as of its latest version, with items dropped since kept from earlier ones. */
  private async definitions(manager: EntityManager, formIds: string[]): Promise<Map<string, { title: Label; items: FormItem[] }>> {
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
    const rows = await manager.query<{ id: string; full_name: string }[]>(`SELECT id, full_name FROM person WHERE id = ANY($1)`, [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, row.full_name]));
  }
}

/** Mean and distribution of one item's grouped answers, withheld under the minimum of respondents. */
function statsOf(
  item: FormItem,
  counts: { number_value: number | null; choice: string | null; count: number }[],
  respondentsOverride: number | null,
  minimum: number,
): ItemStatsDto {
  const respondents = respondentsOverride ?? counts.reduce((sum, row) => sum + row.count, 0);
  if (respondents < minimum) return { respondents, suppressed: true, mean: null, distribution: [] };
  if (item.kind === 'single_choice' || item.kind === 'multiple_choice') {
    const distribution = (item.options ?? []).map((option) => ({ value: option.id, label: option.label, count: counts.find((row) => row.choice === option.id)?.count ?? 0 }));
    return { respondents, suppressed: false, mean: null, distribution };
  }
  const total = counts.reduce((sum, row) => sum + Number(row.number_value) * row.count, 0);
  const values =
    item.kind === 'likert'
      ? [1, 2, 3, 4, 5].map((value) => ({ value: String(value), label: null, count: counts.find((row) => Number(row.number_value) === value)?.count ?? 0 }))
      : counts
          .map((row) => ({ value: String(Number(row.number_value)), label: null, count: row.count }))
          .sort((a, b) => Number(a.value) - Number(b.value));
  return { respondents, suppressed: false, mean: round(total / respondents, 2), distribution: values };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
