import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { demoQueues } from '../../hub/routing/demo-routing';
import { freeTcpPort, KAMAILIO_TEMPLATE, kamailioWakeUrl } from '../../scripts/kamailio';
import { DEFAULT_MAX_ATTEMPTS, renderKamailioConfig } from '../../scripts/kamailio-config';
import { startTestRedis } from '../../test/integration/helpers/redis-server';
import { rendererAssets } from '../browser';
import { loginDemo, openHubClient } from '../hub-client';
import { type HubProcess, prepareBenchStore, spawnHub, stopChild } from '../hub-process';
import { log } from '../log';
import { pool, sleep, unwrap } from '../pool';
import { callStep, cpuSeconds, registerAgents, startAgentsPhone, startBenchKamailio, withChildren } from '../sip-load';
import { report, round, summary } from '../stats';
import { accountTasks, creations, readRun } from './accounting';
import { startAgentFloor } from './agents';
import { loadConfigFromEnv } from './config';
import { DESKTOP_AGENT, startDesktop } from './desktop';
import { startEmailLoad } from './emails';
import { describeMachine } from './machine';
import { startSampler } from './samples';
import { startChatLoad } from './visitors';

/**
 * Issue 8's load run: for LOAD_MINUTES (10), the hub on Postgres in its own
 * process, LOAD_AGENTS (500) simulated agents' desktops working what they are
 * offered, SIPp calls at a steady rate into the support queue through the
 * shipped Kamailio config and the hub's routing hook (answered by the agents'
 * registered SIPp phone), web chat visitors and inbound SMTP mail at the same
 * time, and one real desktop in Chromium measuring screen pop on the calls it
 * is rung with. Figures as JSON lines on stdout and in
 * bench/results/load-<date>.jsonl (LOAD_OUT to put them elsewhere), the
 * machine described first.
 *
 *   npm run load                                   the full run
 *   LOAD_MINUTES=1 LOAD_AGENTS=50 npm run load     a quick look
 *   LOAD_CALLS_PER_SEC / LOAD_CHATS_PER_MIN / LOAD_EMAILS_PER_MIN / LOAD_CALL_HOLD_MS / LOAD_SCREEN_POP_EVERY_MS
 *   LOAD_DATABASE_URL  the Postgres server (its `test` database by default); the run creates and drops a database of its own
 */

const ADMIN_DATABASE_URL = process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DOMAIN = 'switchboard.local';
const VOICE_KEY = 'load-run-voice-key-0123456789abcdef0123';
/** Kamailio's SIP workers: each waits synchronously on the hub's routing hook, so more than the shipped 2 (as call-rate runs). */
const KAMAILIO_CHILDREN = 16;
/** After the load stops: time for the last calls, chats and wrap-ups to finish before the task log is read. */
const DRAIN_MS = 30_000;
const CHANNELS = ['call', 'chat', 'email'] as const;
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of its own (not a schema), so its connections can be counted apart from everyone else's on the server. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `load_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

function outputFile(): string {
  const chosen = process.env.LOAD_OUT?.trim();
  return chosen ? chosen : join(REPO_ROOT, 'bench', 'results', `load-${new Date().toISOString().slice(0, 10)}.jsonl`);
}

/** A node serves before it leads; the run starts once the first node holds the leader lock. */
async function untilLeading(url: string): Promise<void> {
  const until = performance.now() + 60_000;
  while (performance.now() < until) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { role?: string };
    if (health.role === 'leader' || health.role === 'standalone') return;
    await sleep(250);
  }
  throw new Error(`the hub node at ${url} did not take the leader lock within 60 s`);
}

async function main(): Promise<void> {
  const config = loadConfigFromEnv(process.env);
  const renderer = rendererAssets().dir;
  const general = demoQueues()[0];
  if (!general) throw new Error('no demo queues');
  const disposition = general.dispositions[0] as string;
  const durationMs = config.minutes * 60_000;
  const lines: string[] = [];
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  try {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    lines.push(report('load-machine', await describeMachine(database.url)));
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-load-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // The desktop's page loads chunks lazily for ten minutes: a rebuild of dist/ meanwhile (others' runs) must not pull them away.
    const rendererCopy = join(dataDir, 'renderer');
    cpSync(renderer, rendererCopy, { recursive: true });
    const wsPort = await freeTcpPort('127.0.0.1', []);
    const smtpPort = await freeTcpPort('127.0.0.1', [wsPort]);
    // A Redis of the run's own: the machine's shared one carries other runs' cluster traffic.
    const redis = await startTestRedis();
    cleanups.push(() => redis.stop());
    const storeEnv = {
      SWITCHBOARD_SECRET: randomBytes(32).toString('hex'),
      SWITCHBOARD_DATA: dataDir,
      SWITCHBOARD_RENDERER: rendererCopy,
      DATABASE_URL: database.url,
      PORT: '0',
      SMTP_PORT: String(smtpPort),
      SEED_CUSTOMERS: '500',
      SEED_HEAVY_INTERACTIONS: '0',
      LOG_LEVEL: 'warn',
      VOICE_KEY,
      SIP_DOMAIN: DOMAIN,
      KAMAILIO_WAKE_URL: kamailioWakeUrl('127.0.0.1', wsPort),
    };
    const usernames = Array.from({ length: config.agents }, (_, i) => `bench.agent.${i}`);
    log(`load: seeding Postgres and ${config.agents} agents…`);
    // One call at a time, two chats, two emails: the shape of a blended centre.
    await prepareBenchStore(storeEnv, usernames, { queueIds: [general.id], capacity: { call: 1, chat: 2, email: 2 }, autoAccept: {} });

    // Cluster mode even with one node: broadcasts go through the Redis adapter as in production. The first node leads.
    const hubs: HubProcess[] = [];
    for (let node = 1; node <= config.hubNodes; node += 1) {
      const started = await spawnHub({ ...storeEnv, REDIS_URL: redis.url, NODE_ID: `load-node-${node}` });
      cleanups.push(() => stopChild(started.child));
      hubs.push(started);
      if (node === 1) await untilLeading(started.url);
    }
    const hub = hubs[0] as HubProcess;
    const hubPids = hubs.map((node) => node.child.pid as number);
    /** Agents, visitors and Kamailio's hook spread over the nodes in turn. */
    const nodeUrl = (index: number): string => (hubs[index % hubs.length] as HubProcess).url;
    log(`load: ${hubs.length} hub node(s) (pids ${hubPids.join(', ')}) at ${hubs.map((node) => node.url).join(', ')}`);

    const kamailio = await startBenchKamailio((sipPort) =>
      withChildren(
        renderKamailioConfig(readFileSync(KAMAILIO_TEMPLATE, 'utf8'), { listenAddress: '127.0.0.1', sipPort, wsPort, domain: DOMAIN, hubUrl: nodeUrl(hubs.length - 1), voiceKey: VOICE_KEY, maxAttempts: DEFAULT_MAX_ATTEMPTS }),
        KAMAILIO_CHILDREN,
      ),
    );
    cleanups.push(() => kamailio.stop());
    const phone = await startAgentsPhone();
    cleanups.push(() => phone.stop());
    await registerAgents(kamailio, usernames, phone);

    // The Chromium desktop's agent takes no queue work, so every call it sees is a measured one.
    const admin = await openHubClient(hub.url, (await loginDemo(hub.url, 'admin')).accessToken);
    cleanups.push(() => admin.disconnect());
    const desktopUser = (await loginDemo(hub.url, DESKTOP_AGENT)).user;
    const profile = unwrap(await admin.emitWithAck('admin:agent:list', {}), 'admin:agent:list').find((candidate) => candidate.userId === desktopUser.id);
    if (profile) unwrap(await admin.emitWithAck('admin:agent:upsert', { ...profile, queueIds: [] }), 'admin:agent:upsert');

    let at = performance.now();
    const sessions = await pool(usernames, 4, (username) => loginDemo(hub.url, username));
    const floor = await startAgentFloor(nodeUrl, sessions, disposition);
    cleanups.push(() => floor.close());
    log(`load: ${config.agents} agents signed in, available, phones registered in ${Math.round((performance.now() - at) / 1000)} s`);

    const desktop = await startDesktop(hub.url, database.url, { sipAddress: kamailio.sipAddress, wsUrl: `ws://127.0.0.1:${wsPort}` }, config.screenPopEveryMs);
    const sampler = await startSampler(hubPids, database.url);

    log(`load: ${config.minutes} min: ${config.callsPerSec} calls/s, ${config.chatsPerMin} chats/min, ${config.emailsPerMin} emails/min`);
    const runStartedAt = Date.now();
    at = performance.now();
    const kamailioCpuBefore = cpuSeconds(kamailio.pids());
    const ownCpuBefore = process.cpuUsage();
    const calls = config.callsPerSec > 0 ? callStep(kamailio.sipAddress, ['support'], config.callsPerSec, Math.round((config.callsPerSec * durationMs) / 1000), config.callHoldMs) : null;
    const chats = startChatLoad(nodeUrl, config.chatsPerMin, durationMs);
    const emails = startEmailLoad(smtpPort, config.emailsPerMin, durationMs);
    const progress = setInterval(() => {
      log(`load: ${Math.round((performance.now() - at) / 1000)} s: ${floor.counts.offers} offers, ${floor.counts.worked} worked, chats ${JSON.stringify(chats.counts)}, emails ${JSON.stringify(emails.counts)}`);
    }, 30_000);
    const [callResult, chatCounts, emailCounts] = await Promise.all([calls, chats.finish(), emails.finish()]).finally(() => clearInterval(progress));
    const loadSeconds = (performance.now() - at) / 1000;
    // Sampled over the load alone, not the drain after it.
    const resources = await sampler.stop();
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const otherCpuPercent = {
      kamailio: Math.round(((cpuSeconds(kamailio.pids()) - kamailioCpuBefore) / loadSeconds) * 100),
      loadGenerator: Math.round(((ownCpu.user + ownCpu.system) / 1e6 / loadSeconds) * 100),
    };
    const screenPop = await desktop.stop();
    await floor.drain(DRAIN_MS);

    const { tasks, events } = await readRun(database.url, runStartedAt);
    const accounting = accountTasks(tasks, events);
    const created = creations(events);
    const offerMs: number[] = [];
    const offerMsByChannel = new Map<string, number[]>(CHANNELS.map((channel) => [channel, []]));
    for (const [taskId, receivedAt] of floor.offerReceivedAt) {
      const task = created.get(taskId);
      if (!task) continue;
      offerMs.push(receivedAt - task.at);
      offerMsByChannel.get(task.channel)?.push(receivedAt - task.at);
    }

    lines.push(
      report('load', {
        path: `${hubs.length} hub node(s) in cluster mode (own processes, Postgres, Redis adapter; the first leads) ← ${config.agents} socket.io agents spread over them; SIPp → Kamailio (shipped config, children=${KAMAILIO_CHILDREN}) → hub routing (via the last node) → agents' SIPp phone; chat visitors; SMTP into the leader; one Chromium desktop (${DESKTOP_AGENT}) on the first node`,
        hubNodes: hubs.length,
        minutes: config.minutes,
        loadSeconds: round(loadSeconds, 1),
        agents: config.agents,
        rates: { callsPerSec: config.callsPerSec, callHoldMs: config.callHoldMs, chatsPerMin: config.chatsPerMin, emailsPerMin: config.emailsPerMin, screenPopEveryMs: config.screenPopEveryMs },
        unit: 'ms',
        offerLatency: {
          measures: 'task created (the hub\'s "created" event) → its first task:offer received by an agent\'s socket.io client',
          ...summary(offerMs),
          byChannel: Object.fromEntries([...offerMsByChannel].map(([channel, samples]) => [channel, summary(samples)])),
        },
        screenPop: {
          measures: 'INVITE frame at sip.js in Chromium → call card shows the customer and their 360 has its first timeline rows painted (direct calls to the desktop during the load; first 2 are warm-up)',
          ...summary(screenPop.popMs.slice(2)),
          cardOnly: summary(screenPop.cardMs.slice(2)),
          failures: screenPop.failures,
          firstFailure: screenPop.firstFailure,
        },
        hubRssMB: { ...resources.hubRssMB, note: 'summed over the hub nodes' },
        hubCpuPercent: { ...resources.hubCpuPercent, note: 'summed over the hub nodes, % of one core, every 5 s; the 2 cores are shared with the load generators' },
        perNode: resources.perNode,
        postgresConnections: resources.postgresConnections,
        loadAverageAtEnd: loadavg().map((value) => round(value)),
        otherCpuPercent: { ...otherCpuPercent, note: 'averages over the load, of one core: Kamailio (all its processes); this process (the simulated agents, visitors, SMTP client)' },
        calls: callResult
          ? {
              attempted: callResult.calls,
              answered: callResult.successful,
              failed: callResult.failed,
              failures: callResult.failures,
              answeredPerSec: callResult.answeredPerSec,
              setupMs: callResult.setupMs,
              lateAnswers: callResult.lateAnswers,
            }
          : null,
        chats: chatCounts,
        emails: emailCounts,
        agentsWork: floor.counts,
        tasks: accounting,
        lostTasks: accounting.lost,
        doubleAssigned: accounting.doubleAssigned,
      }),
    );
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log(`load: cleanup: ${String(error)}`);
      }
    }
    if (lines.length > 0) {
      const file = outputFile();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, lines.join(''));
      log(`load: figures in ${file}`);
    }
  }
}

main().then(
  // Sockets and timers left by libraries must not keep a finished run alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
