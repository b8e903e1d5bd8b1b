import { readFileSync } from 'node:fs';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain/customer';
import type { Interaction } from '../../shared/domain/interaction';
import type { Session } from '../../shared/protocol/auth';
import type { Change } from '../../shared/protocol/changes';
import type { Response } from '../../shared/protocol/errors';
import type { Mutation } from '../../shared/protocol/mutations';
import { io, type Socket } from 'socket.io-client';
import {
  collectBroadcasts,
  type Desktop,
  expectError,
  expectOk,
  pullAll,
  refusedHandshake,
  startTestHub,
  type TestHub,
} from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const note = (customerId: string, text: string, id = ulid()): Mutation => ({
  id,
  name: 'interaction.addNote',
  args: { interactionId: ulid(), customerId, text, occurredAt: Date.now() },
  createdAt: Date.now(),
});

/**
 * The hub's behaviour end to end, over real HTTP and real socket.io clients.
 * Run once per store: the same suite must pass on SQLite and on Postgres.
 */
export function defineHubSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`hub on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let agent: Desktop;
    let customers: Map<string, Customer>;
    const byNumber = (number: string): Customer => {
      const found = [...customers.values()].find((customer) => customer.number === number);
      if (!found) throw new Error(`no customer ${number}`);
      return found;
    };
    const push = async (desktop: Desktop, mutations: unknown[]) =>
      expectOk(await desktop.emitWithAck('mutation:push', { mutations: mutations as Mutation[] })).results;

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
      agent = await t.desktop('agent1');
      const { changes } = await pullAll(agent);
      customers = new Map();
      for (const change of changes) if (change.entity === 'customer' && change.op === 'put') customers.set(change.data.id, change.data);
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    describe('HTTP', () => {
      it('answers /healthz with the store kind, the package version and its role; a node alone also answers as leader', async () => {
        const response = await fetch(`${t.hub.url}/healthz`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ status: 'ok', db: label, version, node: 'standalone', role: 'standalone' });
        expect((await fetch(`${t.hub.url}/healthz/leader`)).status).toBe(200);
      });

      it('says how to build the desktop when dist/renderer is missing', async () => {
        const response = await fetch(`${t.hub.url}/`);
        expect(response.status).toBe(503);
        expect(await response.text()).toContain('npm run build:renderer');
        expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      });
    });

    describe('sign-in', () => {
      it('signs in a demo agent with a session for the socket', async () => {
        const before = t.clock.now();
        const { status, json } = await t.post('/api/login', { username: 'Agent1 ', password: 'demo1234' });
        expect(status).toBe(200);
        const session = expectOk(json as Response<Session>);
        expect(session.user).toMatchObject({ username: 'agent1', role: 'agent', displayName: '王芳 Wang Fang' });
        expect(session.accessExpiresAt).toBeGreaterThanOrEqual(before + 900_000);
        expect(session.accessExpiresAt).toBeLessThan(before + 910_000);
        expect(session.refreshToken).toMatch(/^[\w-]{43}$/);
        const desktop = await t.connect(session.accessToken);
        expect(expectOk(await desktop.emitWithAck('session:whoami', {}))).toEqual(session.user);
        desktop.disconnect();
      });

      it('gives the same answer for a wrong password and an unknown user', async () => {
        const wrong = await t.post('/api/login', { username: 'agent2', password: 'not-the-password' });
        const unknown = await t.post('/api/login', { username: 'nobody', password: 'not-the-password' });
        expect(wrong.status).toBe(401);
        expect(unknown.status).toBe(401);
        expect(wrong.json).toEqual({ ok: false, error: { code: 'bad-credentials', message: 'Wrong username or password.' } });
        expect(unknown.json).toEqual(wrong.json);
      });

      it('refuses a malformed sign-in with 400 and the field at fault', async () => {
        const { status, json } = await t.post('/api/login', { username: 'agent1' });
        expect(status).toBe(400);
        const error = expectError(json as Response<Session>);
        expect(error.code).toBe('invalid-payload');
        expect(error.issues?.map((issue) => issue.path)).toEqual(['password']);
        expect((await t.post('/api/login', '{not json')).status).toBe(400);
      });

      it('rate-limits a username after five failures, even with the right password then', async () => {
        for (let i = 0; i < 5; i += 1) expect((await t.post('/api/login', { username: 'agent5', password: `guess-${i}` })).status).toBe(401);
        const limited = await t.post('/api/login', { username: 'agent5', password: 'demo1234' });
        expect(limited.status).toBe(429);
        expect(limited.headers.get('retry-after')).toBe('900');
        expect(expectError(limited.json as Response<Session>)).toMatchObject({ code: 'rate-limited', retryAfterSec: 900 });
        // Other users are not affected.
        expect((await t.login('agent4')).user.username).toBe('agent4');
        t.clock.offsetMs = 15 * MINUTE + 1_000;
        try {
          expect((await t.login('agent5')).user.username).toBe('agent5');
        } finally {
          t.clock.offsetMs = 0;
        }
      });
    });

    describe('refresh and sign-out', () => {
      it('rotates the refresh token: the old one dies, the new one works', async () => {
        const first = await t.login('agent2');
        const refreshed = await t.post('/api/refresh', { refreshToken: first.refreshToken });
        expect(refreshed.status).toBe(200);
        const second = expectOk(refreshed.json as Response<Session>);
        expect(second.user.id).toBe(first.user.id);
        expect(second.refreshToken).not.toBe(first.refreshToken);
        const replay = await t.post('/api/refresh', { refreshToken: first.refreshToken });
        expect(replay.status).toBe(401);
        expect(expectError(replay.json as Response<Session>).code).toBe('token-invalid');
        const third = await t.post('/api/refresh', { refreshToken: second.refreshToken });
        expect(third.status).toBe(200);
        const desktop = await t.connect(expectOk(third.json as Response<Session>).accessToken);
        expect(expectOk(await desktop.emitWithAck('session:whoami', {})).username).toBe('agent2');
        desktop.disconnect();
      });

      it('refuses a refresh token after 30 days', async () => {
        const session = await t.login('agent3');
        t.clock.offsetMs = 30 * DAY + MINUTE;
        try {
          const late = await t.post('/api/refresh', { refreshToken: session.refreshToken });
          expect(late.status).toBe(401);
          expect(expectError(late.json as Response<Session>).code).toBe('token-expired');
        } finally {
          t.clock.offsetMs = 0;
        }
      });

      it('revokes the refresh token on sign-out', async () => {
        const session = await t.login('agent3');
        const out = await t.post('/api/logout', { refreshToken: session.refreshToken });
        expect(out).toMatchObject({ status: 200, json: { ok: true, data: null } });
        expect((await t.post('/api/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
      });
    });

    describe('socket handshake and dispatch', () => {
      it('refuses a handshake without a token, or with a forged one', async () => {
        const missing = await refusedHandshake(
          new Promise<Desktop>((resolve, reject) => {
            const socket: Desktop = io(t.hub.url, { transports: ['websocket'], reconnection: false, forceNew: true });
            socket.once('connect', () => resolve(socket));
            socket.once('connect_error', reject);
          }),
        );
        expect(missing.message).toBe('token-invalid');
        expect(missing.data.code).toBe('token-invalid');
        const session = await t.login('agent2');
        // Change a character well inside the signature: the last base64url character carries padding bits,
        // and overwriting the tail with fixed text can leave the token unchanged now and then.
        const token = session.accessToken;
        const swapped = token.at(-6) === 'A' ? 'B' : 'A';
        const forged = await refusedHandshake(t.connect(`${token.slice(0, -6)}${swapped}${token.slice(-5)}`));
        expect(forged).toMatchObject({ message: 'token-invalid', data: { code: 'token-invalid' } });
      });

      it('refuses an expired access token at the handshake', async () => {
        const session = await t.login('agent2');
        t.clock.offsetMs = 901_000;
        try {
          const expired = await refusedHandshake(t.connect(session.accessToken));
          expect(expired).toMatchObject({ message: 'token-expired', data: { code: 'token-expired' } });
        } finally {
          t.clock.offsetMs = 0;
        }
      });

      it('answers token-expired, emits session:expired and closes the socket when the token runs out mid-session', async () => {
        const desktop = await t.desktop('agent2');
        const expiredEvent = new Promise<void>((resolve) => desktop.once('session:expired', () => resolve()));
        const closedBy = new Promise<string>((resolve) => desktop.once('disconnect', (reason) => resolve(reason)));
        t.clock.offsetMs = 901_000;
        try {
          expect(expectError(await desktop.emitWithAck('session:whoami', {})).code).toBe('token-expired');
          await expiredEvent;
          // No more changes reach a desktop whose session has ended.
          expect(await closedBy).toBe('io server disconnect');
        } finally {
          t.clock.offsetMs = 0;
        }
        desktop.disconnect();
      });

      it('answers unknown-event for an event outside the contract', async () => {
        // The typed client cannot even send it (a type-level check that the contract is closed)…
        const typedAttempt = () => {
          // @ts-expect-error 'customer:explode' is not a ClientToHubEvents name
          agent.emit('customer:explode', {});
        };
        expect(typeof typedAttempt).toBe('function');
        // …so send it untyped, as a stale or foreign client would.
        const raw = agent as unknown as Socket;
        const answer = (await raw.timeout(5_000).emitWithAck('customer:explode', { now: true })) as Response<never>;
        expect(expectError(answer).code).toBe('unknown-event');
      });

      it('refuses an invalid payload with the field paths', async () => {
        const error = expectError(await agent.emitWithAck('sync:pull', { since: -1 }));
        expect(error.code).toBe('invalid-payload');
        expect(error.issues?.[0]?.path).toBe('since');
        // @ts-expect-error the contract says whoami takes an empty object, and so does the hub
        expect(expectError(await agent.emitWithAck('session:whoami', { extra: 1 })).code).toBe('invalid-payload');
      });

      it('refuses admin events to an agent, allows listing to a supervisor', async () => {
        const forbidden = await agent.emitWithAck('admin:user:create', {
          username: 'sneaky',
          displayName: 'Sneaky',
          role: 'admin',
          password: 'password123',
        });
        expect(expectError(forbidden).code).toBe('forbidden');
        expect(expectError(await agent.emitWithAck('admin:user:list', {})).code).toBe('forbidden');
        const supervisor = await t.desktop('supervisor');
        const users = expectOk(await supervisor.emitWithAck('admin:user:list', {}));
        expect(users.map((user) => user.username)).toEqual(
          expect.arrayContaining(['admin', 'agent1', 'agent2', 'agent3', 'agent4', 'agent5', 'supervisor']),
        );
        expect(users.some((user) => user.username === 'sneaky')).toBe(false);
        supervisor.disconnect();
      });

      it('lets an admin create a user who can then sign in; a taken username is a conflict', async () => {
        const admin = await t.desktop('admin');
        const request = { username: 'agent6', displayName: '周杰 Zhou Jie', role: 'agent' as const, password: 'welcome-2025' };
        const created = expectOk(await admin.emitWithAck('admin:user:create', request));
        expect(created).toMatchObject({ username: 'agent6', role: 'agent', displayName: '周杰 Zhou Jie' });
        expect(expectError(await admin.emitWithAck('admin:user:create', request)).code).toBe('conflict');
        expect((await t.login('agent6', 'welcome-2025')).user.id).toBe(created.id);
        admin.disconnect();
      });
    });

    describe('sync', () => {
      it('pulls the seeded demo in pages with consecutive seqs up to the head', async () => {
        const { changes, pages, cursor, head } = await pullAll(agent, { limit: 50 });
        expect(pages.length).toBeGreaterThan(2);
        expect(cursor).toBe(head);
        expect(changes.map((change) => change.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
        for (const page of pages.slice(0, -1)) expect(page).toMatchObject({ more: true });
        expect(pages.at(-1)?.more).toBe(false);
        expect(customers.size).toBe(12);
        const heavy = byNumber('C000001');
        expect(heavy).toMatchObject({ name: '张伟', tier: 'vip' });
        expect(changes.filter((change) => change.entity === 'interaction' && change.data.customerId === heavy.id).length).toBeGreaterThanOrEqual(60);
      });

      it('skips interactions older than interactionsSince but still reaches the head', async () => {
        const since = Date.now() - 90 * DAY;
        const full = await pullAll(agent);
        const recent = await pullAll(agent, { interactionsSince: since, limit: 20 });
        expect(recent.cursor).toBe(full.head);
        const interactions = recent.changes.filter((change) => change.entity === 'interaction');
        for (const change of interactions) if (change.entity === 'interaction') expect(change.data.occurredAt).toBeGreaterThanOrEqual(since);
        const expected = full.changes.filter((change) => change.entity !== 'interaction' || change.data.occurredAt >= since);
        expect(recent.changes.map((change) => change.seq)).toEqual(expected.map((change) => change.seq));
        expect(recent.changes.length).toBeLessThan(full.changes.length);
      });

      it('refuses a cursor ahead of the hub', async () => {
        const { head } = expectOk(await agent.emitWithAck('sync:pull', { since: 0, limit: 1 }));
        const error = expectError(await agent.emitWithAck('sync:pull', { since: head + 1_000 }));
        expect(error.code).toBe('cursor-ahead');
      });

      it('pages older history newest first, by keyset, without skipping or repeating', async () => {
        const heavy = byNumber('C000001');
        const seen: Interaction[] = [];
        let position: { before: number; beforeId?: string } = { before: Date.now() + DAY };
        for (let guard = 0; guard < 100; guard += 1) {
          const page = expectOk(await agent.emitWithAck('history:page', { customerId: heavy.id, ...position, limit: 25 }));
          seen.push(...page.interactions);
          const last = page.interactions.at(-1);
          if (!page.more || !last) break;
          position = { before: last.occurredAt, beforeId: last.id };
        }
        const all = (await pullAll(agent)).changes.filter(
          (change): change is Extract<Change, { entity: 'interaction' }> => change.entity === 'interaction' && change.data.customerId === heavy.id,
        );
        expect(seen.length).toBe(all.length);
        expect(new Set(seen.map((interaction) => interaction.id)).size).toBe(seen.length);
        for (let i = 1; i < seen.length; i += 1) {
          const [newer, older] = [seen[i - 1], seen[i]];
          if (!newer || !older) throw new Error('gap');
          expect(newer.occurredAt > older.occurredAt || (newer.occurredAt === older.occurredAt && newer.id > older.id)).toBe(true);
        }
        expect(expectError(await agent.emitWithAck('history:page', { customerId: ulid(), before: Date.now() })).code).toBe('not-found');
      });
    });

    describe('mutations', () => {
      it('applies a note once however often it is sent, signed by the caller', async () => {
        const customer = byNumber('C000002');
        const mutation = note(customer.id, '客户要求明天上午回电。');
        const [first] = await push(agent, [mutation]);
        expect(first).toMatchObject({ id: mutation.id, status: 'applied' });
        const seq = first?.status === 'applied' ? first.seq : -1;
        const again = await push(agent, [mutation, mutation]);
        expect(again).toEqual([
          { id: mutation.id, status: 'duplicate', seq },
          { id: mutation.id, status: 'duplicate', seq },
        ]);
        const { changes } = await pullAll(agent, { since: seq - 1 });
        const notes = changes.filter((change) => change.entity === 'interaction' && change.data.channel === 'note' && change.data.text === '客户要求明天上午回电。');
        expect(notes).toHaveLength(1);
        const me = expectOk(await agent.emitWithAck('session:whoami', {}));
        expect(notes[0]?.data).toMatchObject({ customerId: customer.id, agentId: me.id });
      });

      it('refuses a note for a customer that does not exist', async () => {
        const [result] = await push(agent, [note(ulid(), 'hello?')]);
        expect(result).toMatchObject({ status: 'rejected', error: { code: 'not-found' } });
      });

      it('applies the valid mutations of a batch and refuses the bad one with its reason', async () => {
        const customer = byNumber('C000003');
        const update: Mutation = { id: ulid(), name: 'customer.update', args: { customerId: customer.id, patch: { tags: ['投诉跟进'] } }, createdAt: Date.now() };
        const broken = { id: ulid(), name: 'customer.update', args: { customerId: customer.id, patch: {} }, createdAt: Date.now() };
        const phone: Mutation = {
          id: ulid(),
          name: 'customer.addIdentity',
          args: { identityId: ulid(), customerId: customer.id, kind: 'phone', value: '139 0000 0001' },
          createdAt: Date.now(),
        };
        const results = await push(agent, [update, broken, 'not even an object', phone]);
        expect(results.map((result) => result.status)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
        expect(results[1]).toMatchObject({ id: broken.id, error: { code: 'invalid-payload' } });
        expect(results[2]).toMatchObject({ id: '', error: { code: 'invalid-payload' } });
        const [first, , , last] = results;
        if (first?.status !== 'applied' || last?.status !== 'applied') throw new Error('not applied');
        expect(last.seq).toBe(first.seq + 1);
        const { changes } = await pullAll(agent, { since: first.seq - 1 });
        expect(changes[0]).toMatchObject({ entity: 'customer', data: { id: customer.id, name: customer.name, tags: ['投诉跟进'] } });
        expect(changes[0]?.entity === 'customer' && changes[0].op === 'put' && changes[0].data.updatedAt).toBeGreaterThan(customer.updatedAt);
        expect(changes[1]).toMatchObject({ entity: 'identity', op: 'put', data: { customerId: customer.id, kind: 'phone', value: '+8613900000001' } });
      });

      it('refuses an identity owned by another customer, and answers a re-send with the same refusal', async () => {
        const owner = byNumber('C000004');
        const other = byNumber('C000005');
        const identityId = ulid();
        const add = (customerId: string, value: string, id = ulid(), identity = ulid()): Mutation => ({
          id,
          name: 'customer.addIdentity',
          args: { identityId: identity, customerId, kind: 'email', value },
          createdAt: Date.now(),
        });
        const [owned] = await push(agent, [add(owner.id, 'Shared.Inbox@Example.com', ulid(), identityId)]);
        expect(owned?.status).toBe('applied');
        const stolen = add(other.id, 'shared.inbox@example.com');
        const [refused] = await push(agent, [stolen]);
        expect(refused).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
        expect(refused?.status === 'rejected' && refused.error.message).toContain(owner.number);
        // Free the address; the earlier refusal still stands for that mutation id.
        const remove: Mutation = { id: ulid(), name: 'customer.removeIdentity', args: { identityId, customerId: owner.id }, createdAt: Date.now() };
        expect((await push(agent, [remove]))[0]?.status).toBe('applied');
        expect(await push(agent, [stolen])).toEqual([refused]);
        expect((await push(agent, [{ ...remove, id: ulid() }]))[0]).toMatchObject({ status: 'rejected', error: { code: 'not-found' } });
        const [unparseable] = await push(agent, [add(other.id, 'not-an-email')]);
        expect(unparseable).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload' } });
      });

      it('broadcasts every commit to other desktops in gap-free seq order', async () => {
        const listener = await t.desktop('agent2');
        const { head } = expectOk(await listener.emitWithAck('sync:pull', { since: 0, limit: 1 }));
        const customer = byNumber('C000006');
        const arriving = collectBroadcasts(listener, 8, head);
        const second = await t.desktop('agent3');
        await Promise.all([
          push(agent, [note(customer.id, 'one'), note(customer.id, 'two'), note(customer.id, 'three')]),
          push(second, [note(customer.id, 'four'), note(customer.id, 'five')]),
          push(agent, [note(customer.id, 'six')]),
          push(second, [note(customer.id, 'seven'), note(customer.id, 'eight')]),
        ]);
        const batches = await arriving;
        const seqs = batches.flat().map((change) => change.seq);
        expect(seqs).toEqual(Array.from({ length: 8 }, (_, i) => head + 1 + i));
        const texts = batches.flat().map((change) => (change.entity === 'interaction' && change.data.channel === 'note' ? change.data.text : ''));
        expect(texts.sort()).toEqual(['eight', 'five', 'four', 'one', 'seven', 'six', 'three', 'two']);
        listener.disconnect();
        second.disconnect();
      });
    });
  });
}
