import { translate } from '../../../common/i18n/messages';
import { blockerText } from '../matching-reasons';
import { solveMatching } from './engine';
import type { InstanceSeminar, InstanceSpecialist, MatchingInstance } from './instance';

/**
 * A place nobody can fill, whatever else the run decides: the seminar runs from 27 February to
 * 3 March, and each cardiologist is kept out by a different rule. The run's reason names them all.
 */
const seminar = (id: string, dates: string[], extra: Partial<InstanceSeminar> = {}): InstanceSeminar => ({
  id,
  topicId: 'heart',
  networkId: 'north',
  dates,
  capacity: 10,
  seatsTaken: 0,
  unitSeatsTaken: {},
  requiredSpecialties: [{ specialtyId: 'cardiology', count: 1 }],
  facilitators: [],
  preferredHospitalIds: ['north-hospital'],
  ...extra,
});
const cardiologist = (id: string, extra: Partial<InstanceSpecialist> = {}): InstanceSpecialist => ({
  id,
  specialtyId: 'cardiology',
  hospitalId: 'north-hospital',
  networkId: 'north',
  unavailable: [],
  busyDates: [],
  monthlyLoad: {},
  load: 0,
  ...extra,
});

const SPANNING = ['2031-02-27', '2031-02-28', '2031-03-03'];
const instance: MatchingInstance = {
  seminars: [
    seminar('spanning', SPANNING),
    // Kept: its cardiologist already facilitates it, on a day of the spanning seminar.
    seminar('kept-same-day', ['2031-03-03', '2031-03-04', '2031-03-05'], {
      topicId: 'lungs',
      requiredSpecialties: [],
      facilitators: [{ personId: 'on-same-day', specialtyId: 'cardiology', hospitalId: 'north-hospital' }],
    }),
  ],
  specialists: [
    cardiologist('on-holiday', { unavailable: [{ from: '2031-02-24', to: '2031-02-28' }] }),
    cardiologist('on-same-day'),
    cardiologist('february-full', { monthlyLoad: { '2031-02': 1 } }),
    cardiologist('other-network', { networkId: 'south', hospitalId: 'south-hospital' }),
    cardiologist('kept-out'),
  ],
  units: [],
  attendees: [],
  pins: [{ personId: 'kept-out', seminarId: 'spanning', kind: 'forbid' }],
};

describe('a place that cannot be filled', () => {
  const result = solveMatching(instance);
  const place = result.proposals.find((p) => p.seminarId === 'spanning')!.uncovered[0];

  it('names every specialist of the specialty and the rule that keeps each one out', () => {
    expect(place).toMatchObject({ specialtyId: 'cardiology', missing: 1 });
    const byPerson = Object.fromEntries(place.blockers.map((b) => [b.personId, b]));
    expect(Object.keys(byPerson).sort()).toEqual([
      'february-full',
      'kept-out',
      'on-holiday',
      'on-same-day',
      'other-network',
    ]);
    expect(byPerson['on-holiday']).toMatchObject({ rule: 'unavailable', dates: ['2031-02-27', '2031-02-28'] });
    expect(byPerson['on-same-day']).toMatchObject({
      rule: 'same_day',
      seminarIds: ['kept-same-day'],
      dates: ['2031-03-03'],
    });
    expect(byPerson['february-full']).toMatchObject({
      rule: 'monthly_limit',
      month: '2031-02',
      seminarIds: [],
      outside: 1,
    });
    expect(byPerson['other-network']).toMatchObject({ rule: 'network' });
    expect(byPerson['kept-out']).toMatchObject({ rule: 'pinned_out' });
  });

  it('tells the office in its language what stops each one', () => {
    const title = (id: string) => (id === 'kept-same-day' ? 'EPOC en el primer nivel' : id);
    const say = (personId: string, language: 'es' | 'en') =>
      translate(
        blockerText(
          place.blockers.find((b) => b.personId === personId)!,
          title,
        ),
        language,
      );
    expect(say('on-same-day', 'es')).toBe(
      'Facilita «EPOC en el primer nivel» el mismo día: lunes, 3 de marzo de 2031.',
    );
    expect(say('february-full', 'es')).toBe(
      'Ya llegó a su límite mensual de febrero de 2031 y 1 seminario fuera de la corrida.',
    );
    expect(say('february-full', 'en')).toBe(
      'Has reached the monthly limit of February 2031 and 1 seminar outside the run.',
    );
    expect(say('on-holiday', 'en')).toMatch(/^Not available: .*27.*28.*2031\.$/);
  });
});
