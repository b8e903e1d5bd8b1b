import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RunSummary, runChaos } from './helpers/sync-chaos/chaos-run';
import { chaosScript } from './helpers/sync-chaos/chaos-script';
import { postgresTestStore, sqliteTestStore, type TestStore } from './helpers/test-stores';

/**
 * Sync under chaos, as a property: 2–5 desktops built from the renderer's own
 * sync and Dexie code (fake IndexedDB) make random changes — some the hub
 * refuses — through networks that drop, duplicate, delay and reorder live
 * changes and lose requests and answers, go off line and back, while the hub
 * restarts on the same store. After healing, the hub's log holds every
 * mutation once, every cache equals the hub, and no change was dropped
 * unseen. FUZZ_SEED (and FUZZ_PATH, from a failure's report) replay a run;
 * CHAOS_RUNS sets how many runs per store.
 */
const RUNS = Number(process.env.CHAOS_RUNS ?? 10);
const SEED = process.env.FUZZ_SEED === undefined ? Date.now() % 2_147_483_647 : Number(process.env.FUZZ_SEED);
const PATH = process.env.FUZZ_PATH;

function chaosProperty(label: string, makeStore: () => Promise<TestStore>) {
  describe(`sync chaos on ${label}`, () => {
    it(`converges after ${RUNS} chaotic runs (seed ${SEED})`, { timeout: 60_000 + RUNS * 60_000 }, async () => {
      const summaries: RunSummary[] = [];
      console.info(`sync chaos on ${label}: FUZZ_SEED=${SEED}${PATH ? ` FUZZ_PATH=${PATH}` : ''} CHAOS_RUNS=${RUNS}`);
      try {
        await fc.assert(
          fc.asyncProperty(chaosScript({ maxDesktops: 5, maxSteps: 60 }), async (script) => {
            summaries.push(await runChaos(makeStore, script));
          }),
          // Each run starts a hub and several desktops: shrinking would take minutes, so the first failing case is reported as is.
          { seed: SEED, numRuns: RUNS, endOnFailure: true, ...(PATH ? { path: PATH } : {}) },
        );
      } catch (error) {
        console.error(`sync chaos on ${label} failed: replay with FUZZ_SEED=${SEED} (and FUZZ_PATH from the report below)`);
        throw error;
      }
      for (const summary of summaries) console.info(JSON.stringify({ store: label, ...summary }));
      // The runs met what they were meant to: refusals, applied changes and lost answers.
      expect(summaries.reduce((sum, run) => sum + run.applied, 0)).toBeGreaterThan(0);
      expect(summaries.reduce((sum, run) => sum + run.refused, 0)).toBeGreaterThan(0);
      expect(summaries.reduce((sum, run) => sum + run.chaos.acksLost + run.chaos.requestsLost, 0)).toBeGreaterThan(0);
    });
  });
}

chaosProperty('sqlite', sqliteTestStore);
chaosProperty('postgres', postgresTestStore);
