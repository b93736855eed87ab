import type { EntityManager } from 'typeorm';
import type { Principal } from '../../src/common/auth/principal';
import type { DomainError } from '../../src/common/errors/domain-error';
import { translate } from '../../src/common/i18n/messages';
import { EnrolmentErrorCode } from '../../src/modules/enrolment/enrolment.errors';
import { EnrolmentModule } from '../../src/modules/enrolment/enrolment.module';
import { EnrolmentRepository } from '../../src/modules/enrolment/enrolment.repository';
import { SeatsService } from '../../src/modules/enrolment/seats.service';
import type { Person } from '../../src/modules/identity/person.entity';
import type { Seminar } from '../../src/modules/seminars/seminar.entity';
import { createFacilitator, createNetwork, createPerson } from '../support/factories';
import { createMediumModule, principalOf, type MediumContext } from './medium-module';
import { planSeminar } from './medium-seminars';

/**
 * SeatsService on the real database: invitations, answers that take a seat or a place in line, and
 * places given up. Seminars start Monday 17 March 2031; today is 10 January 2031.
 */
describe('SeatsService: invitations, seats up to capacity and the waiting list', () => {
  let ctx: MediumContext;
  let seats: SeatsService;
  let enrolments: EnrolmentRepository;
  let office: Principal;
  let networkId: string;

  beforeAll(async () => {
    ctx = await createMediumModule([EnrolmentModule]);
    seats = ctx.get(SeatsService);
    enrolments = ctx.get(EnrolmentRepository);
    office = principalOf(await createPerson(ctx.factories, { roles: ['office'] }));
    networkId = (await createNetwork(ctx.factories)).id;
  });

  afterAll(() => ctx?.close());

  beforeEach(() => ctx.mail.clear());

  /** Runs `work` as the enrolment flow does: in one transaction, with the seminar row locked. */
  function inSeminar<T>(seminarId: string, work: (manager: EntityManager, seminar: Seminar) => Promise<T>): Promise<T> {
    return ctx.dataSource.transaction(async (manager) => work(manager, await seats.lockSeminar(manager, seminarId)));
  }

  async function invite(seminarId: string, people: Person[]): Promise<void> {
    await inSeminar(seminarId, (manager, seminar) =>
      seats.invite(
        manager,
        seminar,
        people.map((person) => person.id),
        'office',
        office.personId,
      ),
    );
  }

  /** The person says yes to their invitation (or call from the line). */
  async function accept(seminarId: string, person: Person): Promise<void> {
    await inSeminar(seminarId, async (manager, seminar) => {
      const enrolment = (await enrolments.findForPerson(seminarId, person.id, manager))!;
      const [card] = await enrolments.peopleByIds([person.id], manager);
      await seats.takeSeat(manager, seminar, enrolment, card);
    });
  }

  async function withdraw(seminarId: string, person: Person): Promise<void> {
    await inSeminar(seminarId, async (manager, seminar) => {
      const enrolment = (await enrolments.lock(
        (await enrolments.findForPerson(seminarId, person.id, manager))!.id,
        manager,
      ))!;
      await seats.leave(manager, seminar, enrolment, {
        status: 'withdrawn',
        endedBy: 'attendee',
        reason: null,
        actorId: person.id,
      });
    });
  }

  /** Each person's status in the seminar and, for those waiting, their place in line (1 = next). */
  async function standing(seminarId: string, people: Person[]): Promise<{ status: string; rank: number | null }[]> {
    const [rows] = await enrolments.listForSeminar(seminarId, { skip: 0, take: 100 });
    return people.map((person) => {
      const row = rows.find((candidate) => candidate.person.id === person.id);
      return { status: row?.enrolment.status ?? 'none', rank: row?.waitlistRank ?? null };
    });
  }

  const attendees = async (count: number) => {
    const people: Person[] = [];
    for (let i = 0; i < count; i++) people.push(await createPerson(ctx.factories, { roles: ['attendee'] }));
    return people;
  };

  const seminarOfTwoSeats = async (facilitators: Person[] = []) =>
    planSeminar(ctx, {
      office,
      networkId,
      startDate: '2031-03-17',
      capacity: 2,
      topic: {
        defaultCapacity: 2,
        minimumAttendees: 1,
        requirements: [{ specialtyCode: 'gynecology_obstetrics', count: 1 }],
      },
      facilitators,
    });

  describe('a seminar of two seats and four people invited', () => {
    let seminarId: string;
    let people: Person[];

    beforeAll(async () => {
      seminarId = (await seminarOfTwoSeats()).id;
      people = await attendees(4);
    });

    it('invites each of them by mail, to answer within the working days allowed', async () => {
      await invite(seminarId, people);
      expect(await standing(seminarId, people)).toEqual(people.map(() => ({ status: 'invited', rank: null })));
      for (const person of people) expect(ctx.mail.templatesTo(person.email)).toEqual(['enrolment-invitation']);
      const first = await enrolments.findForPerson(seminarId, people[0].id, ctx.dataSource.manager);
      expect(first).toMatchObject({ source: 'office', promotedAt: null });
      expect(first!.respondBy! > '2031-01-10').toBe(true);
      expect(first!.respondBy! < '2031-03-17').toBe(true);
    });

    it('gives the two seats to the first two who accept and puts the others in line in the order they answered', async () => {
      for (const person of [people[0], people[1], people[3], people[2]]) await accept(seminarId, person);
      expect(await standing(seminarId, people)).toEqual([
        { status: 'accepted', rank: null },
        { status: 'accepted', rank: null },
        { status: 'waitlisted', rank: 2 },
        { status: 'waitlisted', rank: 1 },
      ]);
      // The office is asked to release the two who took a seat (they belong to no unit), nobody else.
      expect(ctx.mail.sent.map((mail) => mail.template)).toEqual(['release-request', 'release-request']);
    });

    it('calls the first in line, and only them, when someone holding a seat withdraws', async () => {
      await withdraw(seminarId, people[0]);
      expect(await standing(seminarId, people)).toEqual([
        { status: 'withdrawn', rank: null },
        { status: 'accepted', rank: null },
        { status: 'waitlisted', rank: 1 },
        { status: 'invited', rank: null },
      ]);
      expect(ctx.mail.templatesTo(people[3].email)).toEqual(['waitlist-promotion']);
      expect(ctx.mail.templatesTo(people[2].email)).toEqual([]);
      const called = await enrolments.findForPerson(seminarId, people[3].id, ctx.dataSource.manager);
      expect(called!.promotedAt).toEqual(ctx.clock.now());
    });

    it('keeps the freed seat for the one called: the next in line cannot take it meanwhile', async () => {
      // The one still waiting is told there is no seat; they keep their place.
      await inSeminar(seminarId, async (manager, seminar) => {
        const enrolment = (await enrolments.findForPerson(seminarId, people[2].id, manager))!;
        const [card] = await enrolments.peopleByIds([people[2].id], manager);
        await seats.takeSeat(manager, seminar, enrolment, card);
      });
      expect((await standing(seminarId, [people[2]]))[0]).toEqual({ status: 'waitlisted', rank: 1 });

      await accept(seminarId, people[3]);
      expect(await standing(seminarId, people)).toEqual([
        { status: 'withdrawn', rank: null },
        { status: 'accepted', rank: null },
        { status: 'waitlisted', rank: 1 },
        { status: 'accepted', rank: null },
      ]);
    });

    it('calls the last one waiting when another seat is given up, leaving the line empty', async () => {
      await withdraw(seminarId, people[1]);
      expect((await standing(seminarId, [people[2]]))[0]).toEqual({ status: 'invited', rank: null });
      expect(ctx.mail.templatesTo(people[2].email)).toEqual(['waitlist-promotion']);
    });
  });

  describe('invitations refused', () => {
    let seminarId: string;
    let facilitator: Person;
    let enrolled: Person;

    beforeAll(async () => {
      facilitator = await createFacilitator(ctx.factories, 'gynecology_obstetrics', {
        roles: ['facilitator', 'attendee'],
        fullName: 'Dra. Carmen Facilitadora',
      });
      seminarId = (await seminarOfTwoSeats([facilitator])).id;
      enrolled = await createPerson(ctx.factories, { roles: ['attendee'], fullName: 'Luis Ya Inscrito' });
      await invite(seminarId, [enrolled]);
      ctx.mail.clear();
    });

    it('refuses to invite someone already in the seminar, naming them, and writes nothing', async () => {
      const newcomer = await createPerson(ctx.factories, { roles: ['attendee'] });
      const refused = invite(seminarId, [newcomer, enrolled]);
      await expect(refused).rejects.toMatchObject({
        code: EnrolmentErrorCode.AlreadyEnrolled,
        status: 409,
        fieldErrors: [expect.objectContaining({ field: 'personIds[1]' })],
      });
      const error = (await refused.then(
        () => undefined,
        (caught: unknown) => caught,
      )) as DomainError;
      expect(translate(error.fieldErrors[0].message, 'es')).toContain('Luis Ya Inscrito');
      // All or nothing: the newcomer invited before the refusal was rolled back with it.
      expect(await standing(seminarId, [newcomer, enrolled])).toEqual([
        { status: 'none', rank: null },
        { status: 'invited', rank: null },
      ]);
    });

    it('refuses to invite one of the seminar’s facilitators, before inviting anyone', async () => {
      const newcomer = await createPerson(ctx.factories, { roles: ['attendee'] });
      await expect(invite(seminarId, [newcomer, facilitator])).rejects.toMatchObject({
        code: EnrolmentErrorCode.FacilitatesSeminar,
        fieldErrors: [expect.objectContaining({ field: 'personIds[1]' })],
      });
      expect(await standing(seminarId, [newcomer, facilitator])).toEqual([
        { status: 'none', rank: null },
        { status: 'none', rank: null },
      ]);
      expect(ctx.mail.sent).toEqual([]);
    });
  });
});
