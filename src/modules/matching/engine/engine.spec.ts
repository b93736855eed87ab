import { generateInstance } from '../../../../test/support/matching-instances';
import { solveMatching } from './engine';
import type { InstanceAttendee, MatchingInstance } from './instance';

const DATES = ['2031-03-03', '2031-03-04', '2031-03-05'];

function attendee(
  id: string,
  unitId: string,
  interest: number,
  extra: Partial<InstanceAttendee> = {},
): InstanceAttendee {
  return {
    id,
    unitId,
    willing: true,
    interests: { diabetes: interest },
    trainedTopicIds: [],
    heldTopicIds: [],
    unavailable: [],
    busyDates: [],
    ...extra,
  };
}

function instance(overrides: Partial<MatchingInstance> = {}): MatchingInstance {
  return {
    seminars: [
      {
        id: 'sem-1',
        topicId: 'diabetes',
        networkId: 'north',
        dates: DATES,
        capacity: 4,
        seatsTaken: 0,
        unitSeatsTaken: {},
        requiredSpecialties: [{ specialtyId: 'internal', count: 1 }],
        facilitators: [],
        preferredHospitalIds: ['hosp-a', 'hosp-b'],
      },
    ],
    specialists: [
      {
        id: 'spec-busy',
        specialtyId: 'internal',
        hospitalId: 'hosp-b',
        networkId: 'north',
        unavailable: [],
        busyDates: [],
        monthlyLoad: {},
        load: 3,
      },
      {
        id: 'spec-free',
        specialtyId: 'internal',
        hospitalId: 'hosp-a',
        networkId: 'north',
        unavailable: [],
        busyDates: [],
        monthlyLoad: {},
        load: 0,
      },
    ],
    units: [
      { id: 'unit-a', networkId: 'north', attendeeStaff: 10, referralHospitalIds: ['hosp-a'], awayByDate: {} },
      { id: 'unit-b', networkId: 'north', attendeeStaff: 10, referralHospitalIds: ['hosp-b'], awayByDate: {} },
    ],
    attendees: [
      attendee('ana', 'unit-a', 3),
      attendee('beto', 'unit-a', 3),
      attendee('carla', 'unit-a', 2),
      attendee('dario', 'unit-b', 1),
      attendee('eva', 'unit-b', 0),
    ],
    pins: [],
    ...overrides,
  };
}

describe(solveMatching.name, () => {
  it('covers the specialty with the least loaded specialist and seats people within the per-unit cap', () => {
    const result = solveMatching(instance());
    const [proposal] = result.proposals;
    expect(proposal.facilitators.map((f) => f.personId)).toEqual(['spec-free']);
    expect(proposal.uncovered).toEqual([]);
    // Two from unit A (the cap), the most interested first, and the one from unit B.
    expect(proposal.attendees.map((a) => a.personId).sort()).toEqual(['ana', 'beto', 'dario']);
    const ana = proposal.attendees.find((a) => a.personId === 'ana')!;
    expect(ana).toMatchObject({ interest: 3, pairedFacilitatorIds: ['spec-free'], neverTrained: true, pinned: false });
    expect(result.leftOut).toEqual([
      { personId: 'carla', unitId: 'unit-a', reason: 'unit_cap' },
      { personId: 'eva', unitId: 'unit-b', reason: 'no_interest' },
    ]);
    expect(result.optimality.attendees).toMatchObject({ status: 'optimal', flowSolves: 1 });
    expect(result.optimality.attendees.bound).toBe(result.objective.attendees.total);
  });

  it('honours pins: a forced person takes a seat before more interested ones, a forbidden one never does', () => {
    const result = solveMatching(
      instance({
        pins: [
          { personId: 'carla', seminarId: 'sem-1', kind: 'force' },
          { personId: 'ana', seminarId: 'sem-1', kind: 'forbid' },
        ],
      }),
    );
    const seated = result.proposals[0].attendees.map((a) => a.personId).sort();
    expect(seated).toEqual(['beto', 'carla', 'dario']);
    expect(result.pins).toEqual([
      { personId: 'carla', seminarId: 'sem-1', kind: 'force', honoured: true },
      { personId: 'ana', seminarId: 'sem-1', kind: 'forbid', honoured: true },
    ]);
    expect(result.leftOut.find((l) => l.personId === 'ana')?.reason).toBe('pinned_out');
  });

  it('keeps a unit within its daily share across overlapping seminars and says so', () => {
    const base = instance();
    const second = { ...base.seminars[0], id: 'sem-2', dates: ['2031-03-05', '2031-03-06', '2031-03-07'] };
    const result = solveMatching({
      ...base,
      seminars: [base.seminars[0], second],
      // Five on the staff: one person away a day at most.
      units: base.units.map((u) => (u.id === 'unit-a' ? { ...u, attendeeStaff: 5 } : u)),
      specialists: [
        ...base.specialists,
        {
          id: 'spec-third',
          specialtyId: 'internal',
          hospitalId: 'hosp-a',
          networkId: 'north',
          unavailable: [],
          busyDates: [],
          monthlyLoad: {},
          load: 0,
        },
      ],
      settings: { facilitatorMonthlyLimit: 2 },
    });
    const fromA = result.proposals.flatMap((p) => p.attendees).filter((a) => a.unitId === 'unit-a');
    expect(fromA).toHaveLength(1);
    expect(result.leftOut.filter((l) => l.unitId === 'unit-a').map((l) => l.reason)).toEqual([
      'unit_daily_share',
      'unit_daily_share',
    ]);
    expect(result.optimality.attendees.status).toBe('optimal');
  });

  it('reports a required place nobody can take, with why', () => {
    const base = instance();
    const result = solveMatching({
      ...base,
      specialists: base.specialists.map((s) => ({ ...s, unavailable: [{ from: '2031-03-04', to: '2031-03-04' }] })),
    });
    const off = { rule: 'unavailable', dates: ['2031-03-04'], month: null, seminarIds: [], outside: 0 };
    expect(result.proposals[0].uncovered).toEqual([
      {
        specialtyId: 'internal',
        missing: 1,
        reason: 'unavailable',
        blockers: [
          { personId: 'spec-free', ...off },
          { personId: 'spec-busy', ...off },
        ],
      },
    ]);
    // Without facilitators nobody pairs with their referral hospital, but people are still seated.
    expect(result.proposals[0].attendees).toHaveLength(3);
    expect(result.proposals[0].attendees.every((a) => a.pairedFacilitatorIds.length === 0)).toBe(true);
  });

  it('gives the same answer however fast the clock runs, even when the budget cuts the search', () => {
    // Small enough a budget that it stops the search of this instance before it ends.
    const generated = generateInstance({ attendees: 1600, seminars: 60, seed: 7 });
    const bounded = { ...generated, settings: { ...generated.settings, budgetMs: 150 } };
    const answer = (result: ReturnType<typeof solveMatching>) =>
      JSON.stringify({ proposals: result.proposals, leftOut: result.leftOut, optimality: result.optimality });
    const normal = solveMatching(bounded);
    const real = performance.now.bind(performance);
    const origin = real();
    // A clock running ten times faster, as on a machine ten times slower or under heavy load.
    const fast = jest.spyOn(performance, 'now').mockImplementation(() => origin + 10 * (real() - origin));
    let hurried: ReturnType<typeof solveMatching>;
    try {
      hurried = solveMatching(bounded);
    } finally {
      fast.mockRestore();
    }
    expect(normal.optimality.attendees.status).toBe('feasible');
    expect(answer(hurried)).toBe(answer(normal));
    expect(answer(solveMatching(bounded))).toBe(answer(normal));
  });
});
