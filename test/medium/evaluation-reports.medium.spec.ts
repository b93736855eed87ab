import type { Principal } from '../../src/common/auth/principal';
import { EnrolmentModule } from '../../src/modules/enrolment/enrolment.module';
import type { EvaluationReportDto, ItemReportDto } from '../../src/modules/evaluations/evaluation-reports.dto';
import { EvaluationReportsService } from '../../src/modules/evaluations/evaluation-reports.service';
import { EvaluationsErrorCode } from '../../src/modules/evaluations/evaluations.errors';
import { EvaluationsModule } from '../../src/modules/evaluations/evaluations.module';
import { EvaluationsService } from '../../src/modules/evaluations/evaluations.service';
import type { Person } from '../../src/modules/identity/person.entity';
import { SeminarsErrorCode } from '../../src/modules/seminars/seminars.errors';
import { createFacilitator, createNetwork, createPerson } from '../support/factories';
import { createMediumModule, principalOf, type MediumContext } from './medium-module';
import { planSeminar, type MediumSeminar } from './medium-seminars';

/**
 * Evaluation reports on the real database, with figures of fewer than three respondents withheld
 * (EVALUATION_MIN_RESPONDENTS=3). Seminars of three days run 17–19 March, 7–9 April and 19–21 May 2031; a
 * day's evaluation opens at 16:00 of that day (Mexico City), the final one at 16:00 of the last day.
 */
describe('EvaluationReportsService: withheld figures, facilitators’ own figures, the topic over a period', () => {
  let ctx: MediumContext;
  let reports: EvaluationReportsService;
  let office: Principal;
  let networkId: string;
  let lead: Person;
  let other: Person;

  beforeAll(async () => {
    ctx = await createMediumModule([EvaluationsModule, EnrolmentModule], { EVALUATION_MIN_RESPONDENTS: '3' });
    reports = ctx.get(EvaluationReportsService);
    office = principalOf(await createPerson(ctx.factories, { roles: ['office'] }));
    networkId = (await createNetwork(ctx.factories)).id;
    lead = await createFacilitator(ctx.factories, 'gynecology_obstetrics', { fullName: 'Dra. Ana Guía' });
    other = await createFacilitator(ctx.factories, 'gynecology_obstetrics', { fullName: 'Dr. Beto Segundo' });
  });

  afterAll(() => ctx?.close());

  /** An open seminar with both facilitators and `count` confirmed attendees. */
  async function seminar(count: number, startDate: string, topicId?: string) {
    const people: Person[] = [];
    for (let i = 0; i < count; i++) people.push(await createPerson(ctx.factories, { roles: ['attendee'] }));
    const held = await planSeminar(ctx, {
      office,
      networkId,
      startDate,
      ...(topicId ? { topicId } : { topic: { minimumAttendees: 1 } }),
      facilitators: [lead, other],
      confirmed: people,
    });
    return { ...held, people };
  }

  async function answerDaily(held: MediumSeminar, person: Person, usefulness: number, comment: string) {
    ctx.clock.set(`${held.days[0]}T23:00:00Z`);
    await ctx.get(EvaluationsService).submit(principalOf(person), held.id, held.days[0], {
      formVersion: 1,
      answers: { usefulness, clarity: 4, discussion_time: 3, comment },
    });
  }

  async function answerFinal(held: MediumSeminar, person: Person, overall: number, openness: [number, number]) {
    ctx.clock.set(`${held.days[held.days.length - 1]}T23:00:00Z`);
    await ctx.get(EvaluationsService).submit(principalOf(person), held.id, 'final', {
      formVersion: 1,
      answers: {
        overall,
        relevance: 5,
        openness: { [lead.id]: openness[0], [other.id]: openness[1] },
        equality: 4,
        confidence_consult: 4,
        referral_change: 3,
      },
    });
  }

  const form = (report: EvaluationReportDto, occasion: 'daily' | 'final') =>
    report.forms.find((candidate) => candidate.occasion === occasion)!;
  const item = (report: EvaluationReportDto, occasion: 'daily' | 'final', itemId: string): ItemReportDto =>
    form(report, occasion).items.find((candidate) => candidate.itemId === itemId)!;

  describe('one seminar of four attendees', () => {
    let held: MediumSeminar & { people: Person[] };

    beforeAll(async () => {
      held = await seminar(4, '2031-03-17');
      await answerDaily(held, held.people[0], 5, 'Muy útil');
      await answerDaily(held, held.people[1], 3, 'Faltó tiempo');
    });

    it('withholds the figures and comments of a day answered by two, under the minimum of three', async () => {
      const report = await reports.forSeminar(office, held.id);
      expect(report.minimumRespondents).toBe(3);
      expect(form(report, 'daily')).toMatchObject({ responses: 2 });
      expect(item(report, 'daily', 'usefulness').stats).toEqual({
        respondents: 2,
        suppressed: true,
        mean: null,
        distribution: [],
      });
      expect(item(report, 'daily', 'comment').comments).toEqual([]);
    });

    it('shows them once a third attendee answers, the minimum reached', async () => {
      await answerDaily(held, held.people[2], 4, 'Buen caso clínico');
      const report = await reports.forSeminar(office, held.id);
      const stats = item(report, 'daily', 'usefulness').stats!;
      expect(stats).toMatchObject({ respondents: 3, suppressed: false, mean: 4 });
      expect(stats.distribution.map((entry) => [entry.value, entry.count])).toEqual([
        ['1', 0],
        ['2', 0],
        ['3', 1],
        ['4', 1],
        ['5', 1],
      ]);
      expect([...item(report, 'daily', 'comment').comments!].sort()).toEqual([
        'Buen caso clínico',
        'Faltó tiempo',
        'Muy útil',
      ]);
    });

    it('gives the office every facilitator’s figures, and each facilitator only their own', async () => {
      await answerFinal(held, held.people[0], 5, [5, 3]);
      await answerFinal(held, held.people[1], 4, [5, 2]);
      await answerFinal(held, held.people[2], 4, [4, 3]);

      const officeView = item(await reports.forSeminar(office, held.id), 'final', 'openness');
      expect(officeView.stats).toBeNull();
      expect(officeView.facilitators!.map((f) => [f.facilitatorName, f.respondents, f.mean])).toEqual([
        ['Dr. Beto Segundo', 3, 2.67],
        ['Dra. Ana Guía', 3, 4.67],
      ]);

      const leadView = item(await reports.forSeminar(principalOf(lead), held.id), 'final', 'openness');
      expect(leadView.facilitators!.map((f) => [f.facilitatorId, f.mean])).toEqual([[lead.id, 4.67]]);
      const otherView = item(await reports.forSeminar(principalOf(other), held.id), 'final', 'openness');
      expect(otherView.facilitators!.map((f) => [f.facilitatorId, f.mean])).toEqual([[other.id, 2.67]]);
      // The seminar-wide figures are the same for everyone.
      expect(item(await reports.forSeminar(principalOf(lead), held.id), 'final', 'overall').stats).toEqual(
        item(await reports.forSeminar(office, held.id), 'final', 'overall').stats,
      );
    });

    it('is not for a facilitator of other seminars', async () => {
      const stranger = await createFacilitator(ctx.factories, 'gynecology_obstetrics');
      await expect(reports.forSeminar(principalOf(stranger), held.id)).rejects.toMatchObject({
        code: SeminarsErrorCode.NotSeminarFacilitator,
        status: 403,
      });
    });
  });

  describe('the topic report over a period', () => {
    let april: MediumSeminar & { people: Person[] };
    let may: MediumSeminar & { people: Person[] };

    beforeAll(async () => {
      ctx.clock.setToday('2031-01-10');
      april = await seminar(3, '2031-04-07');
      may = await seminar(3, '2031-05-19', april.topicId);
      for (const person of april.people) await answerFinal(april, person, 5, [5, 5]);
      for (const person of may.people) await answerFinal(may, person, 2, [3, 3]);
      ctx.clock.setToday('2031-06-02');
    });

    it('counts only the seminars that start within the period', async () => {
      const report = await reports.forTopic(april.topicId, '2031-04-01', '2031-04-30');
      expect(report).toMatchObject({ scope: 'topic', from: '2031-04-01', to: '2031-04-30', seminars: 1 });
      expect(form(report, 'final')).toMatchObject({ responses: 3 });
      expect(item(report, 'final', 'overall').stats).toMatchObject({ respondents: 3, suppressed: false, mean: 5 });
    });

    it('pools every seminar of the topic over the whole year, or without a period', async () => {
      for (const report of [
        await reports.forTopic(april.topicId, '2031-01-01', '2031-12-31'),
        await reports.forTopic(april.topicId),
      ]) {
        expect(report.seminars).toBe(2);
        expect(form(report, 'final')).toMatchObject({ responses: 6 });
        expect(item(report, 'final', 'overall').stats).toMatchObject({ respondents: 6, mean: 3.5 });
      }
    });

    it('withholds the figures of a period whose seminars have too few respondents between them', async () => {
      const report = await reports.forTopic(april.topicId, '2031-03-01', '2031-03-31');
      expect(report.seminars).toBe(0);
      expect(item(report, 'final', 'overall').stats).toMatchObject({ respondents: 0, suppressed: true, mean: null });
    });

    it('refuses a period that ends before it starts', async () => {
      await expect(reports.forTopic(april.topicId, '2031-05-01', '2031-03-01')).rejects.toMatchObject({
        code: EvaluationsErrorCode.PeriodInvalid,
      });
    });
  });
});
