import { Dexie } from 'dexie';
import { login } from '../auth/auth-api';
import { applyChangePage } from '../db/apply-changes';
import { SwitchboardDb } from '../db/schema';
import { searchCustomers } from '../db/search';
import { createSyncEngine } from '../sync/engine';

/**
 * What a benchmark drives from `page.evaluate` (open `/?bench`): the real
 * sync engine and cache schema, with no UI in the way.
 *
 *   const api = window.switchboardBench;
 *   const auth = await api.login(location.origin, 'agent1', 'demo1234');
 *   const engine = api.createSyncEngine({ hubUrl: location.origin, token: auth.accessToken, dbName: 'bench' });
 *   const summary = await engine.pullAll();   // { pages, changes, cursor, head, ms }
 *   await engine.stop();
 */
export const benchApi = {
  createSyncEngine,
  /** The engine's write path alone (one page, one transaction), to measure it without the network. */
  applyChangePage,
  /** The search box's query over a synced cache: `searchCustomers(db, 'wang', 'CN')`. */
  searchCustomers,
  SwitchboardDb,
  Dexie,
  async login(hubUrl: string, username: string, password: string) {
    const result = await login(hubUrl, { username, password });
    if (!result.ok) throw new Error(`login failed: ${JSON.stringify(result.failure)}`);
    return result.session;
  },
  deleteDatabase: (name: string) => Dexie.delete(name),
};

export type BenchApi = typeof benchApi;

declare global {
  interface Window {
    switchboardBench?: BenchApi;
  }
}

export function installBenchApi(root: HTMLElement): void {
  window.switchboardBench = benchApi;
  root.textContent = 'Switchboard benchmark harness ready';
  root.dataset.testid = 'bench-ready';
}
