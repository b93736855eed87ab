/**
 * The matching engine's input and output, as plain JSON.
 *
 * An instance is self-contained: it names the seminars of the run, the specialists who may
 * facilitate, the primary-care attendees and their units, the office's pins and the settings. Dates
 * are `YYYY-MM-DD`; ids are opaque strings. The engine decides in two stages: facilitators first
 * (coverage of each seminar's required specialties), then attendees (who benefits from pairing with
 * the facilitators chosen in the first stage).
 */

export interface DateRange {
  from: string;
  /** Inclusive. */
  to: string;
}

export interface InstanceSeminar {
  id: string;
  topicId: string;
  networkId: string;
  /** The seminar's days, ascending. */
  dates: string[];
  /** Seats in total. */
  capacity: number;
  /** Seats already held by people outside this run (enrolled earlier). */
  seatsTaken: number;
  /** Seats already held per unit, for the per-unit cap. */
  unitSeatsTaken: Record<string, number>;
  /** Facilitator specialties the topic requires, with how many of each. */
  requiredSpecialties: { specialtyId: string; count: number }[];
  /**
   * Facilitators already assigned (kept; they count towards coverage). A specialist of the instance
   * listed here holds this seminar: its days are taken and it counts towards the monthly limit
   * when the specialist is considered for other seminars of the run.
   */
  facilitators: { personId: string; specialtyId: string | null; hospitalId: string | null }[];
  /** Hospitals that the primary units of the seminar's network refer to. */
  preferredHospitalIds: string[];
}

export interface InstanceSpecialist {
  id: string;
  specialtyId: string;
  /** The hospital the specialist works at, if known, and its network. */
  hospitalId: string | null;
  networkId: string | null;
  unavailable: DateRange[];
  /** Days already taken by seminars outside this run. */
  busyDates: string[];
  /**
   * Seminars already facilitated (or planned) outside this run per month `YYYY-MM`. Run seminars the
   * specialist already facilitates (listed in a seminar's `facilitators`) are not in it: they count
   * on their own, towards the monthly limit and as taken days, for the other seminars of the run.
   */
  monthlyLoad: Record<string, number>;
  /** Seminars facilitated (or planned) in the load window, for a fair spread. */
  load: number;
}

export interface InstanceUnit {
  id: string;
  networkId: string;
  /** Primary-care physicians on the unit's staff. */
  attendeeStaff: number;
  referralHospitalIds: string[];
  /** Staff already away at seminars outside this run, per date. */
  awayByDate: Record<string, number>;
}

export interface InstanceAttendee {
  id: string;
  unitId: string;
  willing: boolean;
  /** Interest per topic id, 0 (none) to 3 (high). */
  interests: Record<string, number>;
  /** Topics the person was trained on before (no priority for these). */
  trainedTopicIds: string[];
  /** Topics the person already has a seminar for (enrolled or attended, not cancelled): never a second one. */
  heldTopicIds: string[];
  unavailable: DateRange[];
  busyDates: string[];
}

/**
 * An office decision on a pair. `force`: the person takes the seminar if the rules allow it
 * (a pin overrides willingness, interest, network and, for specialists, whether the specialty is
 * required; never availability, a held topic, seats or the per-unit and daily limits, a
 * specialist's one seminar a day or monthly limit). Of several force pins that cannot all hold
 * (one person, one seat per run, one seminar a day, the monthly limit, seats), the earlier in the
 * list wins. `forbid`: the person does not take the seminar.
 */
export interface InstancePin {
  personId: string;
  seminarId: string;
  kind: 'force' | 'forbid';
}

export interface Weights {
  /** Facilitators: preference for a specialist from a hospital the seminar's network refers to. */
  facilitatorReferral: number;
  /** Facilitators: cost of each seminar a specialist already holds, so the load spreads. */
  facilitatorLoad: number;
  /** Attendees: value of a seat given at all. */
  attendeeSeat: number;
  /** Attendees: value per interest level (1..3). */
  attendeeInterest: number;
  /** Attendees: value of facilitators from the hospital the attendee's unit refers to. */
  attendeeReferralPairing: number;
  /** Attendees: value of a seat for someone never trained on the topic. */
  attendeeNeverTrained: number;
}

export const DEFAULT_WEIGHTS: Weights = {
  facilitatorReferral: 20,
  facilitatorLoad: 4,
  attendeeSeat: 50,
  attendeeInterest: 10,
  attendeeReferralPairing: 12,
  attendeeNeverTrained: 15,
};

export interface Settings {
  /** At most this many attendees from one unit in one seminar. */
  unitSeminarCap: number;
  /** At most this share of a unit's attendee staff away on one day (at least one person). */
  unitDailyShare: number;
  /**
   * Seminars a specialist may facilitate per calendar month (a seminar counts in each month it
   * touches), counting those outside the run, those of the run already held and the new ones.
   */
  facilitatorMonthlyLimit: number;
  /** Attendees only go to seminars of their own unit's network. */
  sameNetworkOnly: boolean;
  /**
   * Specialists facilitate only seminars of their hospital's network or of a network whose units
   * refer to their hospital; otherwise any seminar.
   */
  facilitatorsFromNetwork: boolean;
  weights: Weights;
  /** Price updates per stage at most, when side constraints bind. */
  priceIterations: number;
  /**
   * Budget after which a stage stops refining its answer, in milliseconds of a reference machine:
   * it is converted to a fixed amount of work (see `WORK_PER_MS` in work.ts, calibrated on a
   * 2-core machine), so answers never depend on the machine's speed or load.
   */
  budgetMs: number;
}

export const DEFAULT_SETTINGS: Settings = {
  unitSeminarCap: 2,
  unitDailyShare: 0.2,
  facilitatorMonthlyLimit: 1,
  sameNetworkOnly: true,
  facilitatorsFromNetwork: true,
  weights: DEFAULT_WEIGHTS,
  priceIterations: 40,
  budgetMs: 2_000,
};

export interface MatchingInstance {
  settings?: Partial<Omit<Settings, 'weights'>> & { weights?: Partial<Weights> };
  seminars: InstanceSeminar[];
  specialists: InstanceSpecialist[];
  units: InstanceUnit[];
  attendees: InstanceAttendee[];
  pins?: InstancePin[];
}

export type AttendeeExclusion =
  | 'not_willing'
  | 'no_interest'
  /** Interested, but no seminar of those topics in the run (in the person's network). */
  | 'no_seminar'
  | 'already_has_topic'
  | 'unavailable'
  | 'pinned_out'
  | 'capacity'
  | 'unit_cap'
  | 'unit_daily_share'
  /** A seat was free and nothing blocked it: the search stopped before proving the best answer. */
  | 'search_limit';

export type FacilitatorShortfall = 'no_specialist' | 'unavailable' | 'monthly_limit' | 'taken_elsewhere';

/**
 * What keeps one specialist from an open place:
 * - `unavailable`: days off or days taken outside the run on `dates`;
 * - `monthly_limit`: the limit of `month` is used, by the run seminars `seminarIds` and `outside`
 *   seminars outside the run;
 * - `same_day`: facilitates the run seminars `seminarIds` on `dates` of this one;
 * - `network`: works outside the seminar's network and its referral hospitals;
 * - `pinned_out`: the office kept the specialist out of this seminar.
 */
export interface FacilitatorBlocker {
  personId: string;
  rule: 'unavailable' | 'monthly_limit' | 'same_day' | 'network' | 'pinned_out';
  dates: string[];
  month: string | null;
  seminarIds: string[];
  outside: number;
}

export interface FacilitatorAssignment {
  personId: string;
  specialtyId: string;
  hospitalId: string | null;
  /** The specialist works at a hospital the seminar's network refers to. */
  referralHospital: boolean;
  /** Seminars the specialist holds counting this one (run and outside). */
  load: number;
  pinned: boolean;
}

export interface AttendeeAssignment {
  personId: string;
  unitId: string;
  interest: number;
  /** Facilitators of the seminar who work at a hospital the attendee's unit refers to. */
  pairedFacilitatorIds: string[];
  neverTrained: boolean;
  pinned: boolean;
  weight: number;
}

export interface SeminarProposal {
  seminarId: string;
  facilitators: FacilitatorAssignment[];
  /** Required places no specialist could take. */
  uncovered: {
    specialtyId: string;
    missing: number;
    reason: FacilitatorShortfall;
    /** Every specialist of the specialty and what keeps each one from the place: the proof it cannot be filled. */
    blockers: FacilitatorBlocker[];
  }[];
  attendees: AttendeeAssignment[];
}

export interface LeftOut {
  personId: string;
  unitId: string;
  reason: AttendeeExclusion;
}

/**
 * Why a pin was not honoured: an attendee's or a facilitator's reason, or
 * - `not_in_run`: the person or the seminar is not part of the instance;
 * - `already_seated`: an attendee force pin, while the person takes another seminar of the run
 *   (an earlier force pin): one seminar per person and run;
 * - `already_facilitates`: a forbid pin on a specialist who already facilitates the seminar (kept);
 * - `capacity`, for a specialist: the seminar shares a day with another one the specialist holds
 *   in the run.
 */
export type PinReason =
  AttendeeExclusion | FacilitatorShortfall | 'not_in_run' | 'already_seated' | 'already_facilitates';

export interface PinOutcome extends InstancePin {
  honoured: boolean;
  /** A {@link PinReason}. */
  reason?: string;
}

export interface StageOptimality {
  /** `optimal`: proven; `feasible`: meets every constraint, within `bound − objective` of the best. */
  status: 'optimal' | 'feasible';
  objective: number;
  /** Upper bound on the stage's objective (equal to it when optimal). */
  bound: number;
  /** Flow problems solved (1 when the flow optimum already met every side constraint). */
  flowSolves: number;
  /** Side constraints (beyond pure flow) that bound at the root. */
  sideConstraintsViolatedAtRoot: number;
  /**
   * What proves `bound`: the flow certificate of the result (which the checker verifies), or the
   * exact solver's branch and bound (the certificate then proves a weaker bound, at least this one).
   */
  provenBy: 'flow_certificate' | 'exact_solver';
}

/**
 * What proves a stage's bound: the price of each side constraint (omitted when 0) and a potential
 * for every node of the stage's priced flow network. `checker.ts` rebuilds the network from the
 * instance and turns these into the bound by weak duality.
 */
export interface FlowCertificate {
  prices: { constraint: string; price: number }[];
  potentials: number[];
}

export interface MatchingResult {
  objective: {
    facilitators: { total: number; covered: number; referral: number; load: number };
    attendees: { total: number; seats: number; interest: number; referralPairing: number; neverTrained: number };
  };
  proposals: SeminarProposal[];
  leftOut: LeftOut[];
  pins: PinOutcome[];
  optimality: { facilitators: StageOptimality; attendees: StageOptimality };
  certificate: { facilitators: FlowCertificate; attendees: FlowCertificate };
  stats: { specialistPairs: number; attendeePairs: number; nodes: number; arcs: number; milliseconds: number };
}
