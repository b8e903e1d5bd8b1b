import { ConfigError, loadConfig } from './config';
import { metricsTokenFrom } from './ops/metrics-token';
import { startClusterNode } from './cluster/cluster-node';
import { startHub } from './server';

/**
 * `npm run hub`: the hub alone, configured from the environment (see README).
 * Ctrl-C (or SIGTERM from a service manager) closes sockets and the store
 * cleanly; a second signal stops at once. A signal during start-up waits for
 * the demo seed to finish, so a store is never left half-seeded.
 * Closing lets socket events already received finish (mutations applied and
 * acked), within CLOSE_BOUND_MS; past it the process stops with status 1.
 */
const CLOSE_BOUND_MS = 10_000;
let hub: { close(): Promise<void> } | null = null;
let stopRequested: NodeJS.Signals | null = null;

function stop(signal: NodeJS.Signals): void {
  if (stopRequested) {
    console.log(`${signal} again: stopping now.`);
    process.exit(1);
  }
  stopRequested = signal;
  if (!hub) {
    console.log(`${signal}: stopping once start-up has finished (again to stop now)…`);
    return;
  }
  console.log(`${signal}: closing the hub…`);
  // unref: a close that finishes in time is not held up by the timer.
  setTimeout(() => {
    console.error(`the hub did not close within ${CLOSE_BOUND_MS / 1000} s; stopping now`);
    process.exit(1);
  }, CLOSE_BOUND_MS).unref();
  hub.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('the hub did not close cleanly', error);
      process.exit(1);
    },
  );
}

async function main(): Promise<void> {
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const config = loadConfig(process.env);
  const options = { metricsToken: metricsTokenFrom(process.env) };
  if (config.cluster && config.store.kind === 'postgres') {
    const node = await startClusterNode({ ...config, cluster: config.cluster, store: config.store }, options);
    hub = node;
    console.log(`Switchboard hub node ${node.node} ready at ${node.url}; it follows until it holds the leader lock (/healthz says which).`);
    void node.leading.then(() => console.log(`Node ${node.node} now leads.`));
  } else {
    const started = await startHub(config, options);
    hub = started;
    console.log(`Switchboard hub ready at ${started.url}`);
    console.log(`Store: ${started.storeKind} (${started.storeLocation})`);
    if (started.seeded) {
      console.log(`Demo data seeded. Sign in with password "${started.seeded.password}" as:`);
      for (const user of started.seeded.users) console.log(`  ${user.username.padEnd(12)} ${user.role.padEnd(11)} ${user.displayName}`);
    }
  }
  if (stopRequested) {
    const signal = stopRequested;
    stopRequested = null;
    stop(signal);
  }
}

main().catch((error: unknown) => {
  // A ConfigError lists every problem with the environment; anything else is unexpected, so show the stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
