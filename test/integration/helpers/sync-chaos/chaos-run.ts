import { expect } from 'vitest';
import { readCursor } from '../../../../renderer/db/meta';
import { NetworkError } from '../../../../renderer/sync/hub-socket';
import { startTestHub, type TestHub } from '../test-hub';
import type { TestStore } from '../test-stores';
import { makeChange } from './agent-changes';
import { type ChaosDesktop, openChaosDesktop } from './chaos-desktop';
import type { ChaosScript } from './chaos-script';
import { CALM, type ChaosTally } from './chaos-socket';
import { desktopProjection, hubProjection } from './projection';
import { checkExactlyOnce, checkNothingDropped } from './properties';

/** One agent per desktop; the supervisor may act on every complaint, the agents on their own. */
const USERS = ['supervisor', 'agent1', 'agent2', 'agent3', 'agent4'];
/** A day inside the desktops' 730-day cache window, so both sides filter old interactions alike. */
const WINDOW_MS = 729 * 86_400_000;
/** Healing is bounded: a desktop that cannot drain its outbox or reach the head in this many rounds fails the run. */
const HEAL_ROUNDS = 200;

export type RunSummary = {
  desktops: number;
  steps: number;
  restarts: number;
  applied: number;
  refused: number;
  /** Per mutation name: `applied/refused`. */
  mutations: Record<string, string>;
  chaos: ChaosTally;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type World = { store: TestStore; hub: TestHub | null; desktops: ChaosDesktop[]; restarts: number };

async function startHub(world: World): Promise<TestHub> {
  const hub = await startTestHub(world.store);
  world.hub = hub;
  for (const desktop of world.desktops) desktop.link.retarget(hub.hub.port);
  return hub;
}

/** The hub goes down (finishing what it already received, as on SIGTERM) and comes back on the same store. */
async function restartHub(world: World): Promise<void> {
  await world.hub?.close();
  world.hub = null;
  world.restarts += 1;
  // Long enough for the desktops' reconnect attempts to find nobody there.
  await sleep(50);
  await startHub(world);
}

/**
 * `pullAll` as the app's sign-in does it, again while the connection drops
 * under it (a token renewal reconnects; socket.io comes back by itself).
 */
async function pullAll(desktop: ChaosDesktop): Promise<number> {
  for (let round = 0; ; round += 1) {
    try {
      return (await desktop.engine.pullAll()).cursor;
    } catch (error) {
      if (!(error instanceof NetworkError) || round >= HEAL_ROUNDS) throw error;
      await sleep(20);
    }
  }
}

/**
 * Everyone back: hub up, links up, no more chaos. Then every outbox drains
 * and every desktop pulls to the hub's head — asked for through the engine's
 * own `pushOutbox` and `pullAll`, which is what the app does on reconnect.
 */
async function heal(world: World): Promise<TestHub> {
  const hub = world.hub ?? (await startHub(world));
  for (const desktop of world.desktops) {
    desktop.chaos.calm();
    desktop.link.restore();
  }
  for (const desktop of world.desktops) {
    await pullAll(desktop);
    for (let round = 0; (await desktop.db.outbox.count()) > 0; round += 1) {
      if (round >= HEAL_ROUNDS) throw new Error(`${desktop.label}: the outbox did not drain (${await desktop.db.outbox.count()} left)`);
      await desktop.engine.pushOutbox();
      if ((await desktop.db.outbox.count()) > 0) await sleep(20);
    }
  }
  // Pull again until every desktop stands at the head (a late desktop's pushes moved it after the others pulled).
  for (let round = 0; ; round += 1) {
    if (round >= HEAL_ROUNDS) throw new Error('the desktops did not reach the hub head');
    const head = (await hub.hub.db.selectFrom('sync_head').select('seq').executeTakeFirstOrThrow()).seq;
    const cursors = await Promise.all(world.desktops.map(pullAll));
    const stored = await Promise.all(world.desktops.map((desktop) => readCursor(desktop.db)));
    if ([...cursors, ...stored].every((cursor) => cursor === head)) return hub;
    await sleep(20);
  }
}

/**
 * One chaos run from a fresh store: the script's steps, then healing, then
 * the three properties — the hub's log holds every mutation exactly once,
 * every desktop's cache equals the hub, and every mutation is either applied
 * or shown to its agent as refused.
 */
export async function runChaos(makeStore: () => Promise<TestStore>, script: ChaosScript): Promise<RunSummary> {
  const world: World = { store: await makeStore(), hub: null, desktops: [], restarts: 0 };
  try {
    const hub = await startHub(world);
    for (const [index, setup] of script.desktops.entries()) {
      const username = USERS[index] ?? 'agent5';
      world.desktops.push(await openChaosDesktop({ hubPort: hub.hub.port, username, odds: CALM, seed: setup.seed }));
    }
    // Everyone starts from the demo data, as an agent signs in before working; the trouble starts after.
    await Promise.all(world.desktops.map((desktop) => desktop.engine.pullAll()));
    for (const [index, setup] of script.desktops.entries()) {
      const desktop = world.desktops[index];
      if (desktop) desktop.chaos.odds = setup.odds;
    }

    for (const step of script.steps) {
      switch (step.kind) {
        case 'change': {
          const desktop = world.desktops[step.desktop];
          if (!desktop) break;
          const mutation = await makeChange(desktop, step.change);
          if (mutation) desktop.created.push(mutation);
          break;
        }
        case 'offline':
          world.desktops[step.desktop]?.link.cut();
          break;
        case 'online':
          world.desktops[step.desktop]?.link.restore();
          break;
        case 'reload':
          await world.desktops[step.desktop]?.reload();
          break;
        case 'restart-hub':
          await restartHub(world);
          break;
        case 'wait':
          await sleep(step.ms);
          break;
      }
    }

    const healed = await heal(world);
    const created = world.desktops.flatMap((desktop) => desktop.created);
    const logged = await checkExactlyOnce(healed, created);
    for (const desktop of world.desktops) checkNothingDropped(desktop, logged);
    const since = Date.now() - WINDOW_MS;
    const truth = await hubProjection(healed.hub.db, since);
    for (const desktop of world.desktops) {
      expect(await desktop.db.outbox.count(), `${desktop.label}: outbox after healing`).toBe(0);
      expect(await desktopProjection(desktop.db, since), `${desktop.label}: cache against the hub`).toEqual(truth);
    }

    const chaos: ChaosTally = { dropped: 0, duplicated: 0, reordered: 0, delayed: 0, requestsLost: 0, acksLost: 0, acksDelayed: 0 };
    for (const desktop of world.desktops) for (const [key, count] of Object.entries(desktop.chaos.tally)) chaos[key as keyof ChaosTally] += count;
    const refused = [...logged.values()].filter((record) => record.status === 'rejected').length;
    const tallies = new Map<string, [number, number]>();
    for (const mutation of created) {
      const tally = tallies.get(mutation.name) ?? [0, 0];
      tally[logged.get(mutation.id)?.status === 'applied' ? 0 : 1] += 1;
      tallies.set(mutation.name, tally);
    }
    const mutations = Object.fromEntries([...tallies].map(([name, [ok, no]]) => [name, `${ok}/${no}`]));
    return { desktops: world.desktops.length, steps: script.steps.length, restarts: world.restarts, applied: logged.size - refused, refused, mutations, chaos };
  } finally {
    for (const desktop of world.desktops) await desktop.stop();
    await world.hub?.close();
    await world.store.cleanup();
  }
}
