/**
 * What a report adds up, as plain sums so that rows from the rollup table and
 * rows folded live from task events add together. Every rate is derived from
 * these sums at the very end (never an average of averages).
 *
 * Definitions (also in the Reports help text, reports.help.*):
 * - entered: waits that entered the queue (a task arriving, or overflowed or
 *   transferred into it); the report's "offered".
 * - answered: waits ended by an accept or an assignment.
 * - abandoned: waits the customer left (abandoned) or that ran past the
 *   queue's max wait with nowhere to go (timed-out).
 * - overflowed: waits that left unanswered for another queue.
 * - waits ended = answered + abandoned + overflowed (as the live service level
 *   in shared/routing/service-level.ts counts them).
 * - service level = answered within the queue's threshold / waits ended.
 * - ASA = time from entering the queue to the answer, over answered waits.
 * - AHT = time from the answer to done (or to a transfer on), over handles
 *   that ended; wrap-up is part of handling.
 * - abandon rate = abandoned / waits ended.
 * - FCR = done tasks whose customer had no further task created within
 *   FCR_WINDOW_MS after, over done tasks with a customer.
 */
export type Tally = {
  entered: number;
  answered: number;
  answeredInTime: number;
  abandoned: number;
  overflowed: number;
  /** Sum over answered waits of enter → answer, ms. */
  waitMs: number;
  /** Handles that ended (done, or transferred on). */
  handled: number;
  /** Sum over those handles of answer → end, ms. */
  handleMs: number;
  /** Tasks finished as done. */
  done: number;
  fcrEligible: number;
  fcrResolved: number;
};

export const TALLY_FIELDS = [
  'entered',
  'answered',
  'answeredInTime',
  'abandoned',
  'overflowed',
  'waitMs',
  'handled',
  'handleMs',
  'done',
  'fcrEligible',
  'fcrResolved',
] as const satisfies readonly (keyof Tally)[];

/** A customer's next contact within this long after a task is done means the first contact did not resolve it. */
export const FCR_WINDOW_MS = 7 * 24 * 3_600_000;

export const emptyTally = (): Tally => ({
  entered: 0,
  answered: 0,
  answeredInTime: 0,
  abandoned: 0,
  overflowed: 0,
  waitMs: 0,
  handled: 0,
  handleMs: 0,
  done: 0,
  fcrEligible: 0,
  fcrResolved: 0,
});

/** Adds `from` into `into` (mutating `into`, which the caller owns). */
export function addTally(into: Tally, from: Tally): Tally {
  for (const field of TALLY_FIELDS) into[field] += from[field];
  return into;
}

/** The figures a person reads; null where the denominator is zero (shown as "—"). */
export type Figures = {
  offered: number;
  answered: number;
  abandoned: number;
  overflowed: number;
  /** Percent. */
  serviceLevel: number | null;
  /** Seconds. */
  asa: number | null;
  /** Seconds. */
  aht: number | null;
  /** Percent. */
  abandonRate: number | null;
  /** Percent. */
  fcr: number | null;
};

const share = (part: number, whole: number) => (whole === 0 ? null : (part * 100) / whole);
const mean = (sumMs: number, count: number) => (count === 0 ? null : sumMs / count / 1000);

export function figuresOf(tally: Tally): Figures {
  const waitsEnded = tally.answered + tally.abandoned + tally.overflowed;
  return {
    offered: tally.entered,
    answered: tally.answered,
    abandoned: tally.abandoned,
    overflowed: tally.overflowed,
    serviceLevel: share(tally.answeredInTime, waitsEnded),
    asa: mean(tally.waitMs, tally.answered),
    aht: mean(tally.handleMs, tally.handled),
    abandonRate: share(tally.abandoned, waitsEnded),
    fcr: share(tally.fcrResolved, tally.fcrEligible),
  };
}
