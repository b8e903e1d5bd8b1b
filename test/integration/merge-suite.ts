import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Identity } from '../../shared/domain/customer';
import type { Interaction } from '../../shared/domain/interaction';
import type { Change } from '../../shared/protocol/changes';
import type { Mutation, MutationResult } from '../../shared/protocol/mutations';
import type { TaskOffer } from '../../shared/protocol/routing';
import { insertCustomers } from '../../hub/db/customer-queries';
import { insertIdentities } from '../../hub/db/identity-queries';
import { insertInteractions } from '../../hub/db/interaction-queries';
import { readStoredJson } from '../../hub/db/stored-json';
import { type Desktop, expectOk, pullAll, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

/**
 * `customer.merge` against a real hub: everything the duplicate had moves to
 * the survivor, with an audit note; two agents merging the same pair, or the
 * pair in opposite directions, never move anything twice or lose it.
 */
export function defineMergeSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`customer merge on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let a1: Desktop;
    let a2: Desktop;
    let sup: Desktop;
    let serial = 0;

    const push = async (desktop: Desktop, mutation: Mutation): Promise<MutationResult> =>
      expectOk(await desktop.emitWithAck('mutation:push', { mutations: [mutation] })).results[0] as MutationResult;
    const merge = (survivorId: string, duplicateId: string): Mutation => ({
      id: ulid(),
      name: 'customer.merge',
      args: { survivorId, duplicateId, auditId: ulid() },
      createdAt: Date.now(),
    });

    /** A customer with a phone, an email and two interactions, written straight into the store. */
    async function customerWithHistory(name: string): Promise<{ customer: Customer; identities: Identity[]; interactions: Interaction[] }> {
      serial += 1;
      const now = Date.now();
      const customer: Customer = { id: ulid(), number: `M${String(serial).padStart(6, '0')}`, name, company: null, tags: [], tier: 'ordinary', createdAt: now, updatedAt: now };
      const identities: Identity[] = [
        { id: ulid(), customerId: customer.id, kind: 'phone', value: `+86139000${String(serial).padStart(5, '0')}` },
        { id: ulid(), customerId: customer.id, kind: 'email', value: `merge-${serial}@example.com` },
      ];
      const interactions: Interaction[] = [
        { id: ulid(), customerId: customer.id, occurredAt: now - 60_000, agentId: null, channel: 'note', text: `${name} first` },
        { id: ulid(), customerId: customer.id, occurredAt: now - 30_000, agentId: null, channel: 'sms', direction: 'inbound', from: 'x', to: 'y', text: 'hi' },
      ];
      await insertCustomers(t.hub.db, [customer]);
      await insertIdentities(t.hub.db, identities);
      await insertInteractions(t.hub.db, interactions);
      return { customer, identities, interactions };
    }

    const countFor = async (table: 'identities' | 'interactions', customerId: string) =>
      Number((await t.hub.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow()).n);
    const exists = async (customerId: string) => (await t.hub.db.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst()) !== undefined;

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
      [a1, a2, sup] = await Promise.all([t.desktop('agent1'), t.desktop('agent2'), t.desktop('supervisor')]);
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('moves identities, timeline, open tasks and every channel’s conversations, then removes the duplicate with an audit note', async () => {
      const survivor = await customerWithHistory('Jonathan Smith');
      const duplicate = await customerWithHistory('Jonathon Smith');
      const dupId = duplicate.customer.id;
      const desk = expectOk(await sup.emitWithAck('agent:desk', {}));
      const queueId = desk.queues[0]?.id ?? '';
      const task = expectOk(await sup.emitWithAck('task:create', { channel: 'email', queueId, customerId: dupId, subject: 'refund' }));
      const now = Date.now();
      await t.hub.db
        .insertInto('chat_conversations')
        .values({ id: ulid(), widget_id: ulid(), visitor_id: 'v-merge', task_id: null, customer_id: dupId, status: 'ended', data: JSON.stringify({ conversation: { customerId: dupId }, receipts: {} }), started_at: now, updated_at: now })
        .execute();
      const threadId = ulid();
      await t.hub.db.insertInto('email_threads').values({ id: threadId, ref: `T-${threadId.slice(-8)}`, customer_id: dupId, task_id: null, data: JSON.stringify({ id: threadId, customerId: dupId }), last_message_at: now }).execute();
      await t.hub.db
        .insertInto('email_messages')
        .values({ id: ulid(), thread_id: threadId, message_id: `${ulid()}@example.com`, direction: 'inbound', at: now, data: JSON.stringify({ customerId: dupId }), delivery_status: null, next_attempt_at: null })
        .execute();
      await t.hub.db
        .insertInto('sms_conversations')
        .values({ id: ulid(), customer_id: dupId, customer_number: '+8613900099999', our_number: '+8610000000', queue_id: queueId, task_id: null, agent_id: null, status: 'done', started_at: now, updated_at: now })
        .execute();
      const callId = `merge-${label}@sip`;
      await t.hub.db.insertInto('voice_calls').values({ call_id: callId, task_id: null, data: JSON.stringify({ callId, customerId: dupId }), arrived_at: now }).execute();

      const { head } = await pullAll(a2);
      const mutation = merge(survivor.customer.id, dupId);
      expect(await push(a1, mutation)).toMatchObject({ status: 'applied' });

      expect(await exists(dupId)).toBe(false);
      expect(await countFor('identities', survivor.customer.id)).toBe(4);
      // Both histories, and the audit note.
      expect(await countFor('interactions', survivor.customer.id)).toBe(5);
      const taskRow = await t.hub.db.selectFrom('tasks').select('data').where('id', '=', task.id).executeTakeFirstOrThrow();
      expect(readStoredJson<{ customerId: string }>(taskRow.data).customerId).toBe(survivor.customer.id);
      const chat = await t.hub.db.selectFrom('chat_conversations').select(['customer_id', 'data']).where('visitor_id', '=', 'v-merge').executeTakeFirstOrThrow();
      expect(chat.customer_id).toBe(survivor.customer.id);
      expect(readStoredJson<{ conversation: { customerId: string } }>(chat.data).conversation.customerId).toBe(survivor.customer.id);
      const thread = await t.hub.db.selectFrom('email_threads').select(['customer_id', 'data']).where('id', '=', threadId).executeTakeFirstOrThrow();
      expect([thread.customer_id, readStoredJson<{ customerId: string }>(thread.data).customerId]).toEqual([survivor.customer.id, survivor.customer.id]);
      const message = await t.hub.db.selectFrom('email_messages').select('data').where('thread_id', '=', threadId).executeTakeFirstOrThrow();
      expect(readStoredJson<{ customerId: string }>(message.data).customerId).toBe(survivor.customer.id);
      const sms = await t.hub.db.selectFrom('sms_conversations').select('customer_id').where('customer_number', '=', '+8613900099999').executeTakeFirstOrThrow();
      expect(sms.customer_id).toBe(survivor.customer.id);
      const call = await t.hub.db.selectFrom('voice_calls').select('data').where('call_id', '=', callId).executeTakeFirstOrThrow();
      expect(readStoredJson<{ customerId: string }>(call.data).customerId).toBe(survivor.customer.id);

      // What another desktop hears: the rows move first, the audit note, and the duplicate goes last.
      const { changes } = await pullAll(a2, { since: head });
      const summary = changes.map((change: Change) => `${change.entity}:${change.op}`);
      // The survivor's value is worked out again with the duplicate's history on it.
      expect(summary).toEqual(['identity:put', 'identity:put', 'interaction:put', 'interaction:put', 'customerValue:put', 'interaction:put', 'customer:delete']);
      const value = changes.find((change) => change.entity === 'customerValue');
      expect(value?.data).toMatchObject({ customerId: survivor.customer.id });
      const audit = changes.find((change) => change.entity === 'interaction' && change.data.id === (mutation.args as { auditId: string }).auditId);
      expect(audit?.data).toMatchObject({
        channel: 'note',
        customerId: survivor.customer.id,
        mergedFrom: { customerId: dupId, number: duplicate.customer.number, name: 'Jonathon Smith' },
      });
      expect((audit?.data as { agentId: string } | undefined)?.agentId).toBe(expectOk(await a1.emitWithAck('session:whoami', {})).id);
    });

    it('offers a waiting task of the duplicate as the survivor’s after the merge (routing keeps open tasks in memory)', async () => {
      const survivor = await customerWithHistory('Merge Survivor');
      const duplicate = await customerWithHistory('Merge Duplicate');
      const queueId = expectOk(await sup.emitWithAck('agent:desk', {})).queues[0]?.id ?? '';
      const task = expectOk(await sup.emitWithAck('task:create', { channel: 'email', queueId, customerId: duplicate.customer.id, subject: 'waiting through a merge' }));
      expect(task.status).toBe('queued');
      expect((await push(a1, merge(survivor.customer.id, duplicate.customer.id))).status).toBe('applied');

      const offered = new Promise<TaskOffer>((resolve) => {
        const onOffer = (offer: TaskOffer) => {
          if (offer.task.id !== task.id) return;
          a2.off('task:offer', onOffer);
          resolve(offer);
        };
        a2.on('task:offer', onOffer);
      });
      expectOk(await a2.emitWithAck('agent:state:set', { status: 'available' }));
      const offer = await offered;
      expect(offer.task.customerId).toBe(survivor.customer.id);
      expect(offer.customer?.id).toBe(survivor.customer.id);
      expectOk(await a2.emitWithAck('agent:state:set', { status: 'offline' }));
    });

    it('lets a second agent merge the same pair: a success that moves nothing again', async () => {
      const survivor = await customerWithHistory('王芳');
      const duplicate = await customerWithHistory('王 芳');
      expect(await push(a1, merge(survivor.customer.id, duplicate.customer.id))).toMatchObject({ status: 'applied' });
      const { head } = await pullAll(a2);
      expect(await push(a2, merge(survivor.customer.id, duplicate.customer.id))).toMatchObject({ status: 'applied' });
      expect((await pullAll(a2, { since: head })).changes).toEqual([]);
      expect(await countFor('interactions', survivor.customer.id)).toBe(5);
      expect(await countFor('identities', survivor.customer.id)).toBe(4);
    });

    it('refuses the later of two opposite merges with a clear reason, losing nothing', async () => {
      const a = await customerWithHistory('Li Lei');
      const b = await customerWithHistory('Lei Li');
      expect(await push(a1, merge(a.customer.id, b.customer.id))).toMatchObject({ status: 'applied' });
      const opposite = await push(a2, merge(b.customer.id, a.customer.id));
      expect(opposite).toMatchObject({ status: 'rejected', error: { code: 'not-found' } });
      expect(opposite.status === 'rejected' && opposite.error.message).toContain('customer to keep no longer exists');
      expect(await exists(a.customer.id)).toBe(true);
      expect(await countFor('interactions', a.customer.id)).toBe(5);
      expect(await countFor('identities', a.customer.id)).toBe(4);
    });

    it('refuses a duplicate merged into someone else, a merge into oneself, and a re-used audit id', async () => {
      const a = await customerWithHistory('A One');
      const b = await customerWithHistory('B Two');
      const c = await customerWithHistory('C Three');
      expect(await push(a1, merge(a.customer.id, b.customer.id))).toMatchObject({ status: 'applied' });
      expect(await push(a2, merge(c.customer.id, b.customer.id))).toMatchObject({ status: 'rejected', error: { code: 'not-found' } });
      expect(await exists(c.customer.id)).toBe(true);

      const self = await push(a1, merge(a.customer.id, a.customer.id));
      expect(self).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload' } });

      const reused = merge(c.customer.id, a.customer.id);
      if (reused.name !== 'customer.merge') throw new Error('not a merge');
      reused.args.auditId = a.interactions[0]?.id ?? '';
      expect(await push(a1, reused)).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
      expect(await exists(a.customer.id)).toBe(true);
      expect(await countFor('interactions', c.customer.id)).toBe(2);
    });
  });
}
