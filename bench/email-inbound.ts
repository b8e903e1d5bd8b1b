import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { simpleParser } from 'mailparser';
import { loadConfig } from '../hub/config';
import { DEMO_MAILBOX } from '../hub/email/demo-email';
import type { Receipt } from '../hub/email/inbound-mail';
import { startHub } from '../hub/server';
import { emailCorpus } from './email-corpus';
import { loginDemo, openHubClient } from './hub-client';
import { log } from './log';
import { scaled } from './scale';
import { report, round, summary } from './stats';
import { unwrap } from './pool';

/**
 * Inbound email throughput: a generated corpus of mixed mail (plain, HTML
 * with alternative, Chinese charsets, attachments, replies) through the hub's
 * real path — parse, sniff and store attachments, thread, resolve the
 * customer, write the thread, message and timeline item, open and offer the
 * task — one mail after another as an SMTP or IMAP reader hands them over.
 * Two agents work the email queue (auto-accept, then complete and wrap up),
 * so the queue stays the size a staffed centre has. Beside it, in the same
 * run, the same corpus through bare `mailparser` (parsing alone).
 */
const MESSAGES = scaled(10_000, 200);
const AGENTS = ['agent1', 'agent4'];

/** A full collection on demand, without starting node with --expose-gc: the flag is turned on and `gc` read from a fresh context. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('could not expose gc');
  return () => gc();
}
const collect = collector();

/** Memory at one point: RSS, and the JS heap in use after a full collection, so garbage not yet collected does not read as growth. */
function memoryMiB() {
  collect();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: round(rss / 1024 / 1024, 1), heapUsed: round(heapUsed / 1024 / 1024, 1) };
}

async function hubPath() {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-email-'));
  const config = loadConfig({ SWITCHBOARD_DATA: dataDir, PORT: '0', SMTP_PORT: '0', SEED_CUSTOMERS: '50', SEED_HEAVY_INTERACTIONS: '0', LOG_LEVEL: 'warn' });
  const hub = await startHub(config);
  const sockets: { disconnect(): void }[] = [];
  try {
    const admin = await openHubClient(hub.url, (await loginDemo(hub.url, 'admin')).accessToken);
    sockets.push(admin);
    for (const profile of unwrap(await admin.emitWithAck('admin:agent:list', {}), 'admin:agent:list')) {
      unwrap(await admin.emitWithAck('admin:agent:upsert', { ...profile, capacity: { ...profile.capacity, email: 10 }, autoAccept: { ...profile.autoAccept, email: true } }), 'admin:agent:upsert');
    }
    let worked = 0;
    for (const name of AGENTS) {
      const desk = await openHubClient(hub.url, (await loginDemo(hub.url, name)).accessToken);
      sockets.push(desk);
      // An agent who answers at once: every email task they are given is completed and wrapped up.
      desk.on('task:updated', (task) => {
        if (task.channel !== 'email' || task.status !== 'assigned') return;
        void (async () => {
          unwrap(await desk.timeout(30_000).emitWithAck('task:complete', { taskId: task.id }), 'task:complete');
          unwrap(await desk.timeout(30_000).emitWithAck('task:wrapup', { taskId: task.id, disposition: 'Resolved / 已解决' }), 'task:wrapup');
          worked += 1;
        })().catch(() => undefined);
      });
      unwrap(await desk.emitWithAck('agent:state:set', { status: 'available' }), 'agent:state:set');
    }

    const perMessage: number[] = [];
    const outcomes: Record<Receipt['outcome'], number> = { stored: 0, duplicate: 0, quarantined: 0 };
    const tasks = new Set<string>();
    const memory = { start: memoryMiB(), middle: memoryMiB(), end: memoryMiB() };
    const started = performance.now();
    let index = 0;
    for (const mail of emailCorpus(MESSAGES, DEMO_MAILBOX)) {
      const at = performance.now();
      const receipt = await hub.email.receive(mail.raw, { via: 'smtp', recipients: [DEMO_MAILBOX] });
      perMessage.push(performance.now() - at);
      outcomes[receipt.outcome] += 1;
      if (receipt.outcome === 'stored' && receipt.taskId !== null) tasks.add(receipt.taskId);
      index += 1;
      if (index === Math.floor(MESSAGES / 2)) memory.middle = memoryMiB();
      if (index % 1000 === 0) log(`email-inbound: ${index}/${MESSAGES}`);
    }
    const seconds = (performance.now() - started) / 1000;
    memory.end = memoryMiB();
    const threads = (await hub.db.selectFrom('email_threads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    return { messagesPerSec: round(MESSAGES / seconds, 1), perMessageMs: summary(perMessage), outcomes, threads: Number(threads), tasksOpened: tasks.size, tasksWorked: worked, memoryMiB: memory };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floor: the same mail through mailparser alone, nothing stored. */
async function rawParse() {
  const perMessage: number[] = [];
  const started = performance.now();
  for (const mail of emailCorpus(MESSAGES, DEMO_MAILBOX)) {
    const at = performance.now();
    await simpleParser(mail.raw);
    perMessage.push(performance.now() - at);
  }
  const seconds = (performance.now() - started) / 1000;
  return { messagesPerSec: round(MESSAGES / seconds, 1), perMessageMs: summary(perMessage) };
}

export async function benchEmailInbound(): Promise<void> {
  log(`email-inbound: ${MESSAGES} mixed mails through the hub, then through mailparser alone`);
  const hub = await hubPath();
  const raw = await rawParse();
  report('email-inbound', { messages: MESSAGES, unit: 'ms', hub, rawMailparser: raw, throughputVsRaw: round(hub.messagesPerSec / raw.messagesPerSec, 3) });
}
