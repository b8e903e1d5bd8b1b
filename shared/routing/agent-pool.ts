import type { AgentProfile, AgentState, RoutingPolicy, Task, TaskChannel } from '../domain/routing';
import { type ChannelLoad, hasSkills, spareCapacity } from './capacity';

/** What routing knows about one agent at the moment of a pass. */
export type AgentRuntime = {
  profile: AgentProfile;
  state: AgentState;
  /** Tasks held per channel: pending offers, assigned and in wrap-up. */
  load: ChannelLoad;
  /** When the agent last became available, was given work or finished it; earliest = longest idle. */
  idleSince: number;
  /** Offers missed in a row (see afterMissedOffer); routing itself does not read it. */
  missedCount: number;
};

/** One agent during a pass: load grows with each offer made, and `givenSeq` records the latest. */
export type Candidate = {
  runtime: AgentRuntime;
  id: string;
  load: ChannelLoad;
  /** 0 = no offer yet in this pass; else the order of its latest offer. */
  givenSeq: number;
  pools: Pool[];
};

/**
 * The agents of one queue who could take one channel, in longest-idle order.
 * An agent who gets an offer in this pass moves behind everyone who has not
 * (so one pass spreads work like the next pass would): `fresh` keeps the
 * agents not yet given anything, `tail` the given ones in the order given.
 * Entries that can never qualify again in this pass (capacity only shrinks)
 * are skipped for good by moving the heads, so a pass stays near
 * O(tasks + agents) instead of O(tasks × agents).
 */
export type Pool = {
  channel: TaskChannel;
  fresh: Candidate[];
  freshHead: number;
  tail: { candidate: Candidate; seq: number }[];
  tailHead: number;
  /** Candidates with spare capacity for the channel; 0 lets a task skip the pool at once. */
  withSpare: number;
  /** Requirement signatures no one here can meet (with no declines); they stay unmet all pass. */
  unmet: Set<string>;
};

export type Eligibility = (candidate: Candidate) => boolean;

export function spareOf(candidate: Candidate, channel: TaskChannel, policy: RoutingPolicy): number {
  return spareCapacity(candidate.runtime.profile, candidate.load, channel, policy);
}

export function makePool(channel: TaskChannel, members: readonly Candidate[], policy: RoutingPolicy): Pool {
  const pool: Pool = { channel, fresh: [], freshHead: 0, tail: [], tailHead: 0, withSpare: 0, unmet: new Set() };
  const given: Candidate[] = [];
  for (const candidate of members) {
    if ((candidate.runtime.profile.capacity[channel] ?? 0) === 0) continue;
    candidate.pools.push(pool);
    if (spareOf(candidate, channel, policy) > 0) pool.withSpare++;
    (candidate.givenSeq === 0 ? pool.fresh : given).push(candidate);
  }
  // A pool made late in the pass must see earlier offers in the order they were made.
  for (const candidate of given.sort((a, b) => a.givenSeq - b.givenSeq)) {
    pool.tail.push({ candidate, seq: candidate.givenSeq });
  }
  return pool;
}

/** The first candidate in longest-idle order with spare capacity who passes `eligible`. */
export function pickFrom(pool: Pool, policy: RoutingPolicy, eligible: Eligibility): Candidate | null {
  if (pool.withSpare === 0) return null;
  for (let i = pool.freshHead; i < pool.fresh.length; i++) {
    const candidate = pool.fresh[i] as Candidate;
    if (candidate.givenSeq > 0 || spareOf(candidate, pool.channel, policy) === 0) {
      if (i === pool.freshHead) pool.freshHead++;
      continue;
    }
    if (eligible(candidate)) return candidate;
  }
  for (let i = pool.tailHead; i < pool.tail.length; i++) {
    const entry = pool.tail[i] as Pool['tail'][number];
    if (entry.seq !== entry.candidate.givenSeq || spareOf(entry.candidate, pool.channel, policy) === 0) {
      if (i === pool.tailHead) pool.tailHead++;
      continue;
    }
    if (eligible(entry.candidate)) return entry.candidate;
  }
  return null;
}

/** Records an offer: the load grows, and the agent moves to the back of every pool it is in. */
export function give(candidate: Candidate, channel: TaskChannel, seq: number, policy: RoutingPolicy): void {
  const before = candidate.pools.map((pool) => spareOf(candidate, pool.channel, policy));
  candidate.load[channel] = (candidate.load[channel] ?? 0) + 1;
  candidate.givenSeq = seq;
  candidate.pools.forEach((pool, i) => {
    if ((before[i] ?? 0) > 0 && spareOf(candidate, pool.channel, policy) === 0) pool.withSpare--;
    pool.tail.push({ candidate, seq });
  });
}

/** Not declined, with every skill: the per-task checks (availability and membership are the pool's). */
export function canTake(candidate: Candidate, task: Task, required: readonly (readonly [string, number])[]): boolean {
  return !task.declinedBy.includes(candidate.id) && hasSkills(candidate.runtime.profile.skills, required);
}
