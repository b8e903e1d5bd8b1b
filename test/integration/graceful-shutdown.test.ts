import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/protocol/mutations';
import { SMALL_SEED, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import { sqliteTestStore, type TestStore } from './helpers/test-stores';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BATCHES = 4;
const PER_BATCH = 250;

const note = (customerId: string): Mutation => ({
  id: ulid(),
  name: 'interaction.addNote',
  args: { interactionId: ulid(), customerId, text: 'written while the hub closes', occurredAt: Date.now() },
  createdAt: Date.now(),
});

/**
 * close() (SIGTERM) while a desktop's outbox is being applied: nothing
 * received is lost, nothing is applied twice. Each batch is either applied and
 * acked in full, or refused as a whole (it arrived after closing began) and
 * applied when re-sent to the next hub; re-sending an applied one answers
 * `duplicate` with its seq.
 */
describe('graceful close', () => {
  let store: TestStore | null = null;
  const hubs: TestHub[] = [];
  let child: ChildProcess | null = null;
  /** Lets the hub's write queue go (a failed test would otherwise leave it held and the hub unable to close). */
  let release: () => void = () => undefined;

  afterEach(async () => {
    release();
    for (const t of hubs.splice(0)) await t.close();
    await store?.cleanup();
    store = null;
    child?.kill('SIGKILL');
    child = null;
  });

  it('applies and acks the mutations already received before closing the sockets and the store', async () => {
    store = await sqliteTestStore();
    const env = { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` };
    // A bound far above the work: this test is about what close() waits for, not how fast the store is.
    const t = await startTestHub(store, env, { drainTimeoutMs: 120_000 });
    hubs.push(t);
    const agent = await t.desktop('agent1');
    const customer = await t.hub.db.selectFrom('customers').select('id').orderBy('number').executeTakeFirstOrThrow();
    const batches = Array.from({ length: BATCHES }, () => Array.from({ length: PER_BATCH }, () => note(customer.id)));

    // SQLite answers within one turn of the event loop, so "in flight" is made to last: a read holds the
    // hub's write queue until close() has begun, and the batches wait behind it, received but not applied.
    const held = t.hub.routing.committed(() => new Promise<void>((resolve) => (release = resolve)));
    // The hub has received n pushes (its dispatcher, registered first, has taken each before this listener runs).
    let pushes = 0;
    const waiting: { n: number; resolve: () => void }[] = [];
    for (const socket of t.hub.io.of('/').sockets.values()) {
      if (socket.data.user.username !== 'agent1') continue;
      socket.on('mutation:push', () => {
        pushes += 1;
        for (const wait of waiting) if (pushes >= wait.n) wait.resolve();
      });
    }
    const received = (n: number) => new Promise<void>((resolve) => waiting.push({ n, resolve }));

    const answers = batches.map((mutations) => agent.emitWithAck('mutation:push', { mutations }));
    await received(BATCHES);
    const closed = t.hub.close();
    // One more batch, sent after closing began: refused, kept in the outbox, re-sent below.
    const late = Array.from({ length: PER_BATCH }, () => note(customer.id));
    const lateAnswer = agent.emitWithAck('mutation:push', { mutations: late });
    // Awaited below; a failing close would otherwise also report it unhandled.
    lateAnswer.catch(() => undefined);
    // A close that does not wait cuts the socket here, with every answer still owed.
    const cut = new Promise<never>((_resolve, reject) => agent.once('disconnect', (reason) => reject(new Error(`the hub closed the socket before answering (${reason})`))));
    cut.catch(() => undefined);
    await Promise.race([received(BATCHES + 1), cut]);
    expect(await Promise.race([lateAnswer, cut])).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    // The door is shut to new connections, while the sockets already open wait for their answers.
    await expect(fetch(`${t.hub.url}/api/health`)).rejects.toThrow();
    expect(agent.connected).toBe(true);
    release();
    await held;
    const settled = await Promise.allSettled(answers);
    await closed;
    batches.push(late);

    const seqs = new Map<string, number>();
    let refused = 0;
    for (const outcome of settled) {
      // A rejection here is an ack lost with its socket: what a close that does not wait does.
      if (outcome.status === 'rejected') throw new Error(`a batch got no answer: ${String(outcome.reason)}`);
      const answer = outcome.value;
      if (!answer.ok) {
        expect(answer.error.code).toBe('rate-limited');
        refused += 1;
        continue;
      }
      for (const result of answer.data.results) {
        if (result.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(result)}`);
        seqs.set(result.id, result.seq);
      }
    }
    // Every batch had arrived before close() began: all of them applied and acked, none refused.
    expect(refused).toBe(0);
    expect(seqs.size).toBe(BATCHES * PER_BATCH);
    expect(late.some((mutation) => seqs.has(mutation.id))).toBe(false);

    // The desktop re-sends its whole outbox to the next hub on the same store.
    hubs.splice(0);
    await t.close();
    const next = await startTestHub(store, env);
    hubs.push(next);
    const again = await next.desktop('agent1');
    for (const mutations of batches) {
      for (const result of expectOk(await again.emitWithAck('mutation:push', { mutations })).results) {
        const seq = seqs.get(result.id);
        if (seq === undefined) expect(result.status).toBe('applied');
        else expect(result).toEqual({ id: result.id, status: 'duplicate', seq });
      }
    }
    const interactionIds = batches.flat().map((mutation) => (mutation.name === 'interaction.addNote' ? mutation.args.interactionId : ''));
    const stored = await next.hub.db.selectFrom('interactions').select((eb) => eb.fn.countAll<number>().as('count')).where('id', 'in', interactionIds).executeTakeFirstOrThrow();
    expect(Number(stored.count)).toBe((BATCHES + 1) * PER_BATCH);
  });

  it('exits 0 on SIGTERM (npm run hub)', async () => {
    store = await sqliteTestStore();
    const hub = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...SMALL_SEED, ...store.env, PORT: '0', SMTP_PORT: '0', LOG_LEVEL: 'warn', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = hub;
    let stdout = '';
    let stderr = '';
    hub.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => hub.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      hub.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Switchboard hub ready at')) resolve();
      });
      hub.once('exit', (code) => reject(new Error(`the hub stopped (${code}) before it was ready: ${stderr}`)));
    });
    hub.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('SIGTERM: closing the hub');
    child = null;
    // A cap on start-up (tsx compiling the hub on a busy machine), not a timing assertion.
  }, 90_000);
});
