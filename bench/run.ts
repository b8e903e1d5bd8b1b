import { rendererAssets } from './browser';
import { benchCallRate } from './call-rate';
import { benchChatRelay } from './chat-relay';
import { benchCustomerValue } from './customer-value';
import { benchEmailInbound } from './email-inbound';
import { benchInitialSync } from './initial-sync';
import { log } from './log';
import { benchOfflineSearch } from './offline-search';
import { benchOpenTimeline } from './open-timeline';
import { benchRoutingDecision } from './routing-decision';
import { benchRoutingLoad } from './routing-load';
import { benchReports } from './reports';
import { BENCH_SCALE, scaled } from './scale';
import { benchScreenPop } from './screen-pop';
import { report } from './stats';
import { benchSupervisorLatency } from './supervisor-latency';

/**
 * Every benchmark in turn, each printing its figures (and its raw baseline)
 * as JSON lines on stdout; progress goes to stderr.
 *
 *   npm run bench                           full size
 *   BENCH_SCALE=0.1 npm run bench           a tenth of every size, for a quick look
 *   BENCH_ONLY=open-timeline npm run bench  one benchmark
 */
const BENCHES = ['initial-sync', 'offline-search', 'open-timeline', 'screen-pop', 'mutation-fanout', 'routing-decision', 'routing-load', 'chat-relay', 'call-rate', 'email-inbound', 'supervisor-latency', 'reports', 'customer-value'] as const;
type BenchName = (typeof BENCHES)[number];
/** Benchmarks that never open a page. */
const WITHOUT_BROWSER: ReadonlySet<BenchName> = new Set(['call-rate', 'email-inbound', 'reports', 'customer-value']);

function selected(): ReadonlySet<BenchName> {
  const only = process.env.BENCH_ONLY?.trim();
  if (!only) return new Set(BENCHES);
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BENCHES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown benchmark ${unknown.join(', ')}; one of ${BENCHES.join(', ')}`);
  return new Set(names as BenchName[]);
}

async function main(): Promise<void> {
  const wanted = selected();
  // Fail at once, not after the others have run, when a browser benchmark has no renderer to load.
  if ([...wanted].some((name) => !WITHOUT_BROWSER.has(name))) rendererAssets();
  const started = performance.now();
  const ran: string[] = [];
  const timed = async (name: string, run: () => Promise<void>) => {
    const at = performance.now();
    log(`${name}…`);
    await run();
    ran.push(name);
    log(`${name} done in ${Math.round((performance.now() - at) / 1000)} s`);
  };

  if (wanted.has('initial-sync') || wanted.has('offline-search')) {
    await timed(wanted.has('offline-search') ? 'initial-sync + offline-search' : 'initial-sync', async () => {
      // offline-search searches the cache initial-sync filled; alone, it still needs that cache.
      const cache = await benchInitialSync({ measure: wanted.has('initial-sync') });
      try {
        if (wanted.has('offline-search')) await benchOfflineSearch(cache);
      } finally {
        await cache.close();
      }
    });
  }
  if (wanted.has('open-timeline')) await timed('open-timeline', benchOpenTimeline);
  if (wanted.has('screen-pop')) await timed('screen-pop', benchScreenPop);
  if (wanted.has('mutation-fanout')) {
    // fanout.ts reads its sizes when loaded.
    process.env.BENCH_CLIENTS ??= String(scaled(200, 20));
    process.env.BENCH_ROUNDS ??= String(scaled(300, 30));
    const { benchFanout } = await import('./fanout');
    await timed('mutation-fanout', benchFanout);
  }
  if (wanted.has('routing-decision')) await timed('routing-decision', async () => benchRoutingDecision());
  if (wanted.has('routing-load')) await timed('routing-load', benchRoutingLoad);
  if (wanted.has('chat-relay')) await timed('chat-relay', benchChatRelay);
  if (wanted.has('call-rate')) await timed('call-rate', benchCallRate);
  if (wanted.has('email-inbound')) await timed('email-inbound', benchEmailInbound);
  if (wanted.has('supervisor-latency')) await timed('supervisor-latency', benchSupervisorLatency);
  if (wanted.has('reports')) await timed('reports', benchReports);
  if (wanted.has('customer-value')) await timed('customer-value', benchCustomerValue);
  report('run', { benches: ran, scale: BENCH_SCALE, totalMs: Math.round(performance.now() - started) });
}

main().then(
  // Sockets and timers left by libraries must not keep a finished run alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
