import fc from 'fast-check';
import { generateInstance } from '../../../../test/support/matching-instances';
import { checkMatching, type CheckReport } from './checker';
import { solveMatching } from './engine';
import type { InstancePin, MatchingInstance, MatchingResult } from './instance';

const clone = <T>(value: T): T => structuredClone(value);

function solved(instance: MatchingInstance): { instance: MatchingInstance; result: MatchingResult } {
  return { instance, result: solveMatching(instance) };
}

const rules = (report: CheckReport) => report.violations.map((v) => v.rule);

/** Pins drawn from the instance: some people forced into, some kept out of, some seminars. */
function withPins(
  instance: MatchingInstance,
  draws: { person: number; seminar: number; force: boolean }[],
): MatchingInstance {
  const people = [...instance.attendees.map((a) => a.id), ...instance.specialists.map((s) => s.id)];
  const pins: InstancePin[] = draws.map((d) => ({
    personId: people[d.person % people.length],
    seminarId: instance.seminars[d.seminar % instance.seminars.length].id,
    kind: d.force ? 'force' : 'forbid',
  }));
  return { ...instance, pins };
}

describe(checkMatching.name, () => {
  describe('accepts what the engine answers', () => {
    it.each([
      [60, 4, 1],
      [300, 12, 2],
      [300, 12, 3],
    ])('%i attendees × %i seminars, seed %i', (attendees, seminars, seed) => {
      const { instance, result } = solved(generateInstance({ attendees, seminars, seed }));
      const report = checkMatching(instance, result);
      expect(report.violations).toEqual([]);
      expect(report).toMatchObject({ ok: true, feasible: true, objectiveMatches: true, certificateValid: true });
      expect(report.objective).toEqual({
        facilitators: result.objective.facilitators.total,
        attendees: result.objective.attendees.total,
      });
      expect(report.bounds).toEqual({
        facilitators: result.optimality.facilitators.bound,
        attendees: result.optimality.attendees.bound,
      });
      expect(report.optimal).toEqual({
        facilitators: result.optimality.facilitators.status === 'optimal',
        attendees: result.optimality.attendees.status === 'optimal',
      });
    });

    it('with random pins, full seminars and units already away', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 10_000 }),
          fc.array(fc.record({ person: fc.nat(), seminar: fc.nat(), force: fc.boolean() }), { maxLength: 12 }),
          fc.boolean(),
          (seed, draws, crowded) => {
            let instance = withPins(
              generateInstance({ attendees: 80, seminars: 5, seed, seatsPerSeminar: crowded ? 6 : 25 }),
              draws,
            );
            if (crowded) {
              instance = {
                ...instance,
                seminars: instance.seminars.map((s, i) => ({
                  ...s,
                  seatsTaken: i % 2,
                  unitSeatsTaken: { 'unit-0': 1 },
                })),
                // One person away on the middle day only: that day's share is tighter than its neighbours'.
                units: instance.units.map((u) => ({ ...u, awayByDate: { [instance.seminars[0].dates[1]]: 1 } })),
              };
            }
            const result = solveMatching(instance);
            const report = checkMatching(instance, result);
            expect(report.violations).toEqual([]);
            expect(report.ok).toBe(true);
          },
        ),
        { numRuns: 25 },
      );
    });

    it('with a unit already away on one day only of seminars that share their days', () => {
      const dates = ['2031-03-03', '2031-03-04', '2031-03-05'];
      const attendee = (id: string) => ({
        id,
        unitId: 'unit-a',
        willing: true,
        interests: { diabetes: 2 },
        trainedTopicIds: [],
        heldTopicIds: [],
        unavailable: [],
        busyDates: [],
      });
      const instance: MatchingInstance = {
        seminars: ['sem-1', 'sem-2'].map((id) => ({
          id,
          topicId: 'diabetes',
          networkId: 'north',
          dates,
          capacity: 10,
          seatsTaken: 0,
          unitSeatsTaken: {},
          requiredSpecialties: [],
          facilitators: [],
          preferredHospitalIds: [],
        })),
        specialists: [],
        // Ten on the staff: two may be away a day, and one already is on the 4th.
        units: [
          {
            id: 'unit-a',
            networkId: 'north',
            attendeeStaff: 10,
            referralHospitalIds: [],
            awayByDate: { '2031-03-04': 1 },
          },
        ],
        attendees: [attendee('ana'), attendee('beto'), attendee('carla')],
        pins: [],
      };
      const report = checkMatching(instance, solveMatching(instance));
      expect(report.violations).toEqual([]);
      expect(report.objective.attendees).toBe(85);
    });
  });

  describe('rejects a tampered result', () => {
    // Six seats a seminar: seminars fill, and people are left out.
    const base = solved(generateInstance({ attendees: 300, seminars: 12, seed: 5, seatsPerSeminar: 6 }));
    const seatedIds = new Set(base.result.proposals.flatMap((p) => p.attendees.map((a) => a.personId)));

    const tamper = (
      edit: (result: MatchingResult, instance: MatchingInstance) => void,
      instanceEdit?: (instance: MatchingInstance) => void,
    ) => {
      const result = clone(base.result);
      const instance = clone(base.instance);
      instanceEdit?.(instance);
      edit(result, instance);
      return checkMatching(instance, result);
    };
    const fullSeminar = (result: MatchingResult) => result.proposals.find((p) => p.attendees.length === 6)!;
    const unseated = (instance: MatchingInstance, seminarId: string, wanted: (interest: number) => boolean) => {
      const seminar = instance.seminars.find((s) => s.id === seminarId)!;
      return instance.attendees.find((a) => !seatedIds.has(a.id) && wanted(a.interests[seminar.topicId] ?? 0))!;
    };
    const seatFor = (instance: MatchingInstance, personId: string, _seminarId: string) => {
      const attendee = instance.attendees.find((a) => a.id === personId)!;
      return {
        personId,
        unitId: attendee.unitId,
        interest: 0,
        pairedFacilitatorIds: [],
        neverTrained: true,
        pinned: false,
        weight: 0,
      };
    };

    it('the untouched result passes', () => {
      expect(checkMatching(base.instance, base.result)).toMatchObject({ ok: true, violations: [] });
      expect(base.result.proposals.some((p) => p.attendees.length === 6)).toBe(true);
    });

    it('an extra attendee in a full seminar', () => {
      const report = tamper((result, instance) => {
        const proposal = fullSeminar(result);
        proposal.attendees.push(
          seatFor(instance, unseated(instance, proposal.seminarId, (i) => i > 0).id, proposal.seminarId),
        );
      });
      expect(report.ok).toBe(false);
      expect(report.feasible).toBe(false);
      expect(rules(report)).toContain('capacity');
    });

    it('a seated person swapped for someone with no interest in the topic', () => {
      const report = tamper((result, instance) => {
        const proposal = fullSeminar(result);
        const stranger = unseated(instance, proposal.seminarId, (i) => i === 0);
        proposal.attendees[0] = { ...proposal.attendees[0], personId: stranger.id, unitId: stranger.unitId };
      });
      expect(report.feasible).toBe(false);
      expect(rules(report)).toContain('no_interest');
    });

    it('a person seated twice', () => {
      const report = tamper((result) => {
        const [first, second] = result.proposals.filter((p) => p.attendees.length > 0);
        second.attendees.push(first.attendees[0]);
      });
      expect(rules(report)).toContain('one_seminar');
    });

    it('a seat for someone not in the instance', () => {
      const report = tamper((result) => {
        result.proposals[0].attendees.push({ ...result.proposals[0].attendees[0], personId: 'nobody' });
      });
      expect(rules(report)).toContain('unknown_person');
    });

    it('more from one unit than the per-unit cap', () => {
      const report = tamper(
        () => undefined,
        (instance) => {
          const proposal = base.result.proposals.find((p) => p.attendees.length > 0)!;
          const seminar = instance.seminars.find((s) => s.id === proposal.seminarId)!;
          seminar.unitSeatsTaken = { [proposal.attendees[0].unitId]: 2 };
        },
      );
      expect(rules(report)).toContain('unit_cap');
    });

    it("more of a unit's staff away on a day than its share", () => {
      const report = tamper(
        () => undefined,
        (instance) => {
          const proposal = base.result.proposals.find((p) => p.attendees.length > 0)!;
          const seminar = instance.seminars.find((s) => s.id === proposal.seminarId)!;
          instance.units.find((u) => u.id === proposal.attendees[0].unitId)!.awayByDate = { [seminar.dates[0]]: 5 };
        },
      );
      expect(rules(report)).toContain('daily_share');
    });

    it('a facilitator swapped for a specialist of a specialty the seminar does not need', () => {
      const report = tamper((result, instance) => {
        const proposal = result.proposals.find((p) => p.facilitators.length > 0)!;
        const seminar = instance.seminars.find((s) => s.id === proposal.seminarId)!;
        const needed = new Set(seminar.requiredSpecialties.map((r) => r.specialtyId));
        const other = instance.specialists.find(
          (s) => !needed.has(s.specialtyId) && s.networkId === seminar.networkId,
        )!;
        proposal.facilitators[0] = {
          ...proposal.facilitators[0],
          personId: other.id,
          specialtyId: other.specialtyId,
          hospitalId: other.hospitalId,
        };
      });
      expect(rules(report)).toContain('specialty_not_needed');
    });

    it('a facilitator in two seminars on the same day', () => {
      const report = tamper(
        (result, instance) => {
          const [first, second] = result.proposals.filter((p) => p.facilitators.length > 0);
          const specialist = instance.specialists.find((s) => s.id === first.facilitators[0].personId)!;
          instance.seminars
            .find((s) => s.id === second.seminarId)!
            .requiredSpecialties.push({ specialtyId: specialist.specialtyId, count: 9 });
          second.facilitators.push(first.facilitators[0]);
        },
        (instance) => {
          const [first, second] = base.result.proposals.filter((p) => p.facilitators.length > 0);
          instance.seminars.find((s) => s.id === second.seminarId)!.dates = instance.seminars.find(
            (s) => s.id === first.seminarId,
          )!.dates;
        },
      );
      expect(rules(report)).toEqual(expect.arrayContaining(['overlap', 'monthly_limit']));
    });

    it('a forbidden attendee seated, and a forced one left out without a reason', () => {
      const proposal = base.result.proposals.find((p) => p.attendees.length > 1)!;
      const [kept, dropped] = proposal.attendees;
      const report = tamper(
        (result) => {
          const tampered = result.proposals.find((p) => p.seminarId === proposal.seminarId)!;
          tampered.attendees = tampered.attendees.filter((a) => a.personId !== dropped.personId);
          result.pins = [
            { personId: kept.personId, seminarId: proposal.seminarId, kind: 'forbid', honoured: true },
            { personId: dropped.personId, seminarId: proposal.seminarId, kind: 'force', honoured: true },
          ];
        },
        (instance) => {
          instance.pins = [
            { personId: kept.personId, seminarId: proposal.seminarId, kind: 'forbid' },
            { personId: dropped.personId, seminarId: proposal.seminarId, kind: 'force' },
          ];
        },
      );
      expect(rules(report)).toEqual(expect.arrayContaining(['pin_forbid', 'pin_outcome', 'pin_force']));
    });

    it('an edited objective', () => {
      const report = tamper((result) => {
        result.objective.attendees.total += 1;
        result.optimality.attendees.objective += 1;
      });
      expect(report).toMatchObject({ ok: false, feasible: true, objectiveMatches: false });
    });

    it('an edited seat weight', () => {
      const report = tamper((result) => {
        result.proposals.find((p) => p.attendees.length > 0)!.attendees[0].weight += 10;
      });
      expect(report.objectiveMatches).toBe(false);
    });

    it('a claimed bound tighter than the certificate proves', () => {
      const report = tamper((result) => {
        result.optimality.attendees.bound -= 1;
      });
      expect(report).toMatchObject({ ok: false, certificateValid: false });
      expect(report.optimal.attendees).toBe(false);
    });

    it.each(['facilitators', 'attendees'] as const)(
      '%s: potentials edited so they no longer prove the bound',
      (stage) => {
        const report = tamper((result) => {
          const potentials = result.certificate[stage].potentials;
          // A node in the middle of the network, raised far above its neighbours.
          potentials[Math.floor(potentials.length / 2)] += 1_000_000;
        });
        expect(report.certificateValid).toBe(false);
        expect(report.bounds[stage]).toBeGreaterThan(base.result.optimality[stage].bound);
        expect(report.violations.some((v) => v.rule === 'certificate' && v.detail.startsWith(stage))).toBe(true);
      },
    );

    it('potentials that break the return arc, or one missing, prove nothing', () => {
      const reversed = tamper((result) => {
        result.certificate.attendees.potentials[0] += 1e9; // the source above the sink
      });
      expect(reversed.certificateValid).toBe(false);
      expect(reversed.bounds.attendees).toBeNaN();
      const short = tamper((result) => {
        result.certificate.facilitators.potentials.pop();
      });
      expect(short.certificateValid).toBe(false);
    });

    it('shifting every potential by the same amount still proves the bound', () => {
      const report = tamper((result) => {
        result.certificate.attendees.potentials = result.certificate.attendees.potentials.map((p) => p + 7);
      });
      expect(report.ok).toBe(true);
    });

    it('a price for a constraint the stage does not have', () => {
      const report = tamper((result) => {
        result.certificate.attendees.prices.push({ constraint: 'daily share nowhere 2031-01-01', price: 4 });
      });
      expect(report.certificateValid).toBe(false);
    });
  });
});
