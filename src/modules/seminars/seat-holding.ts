/**
 * Enrolment statuses that hold a seat in a seminar: confirmed plus held never exceeds its
 * capacity, and a person in one of them counts as attending. The one definition, here because
 * seminars (bookings, participants) read enrolments before the enrolment module exists.
 */
export const SEAT_HOLDING_STATUSES = ['accepted', 'released', 'confirmed'] as const;

export type SeatHoldingStatus = (typeof SEAT_HOLDING_STATUSES)[number];

/** Whether an enrolment in `status` holds a seat. */
export function holdsSeat(status: string): status is SeatHoldingStatus {
  return (SEAT_HOLDING_STATUSES as readonly string[]).includes(status);
}
