/**
 * Hold time as the hub tallies it from the agent's desktop: every hold and
 * resume, in order, folded into the closed hold time so far, the start of
 * the hold in progress, and how many holds there were. A repeated hold (or
 * resume) changes nothing, so a desktop that re-sends is harmless. Pure.
 */
export type HoldTally = { heldMs: number; heldSince: number | null; holds: number };

export const NO_HOLD: HoldTally = { heldMs: 0, heldSince: null, holds: 0 };

export function holdChanged(tally: HoldTally, held: boolean, at: number): HoldTally {
  if (held) return tally.heldSince === null ? { ...tally, heldSince: at, holds: tally.holds + 1 } : tally;
  if (tally.heldSince === null) return tally;
  return { ...tally, heldMs: tally.heldMs + Math.max(0, at - tally.heldSince), heldSince: null };
}

/** Hold time up to `end`: a hold still open then (the call ended on hold) counts until the end. */
export function heldMsUntil(tally: HoldTally, end: number): number {
  return tally.heldMs + (tally.heldSince === null ? 0 : Math.max(0, end - tally.heldSince));
}
