/**
 * Deterministic measure of the engine's effort. The search is bounded by units of work (arcs
 * scanned by the flow solver, options examined by the seat exchanges, …) rather than by the
 * clock, so that the same instance always gives the same answer, whatever the machine's speed or
 * load.
 */
export class WorkMeter {
  /** Units of work done so far. */
  done = 0;

  add(units: number): void {
    this.done += units;
  }

  /** True once more than `limit` units (a {@link WorkMeter.done} value) are done. */
  past(limit: number): boolean {
    return this.done > limit;
  }
}

/**
 * Units of work per millisecond of `budgetMs`: a budget is converted to a fixed amount of work,
 * calibrated on a 2-core machine so that the default budget runs about as long there as a time
 * limit of the same length would.
 */
export const WORK_PER_MS = 50_000;

/** The amount of work a budget of `budgetMs` allows. */
export function workBudget(budgetMs: number): number {
  return budgetMs * WORK_PER_MS;
}
