import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditQuery } from '../../shared/protocol/audit';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import { ORDER_IMPORT_PATH } from '../../shared/protocol/orders';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

/**
 * The audit log on one store: what is recorded (supervisors' and admins'
 * changes, anyone's deletions and session endings, refused sign-ins, the
 * admin HTTP routes), what is not (reads, agents' everyday work, invalid
 * payloads), that no secret or message body is kept, and the admin's reader.
 */
export function defineAuditSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`audit log on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;
    let supervisor: Desktop;
    let agent: Desktop;
    let customerId: string;
    let supervisorToken: string;

    const page = async (query: AuditQuery = {}) => expectOk(await admin.emitWithAck('admin:audit:list', query));
    const newest = async (query: AuditQuery = {}): Promise<AuditEntry> => {
      const [entry] = (await page({ ...query, limit: 1 })).entries;
      if (!entry) throw new Error(`no audit entry for ${JSON.stringify(query)}`);
      return entry;
    };
    const count = async () => Number((await t.hub.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store);
      admin = await t.desktop('admin');
      const session = await t.login('supervisor');
      supervisorToken = session.accessToken;
      supervisor = await t.connect(session.accessToken);
      agent = await t.desktop('agent1');
      const row = await t.hub.db.selectFrom('customers').select('id').orderBy('number').executeTakeFirstOrThrow();
      customerId = row.id;
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('records a supervisor’s change with its targets and outcome, not their reads nor payloads that fail their schema', async () => {
      const before = await count();
      expectOk(await supervisor.emitWithAck('admin:queue:list', {}));
      expectOk(await supervisor.emitWithAck('admin:agent:list', {}));
      expect(expectError(await supervisor.emitWithAck('supervisor:task:move', { nonsense: 1 } as never)).code).toBe('invalid-payload');
      expect(await count()).toBe(before);
      const taskId = ulid();
      const refused = expectError(await supervisor.emitWithAck('supervisor:task:move', { taskId, queueId: ulid() } as never));
      const entry = await newest();
      expect(entry).toMatchObject({ actor: { username: 'supervisor', role: 'supervisor' }, action: 'supervisor:task:move', outcome: refused.code });
      expect(entry.targetIds).toContain(taskId);
    });

    it('records anyone’s deletion but not an agent’s everyday change; withholds message bodies', async () => {
      const identityId = ulid();
      const push = async (desktop: Desktop, name: string, args: Record<string, unknown>) =>
        expectOk(await desktop.emitWithAck('mutation:push', { mutations: [{ id: ulid(), name, args, createdAt: Date.now() }] } as never));
      const before = await count();
      await push(agent, 'customer.addIdentity', { identityId, customerId, kind: 'email', value: 'audit.test@example.com' });
      await push(agent, 'interaction.addNote', { interactionId: ulid(), customerId, text: 'agent note, everyday work', occurredAt: Date.now() });
      expect(await count()).toBe(before);
      await push(agent, 'customer.removeIdentity', { identityId, customerId });
      const removal = await newest();
      expect(removal).toMatchObject({ actor: { username: 'agent1', role: 'agent' }, action: 'mutation:customer.removeIdentity', outcome: 'ok' });
      expect(removal.targetIds).toEqual(expect.arrayContaining([identityId, customerId]));
      await push(supervisor, 'interaction.addNote', { interactionId: ulid(), customerId, text: 'The customer’s private words', occurredAt: Date.now() });
      const note = await newest();
      expect(note).toMatchObject({ actor: { username: 'supervisor' }, action: 'mutation:interaction.addNote', outcome: 'ok' });
      expect(note.summary.text).toBe('[withheld]');
      expect(JSON.stringify(note)).not.toContain('private words');
    });

    it('records session endings, password resets without the password, and refused sign-ins', async () => {
      const agent2 = (await t.hub.db.selectFrom('users').select('id').where('username', '=', 'agent2').executeTakeFirstOrThrow()).id;
      expectOk(await admin.emitWithAck('admin:account:password', { userId: agent2, password: 'Secret garden 77' }));
      const reset = await newest();
      expect(reset).toMatchObject({ actor: { username: 'admin', role: 'admin' }, action: 'admin:account:password', targetIds: [agent2], outcome: 'ok' });
      expect(JSON.stringify(reset)).not.toContain('Secret garden');
      const agent3 = await t.desktop('agent3');
      expectOk(await agent3.emitWithAck('account:signOutEverywhere', { confirm: true }));
      expect(await newest()).toMatchObject({ actor: { username: 'agent3', role: 'agent' }, action: 'account:signOutEverywhere', outcome: 'ok' });
      expect((await t.post('/api/login', { username: 'agent4', password: 'a wrong one' })).status).toBe(401);
      expect((await t.post('/api/login', { username: 'nobody-here', password: 'a wrong one' })).status).toBe(401);
      const logins = (await page({ action: 'login' })).entries;
      expect(logins[0]).toMatchObject({ actor: { id: null, username: 'nobody-here', role: '' }, outcome: 'bad-credentials' });
      expect(logins[1]).toMatchObject({ actor: { username: 'agent4', role: 'agent' }, outcome: 'bad-credentials' });
      expect(JSON.stringify(logins)).not.toContain('a wrong one');
    });

    it('records the admin HTTP routes that change things', async () => {
      const response = await fetch(`${t.hub.url}${ORDER_IMPORT_PATH}?timeZone=Asia/Shanghai`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${supervisorToken}` },
        body: 'Order No,Customer Number,Order Date,Amount,Profit\nAUD-1,C000001,2026-03-01,10.00,2.00',
      });
      expect(response.status).toBe(200);
      // Written once the answer has gone out.
      let entry = await newest();
      for (let tries = 0; entry.action !== `POST ${ORDER_IMPORT_PATH}` && tries < 50; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        entry = await newest();
      }
      expect(entry).toMatchObject({ actor: { username: 'supervisor' }, action: `POST ${ORDER_IMPORT_PATH}`, outcome: 'ok' });
    });

    it('lists newest first, filtered by actor, action (prefix) and date, a page at a time; only for admins; no API changes it', async () => {
      const all = (await page({ limit: 200 })).entries;
      expect(all.length).toBeGreaterThan(5);
      expect(all.map((entry) => entry.id)).toEqual([...all.map((entry) => entry.id)].sort().reverse());
      const first = await page({ limit: 2 });
      expect(first.more).toBe(true);
      const second = await page({ limit: 2, before: first.entries.at(-1)?.id });
      expect([...first.entries, ...second.entries].map((entry) => entry.id)).toEqual(all.slice(0, 4).map((entry) => entry.id));
      expect((await page({ actor: 'agent1' })).entries.every((entry) => entry.actor.username === 'agent1')).toBe(true);
      const adminActions = (await page({ action: 'admin:*' })).entries;
      expect(adminActions.length).toBeGreaterThan(0);
      expect(adminActions.every((entry) => entry.action.startsWith('admin:'))).toBe(true);
      expect((await page({ from: Date.now() + 60_000 })).entries).toEqual([]);
      expect(expectError(await admin.emitWithAck('admin:audit:list', { action: 'admin:%' })).code).toBe('invalid-payload');
      expect(expectError(await supervisor.emitWithAck('admin:audit:list', {})).code).toBe('forbidden');
      expect(Object.keys(CLIENT_EVENTS).filter((name) => name.includes('audit'))).toEqual(['admin:audit:list']);
    });
  });
}
