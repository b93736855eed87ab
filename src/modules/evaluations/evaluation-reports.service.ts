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
} from './evaluation-reports.dto';
import {
  EvaluationReportsRepository,
  seminarScope,
  topicScope,
  type ReportScope,
} from './evaluation-reports.repository';
import { periodInvalid } from './evaluations.errors';
import { groupBy, itemStats, responseRate, scoreStats, shuffled } from './reports/report-statistics';

/**
 * Evaluation reports, read from the per-seminar tallies kept at submission (response counts, item
 * respondents and value distributions, facilitator items, pre/post test scores and pairs) plus the
 * newest comments. No report says who answered what, and figures of too few respondents are withheld.
 */
@Injectable()
export class EvaluationReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: EvaluationReportsRepository,
    private readonly forms: EvaluationFormsService,
    private readonly facilitations: FacilitationRepository,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** The office, and the seminar's facilitators (who see only their own facilitator figures). */
  async forSeminar(actor: Principal, seminarId: string): Promise<EvaluationReportDto> {
    const manager = this.dataSource.manager;
    const seminar = await this.reports.seminar(seminarId, manager);
    if (!seminar) throw seminarNotFound();
    const office = hasRole(actor, 'office');
    if (!office && !(await this.facilitations.isFacilitator(seminarId, actor.personId, manager)))
      throw notSeminarFacilitator();
    return this.build(
      manager,
      seminarScope(seminarId),
      { id: seminar.id, title: seminar.title, topicId: seminar.topic_id, from: null, to: null },
      office ? null : actor.personId,
    );
  }

  /** The office only: every seminar of the topic starting between `from` and `to` (both optional). */
  async forTopic(topicId: string, from?: string, to?: string): Promise<EvaluationReportDto> {
    if (from && to && from > to) throw periodInvalid();
    const manager = this.dataSource.manager;
    const topic = await this.reports.topic(topicId, manager);
    if (!topic) throw topicNotFound();
    return this.build(
      manager,
      topicScope(topicId, from ?? '0001-01-01', to ?? '9999-12-31'),
      { id: topic.id, title: topic.title, topicId, from: from ?? null, to: to ?? null },
      null,
    );
  }

  private async build(
    manager: EntityManager,
    scope: ReportScope,
    subject: { id: string; title: string; topicId: string; from: string | null; to: string | null },
    onlyFacilitator: string | null,
  ): Promise<EvaluationReportDto> {
    const minimum = this.config.get('evaluations').minimumRespondents;
    const today = todayIn(this.config.get('timeZone'), this.clock.now());
    const [tallies, scoreTallies, expected, seminarCount, current] = await Promise.all([
      this.reports.tallies(scope, manager),
      this.reports.scoreTallies(scope, manager),
      this.reports.expected(scope, today, manager),
      this.reports.seminarCount(scope, manager),
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
    const definitions = await this.reports.definitions(
      [...new Set([...described.map((form) => form.formId), ...diagnosticIds])],
      manager,
    );
    const commented = described.flatMap(({ occasion, formId }) =>
      responsesOf(occasion, formId) < minimum
        ? []
        : definitions
            .get(formId)!
            .items.filter((item) => item.kind === 'short_text' || item.kind === 'long_text')
            .map((item) => ({ occasion, formId, itemId: item.id })),
    );
    const [comments, facilitatorNames] = await Promise.all([
      this.reports.comments(scope, commented, manager),
      this.reports.names(
        tallies.filter((row) => row.facilitator_id).map((row) => row.facilitator_id!),
        manager,
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
              ...itemStats(
                item,
                rows.filter((row) => row.facilitator_id === fid),
                minimum,
              ),
            }))
            .sort((a, b) => a.facilitatorName.localeCompare(b.facilitatorName, 'es'));
        } else {
          report.stats = itemStats(item, rows, minimum);
        }
        return report;
      });
      return {
        occasion,
        formId: id,
        title: definition.title,
        expected: expectedCount,
        responses,
        responseRate: responseRate(responses, expectedCount),
        items,
      };
    });

    const diagnostics: DiagnosticReportDto[] = [...diagnosticIds].map((id) => {
      const tallyOf = (occasion: string) => scoreTallies.find((row) => row.form_id === id && row.occasion === occasion);
      const pairs = scoreStats(tallyOf('pairs'), minimum);
      return {
        formId: id,
        title: definitions.get(id)!.title,
        pre: scoreStats(tallyOf('pre_test'), minimum),
        post: scoreStats(tallyOf('post_test'), minimum),
        pairs: pairs.respondents,
        suppressed: pairs.suppressed,
        meanImprovement: pairs.meanPercent,
      };
    });

    return {
      scope: scope.kind,
      id: subject.id,
      title: subject.title,
      from: subject.from,
      to: subject.to,
      seminars: seminarCount,
      minimumRespondents: minimum,
      forms: formReports,
      diagnostics,
    };
  }
}
