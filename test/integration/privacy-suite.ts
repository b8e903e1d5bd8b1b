import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttachmentStore } from '../../hub/attachments/attachment-store';
import { insertAttachment } from '../../hub/db/attachment-queries';
import { insertIdentities } from '../../hub/db/identity-queries';
import { insertInteractions } from '../../hub/db/interaction-queries';
import { insertCustomers } from '../../hub/db/customer-queries';
import { readStoredJson } from '../../hub/db/stored-json';
import type { Complaint } from '../../shared/complaints/complaint';
import type { Customer } from '../../shared/domain/customer';
import type { Interaction, InteractionOf } from '../../shared/domain/interaction';
import { ATTACHMENT_PATHS } from '../../shared/protocol/attachments';
import type { Change } from '../../shared/protocol/changes';
import type { HubError } from '../../shared/protocol/errors';
import type { Mutation, MutationResult } from '../../shared/protocol/mutations';
import { ERASED_TAG, PRIVACY_PATHS } from '../../shared/protocol/privacy';
import { collectBroadcasts, type Desktop, expectError, expectOk, pullAll, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const DAY = 86_400_000;

/**
 * Data protection end to end on one store: a customer's export holds what the
 * company has on them, the erasure leaves no word of them in any table or in
 * the change log (while order amounts and complaint facts stay), their files
 * answer 410, desktops are told to forget, and the retention sweep removes
 * files past their time and no others.
 */
export function definePrivacySuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`data protection on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;
    let sup: Desktop;
    let agent: Desktop;
    let supToken: string;
    let agentToken: string;
    let files: ReturnType<typeof createAttachmentStore>;
    let serial = 0;

    const get = async (path: string, token?: string) => {
      const response = await fetch(`${t.hub.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    const errorOf = (text: string): HubError => (JSON.parse(text) as { error: HubError }).error;

    /** A file in the hub's store and its record, `days` old. */
    async function storedFile(kind: string, bytes: string, daysOld: number): Promise<{ id: string; sha256: string }> {
      const { sha256, size } = await files.put(Buffer.from(bytes));
      const id = ulid();
      await insertAttachment(t.hub.db, { id, sha256, mimeType: 'text/plain', size, kind, createdBy: 'test', createdAt: t.clock.now() - daysOld * DAY, name: `${kind}.txt` });
      return { id, sha256 };
    }

    /** A customer with a phone, an email, a note, an email with a file, a recorded call and an order. */
    async function customerWithHistory() {
      serial += 1;
      const now = t.clock.now();
      // Every personal word carries this customer's own mark, so the search after an erasure cannot meet another customer's.
      const mark = `zq${ulid().slice(-10)}`;
      const name = `Privacy ${mark} Zhang`;
      const phone = `+8613900${String(serial).padStart(6, '0')}`;
      const email = `erase-me-${label}-${serial}@example.com`;
      const customer: Customer = { id: ulid(), number: `PV${String(serial).padStart(5, '0')}`, name, company: `Tea House ${mark}`, tags: ['vip-watch'], tier: 'key', createdAt: now, updatedAt: now };
      await insertCustomers(t.hub.db, [customer]);
      await insertIdentities(t.hub.db, [
        { id: ulid(), customerId: customer.id, kind: 'phone', value: phone },
        { id: ulid(), customerId: customer.id, kind: 'email', value: email },
      ]);
      const file = await storedFile('email', `invoice of ${name}`, 1);
      const recording = await storedFile('recording', `the voice of ${name}`, 1);
      const callId = `call-${ulid()}@privacy.test`;
      await t.hub.db
        .insertInto('recordings')
        .values({ id: ulid(), attachment_id: recording.id, call_id: callId, task_id: null, queue_id: null, agent_id: ulid(), duration_ms: 1000, created_at: now })
        .execute();
      const base = { customerId: customer.id, agentId: null };
      const history: Interaction[] = [
        { ...base, id: ulid(), occurredAt: now - 5_000, channel: 'note', text: `${name} prefers calls after six` },
        {
          ...base,
          id: ulid(),
          occurredAt: now - 4_000,
          channel: 'email',
          direction: 'inbound',
          from: email,
          to: 'support@switchboard.local',
          subject: `Invoice for ${name}`,
          body: `Dear team, my address is 1 Secret Road ${mark}.`,
          attachments: [{ name: 'invoice.txt', mimeType: 'text/plain', size: 10 }],
          attachmentIds: [file.id],
        },
        { ...base, id: ulid(), occurredAt: now - 3_000, channel: 'call', direction: 'inbound', from: phone, to: 'support', durationSec: 65, disposition: 'resolved', callId, notes: `${name} was upset` },
        { ...base, id: ulid(), occurredAt: now - 2_000, channel: 'order', orderNo: `SO-${serial}`, amount: 12_345, currency: 'CNY', items: `Longjing tea ${mark}`, profit: 2_000 },
      ];
      await insertInteractions(t.hub.db, history);
      return { customer, mark, name, phone, email, file, recording };
    }

    const push = async (mutation: Mutation): Promise<MutationResult> =>
      expectOk(await sup.emitWithAck('mutation:push', { mutations: [mutation] })).results[0] as MutationResult;

    async function logComplaint(customerId: string, name: string): Promise<string> {
      const id = ulid();
      const mutation = {
        id: ulid(),
        name: 'complaint.log',
        createdAt: t.clock.now(),
        args: {
          lineId: ulid(),
          complaint: {
            id,
            customerId,
            channel: 'email',
            category: 'delivery',
            subCategory: 'delivery.late',
            severity: 'high',
            description: `${name}'s parcel is two weeks late.`,
            customerRequest: `Refund ${name}`,
            orderRefs: ['SO-1001'],
            at: t.clock.now(),
          },
        },
      } as Mutation;
      expect((await push(mutation)).status).toBe('applied');
      return id;
    }

    /** Every table that can hold words about a customer, as text. */
    async function everything(): Promise<string> {
      const db = t.hub.db;
      const parts = await Promise.all([
        db.selectFrom('customers').selectAll().execute(),
        db.selectFrom('identities').selectAll().execute(),
        db.selectFrom('interactions').selectAll().execute(),
        db.selectFrom('changes').selectAll().execute(),
        db.selectFrom('complaints').selectAll().execute(),
        db.selectFrom('follow_ups').selectAll().execute(),
        db.selectFrom('attachments').select(['id', 'name']).execute(),
      ]);
      return JSON.stringify(parts);
    }

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
      files = createAttachmentStore(store.dataDir);
      admin = await t.desktop('admin');
      supToken = (await t.login('supervisor')).accessToken;
      sup = await t.connect(supToken);
      agentToken = (await t.login('agent1')).accessToken;
      agent = await t.connect(agentToken);
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('lets only supervisors and administrators export and erase, and only administrators set retention', async () => {
      const { customer } = await customerWithHistory();
      expect(expectError(await agent.emitWithAck('privacy:erase', { customerId: customer.id, reason: 'customer asked' })).code).toBe('forbidden');
      expect(expectError(await agent.emitWithAck('admin:retention:get', {})).code).toBe('forbidden');
      expect(expectError(await sup.emitWithAck('admin:retention:set', { recordings: 30, email: null, chat: null, sms: null })).code).toBe('forbidden');
      expect(expectError(await sup.emitWithAck('admin:retention:sweep', {})).code).toBe('forbidden');

      const path = `${PRIVACY_PATHS.export}${customer.id}`;
      expect((await get(path)).status).toBe(401);
      const refused = await get(path, agentToken);
      expect(refused.status).toBe(403);
      expect(errorOf(refused.text).code).toBe('forbidden');
      const bad = await get(`${PRIVACY_PATHS.export}not-an-id`, supToken);
      expect(bad.status).toBe(400);
      expect(errorOf(bad.text).issues?.[0]?.path).toBe('customerId');
      const unknown = await get(`${PRIVACY_PATHS.export}${ulid()}`, supToken);
      expect(unknown.status).toBe(404);
      expect(errorOf(unknown.text).code).toBe('not-found');
    });

    it('exports everything held about one customer as one JSON file, with links to their files', async () => {
      const { customer, name, phone, email, file, recording } = await customerWithHistory();
      await logComplaint(customer.id, name);
      const answer = await get(`${PRIVACY_PATHS.export}${customer.id}`, supToken);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="customer-${customer.number}.json"`);
      const document = JSON.parse(answer.text) as {
        format: string;
        customer: Customer;
        identities: { value: string }[];
        interactions: Interaction[];
        orders: InteractionOf<'order'>[];
        complaints: Complaint[];
        files: { id: string; kind: string; link: string | null }[];
        erasure: unknown;
      };
      expect(document.format).toBe('switchboard-customer-export');
      expect(document.customer.name).toBe(name);
      expect(document.identities.map((identity) => identity.value).sort()).toEqual([phone, email].sort());
      expect(document.interactions.map((interaction) => interaction.channel).sort()).toEqual(['call', 'complaint', 'email', 'note', 'order']);
      expect(document.interactions.find((interaction) => interaction.channel === 'email')).toMatchObject({ body: expect.stringContaining('1 Secret Road') });
      expect(document.orders.map((order) => order.amount)).toEqual([12_345]);
      expect(document.complaints.map((complaint) => complaint.description)).toEqual([`${name}'s parcel is two weeks late.`]);
      expect(document.erasure).toBeNull();
      const listed = new Map(document.files.map((listedFile) => [listedFile.id, listedFile]));
      expect(listed.get(file.id)?.link).toBe(`${ATTACHMENT_PATHS.file}${file.id}`);
      expect(listed.get(recording.id)?.link).toMatch(/^\/api\/recordings\//);
      // The link opens with the same token.
      const fetched = await get(listed.get(file.id)?.link ?? '', supToken);
      expect(fetched.status).toBe(200);
      expect(fetched.text).toBe(`invoice of ${name}`);
    });

    it('erases a customer: no word of them is left, the business facts stay, files answer 410 and desktops are told to forget', async () => {
      const { customer, mark, name, phone, email, file, recording } = await customerWithHistory();
      const complaintId = await logComplaint(customer.id, name);
      const before = await everything();
      expect(before.split(mark).length - 1).toBeGreaterThan(8);

      const invalid = expectError(await sup.emitWithAck('privacy:erase', { customerId: customer.id, reason: ' ' }));
      expect(invalid.code).toBe('invalid-payload');
      expect(invalid.issues?.[0]?.path).toBe('reason');
      const unknown = expectError(await sup.emitWithAck('privacy:erase', { customerId: ulid(), reason: 'customer asked by email' }));
      expect(unknown).toMatchObject({ code: 'not-found', issues: [{ path: 'customerId', message: 'not-found' }] });

      const head = (await t.hub.db.selectFrom('sync_head').select('seq').executeTakeFirstOrThrow()).seq;
      // The notice, the customer, 5 timeline items (the complaint's line too), the complaint.
      const heard = collectBroadcasts(agent, 8, Number(head));
      const record = expectOk(await sup.emitWithAck('privacy:erase', { customerId: customer.id, reason: 'PIPL request #42 by email' }));
      expect(record).toMatchObject({ customerId: customer.id, number: customer.number, erasedByName: expect.any(String), reason: 'PIPL request #42 by email' });
      expect(record.counts).toMatchObject({ identities: 2, interactions: 5, complaints: 1, files: 2 });
      expect(record.counts.logEntries).toBeGreaterThan(0);

      const after = await everything();
      for (const secret of [mark, phone, email]) expect(after, secret).not.toContain(secret);

      const row = await t.hub.db.selectFrom('customers').selectAll().where('id', '=', customer.id).executeTakeFirstOrThrow();
      expect(row.name).toBe(`Erased customer #${customer.number}`);
      expect(JSON.parse(row.tags)).toEqual([ERASED_TAG]);
      expect(await t.hub.db.selectFrom('identities').select('id').where('customer_id', '=', customer.id).execute()).toEqual([]);
      // Revenue and the complaint's facts stay.
      const timeline = (await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', customer.id).execute()).map((r) => readStoredJson<Interaction>(r.data));
      expect(timeline.filter((item) => item.channel === 'order').map((order) => (order as InteractionOf<'order'>).amount)).toEqual([12_345]);
      const complaint = readStoredJson<Complaint>((await t.hub.db.selectFrom('complaints').select('data').where('id', '=', complaintId).executeTakeFirstOrThrow()).data);
      expect(complaint).toMatchObject({ category: 'delivery', subCategory: 'delivery.late', severity: 'high', description: '—', customerRequest: '' });

      // The bytes are gone from the store; asking for them is a typed 410.
      for (const stored of [file, recording]) expect(await files.has(stored.sha256)).toBe(false);
      const gone = await get(`${ATTACHMENT_PATHS.file}${file.id}`, supToken);
      expect(gone.status).toBe(410);
      expect(errorOf(gone.text).code).toBe('gone');

      // A connected desktop hears the notice before the anonymous rows; a desktop syncing from scratch never sees the old ones.
      const live = (await heard).flat();
      expect(live[0]).toMatchObject({ entity: 'erasure', data: { customerId: customer.id } });
      const pulled = await pullAll(admin);
      const about = pulled.changes.filter((change: Change) => (change.entity === 'customer' ? change.data.id : change.data.customerId) === customer.id);
      expect(about[0]?.entity).toBe('erasure');
      expect(JSON.stringify(pulled.changes)).not.toContain(mark);

      // A desktop that was offline through the erasure sends what it typed about the person: refused, nothing comes back.
      const late: Mutation[] = [
        { id: ulid(), name: 'interaction.addNote', createdAt: t.clock.now(), args: { interactionId: ulid(), customerId: customer.id, text: `late ${mark}`, occurredAt: t.clock.now() } },
        { id: ulid(), name: 'customer.update', createdAt: t.clock.now(), args: { customerId: customer.id, patch: { name: name } } } as Mutation,
      ];
      for (const mutation of late) {
        expect(await push(mutation)).toMatchObject({ status: 'rejected', error: { code: 'conflict', issues: [{ message: 'erased' }] } });
      }
      expect(await everything()).not.toContain(mark);

      const again = expectError(await admin.emitWithAck('privacy:erase', { customerId: customer.id, reason: 'asked twice' }));
      expect(again).toMatchObject({ code: 'conflict', issues: [{ path: 'customerId', message: 'already-erased' }] });
      expect(expectOk(await agent.emitWithAck('privacy:erasure', { customerId: customer.id }))).toEqual(record);
      expect(await t.hub.db.selectFrom('customer_erasures').select('reason').where('customer_id', '=', customer.id).execute()).toEqual([{ reason: 'PIPL request #42 by email' }]);
    });

    it('waits for open work, then blanks the chat, SMS, call and task records behind the timeline', async () => {
      const { customer, mark, phone } = await customerWithHistory();
      const db = t.hub.db;
      const now = t.clock.now();
      const taskId = ulid();
      const task = { id: taskId, customerId: customer.id, subject: `Call from ${mark}`, channel: 'call' };
      await db.insertInto('tasks').values({ id: taskId, queue_id: ulid(), status: 'assigned', assigned_to: null, offered_to: null, data: JSON.stringify(task), created_at: now, updated_at: now }).execute();
      const conversationId = ulid();
      const conversation = { id: conversationId, customerId: customer.id, visitorName: `Visitor ${mark}`, visitorEmail: `${mark}@example.com`, startedAt: now };
      await db
        .insertInto('chat_conversations')
        .values({ id: conversationId, widget_id: 'demo', visitor_id: ulid(), task_id: null, customer_id: customer.id, status: 'ended', data: JSON.stringify({ conversation, receipts: {}, locale: 'en', phone }), started_at: now, updated_at: now })
        .execute();
      await db.insertInto('chat_lines').values({ id: ulid(), conversation_id: conversationId, seq: 1, client_id: null, data: JSON.stringify({ from: 'customer', text: `I am ${mark}`, seq: 1 }), at: now }).execute();
      const smsId = ulid();
      await db
        .insertInto('sms_conversations')
        .values({ id: smsId, customer_id: customer.id, customer_number: phone, our_number: '+8610690000001', queue_id: ulid(), task_id: null, agent_id: null, status: 'done', started_at: now, updated_at: now })
        .execute();
      await db.insertInto('sms_messages').values({ id: ulid(), conversation_id: smsId, direction: 'inbound', text: `text from ${mark}`, status: 'received', error: null, client_id: null, provider_id: null, agent_id: null, media: '[]', at: now }).execute();

      const open = expectError(await sup.emitWithAck('privacy:erase', { customerId: customer.id, reason: 'customer asked' }));
      expect(open).toMatchObject({ code: 'conflict', issues: [{ path: 'customerId', message: 'open-work' }] });
      expect(await db.selectFrom('customers').select('name').where('id', '=', customer.id).executeTakeFirstOrThrow()).toEqual({ name: customer.name });

      await db.updateTable('tasks').set({ status: 'done' }).where('id', '=', taskId).execute();
      const record = expectOk(await sup.emitWithAck('privacy:erase', { customerId: customer.id, reason: 'customer asked' }));
      expect(record.counts).toMatchObject({ chats: 1, smsConversations: 1 });
      const channelRows = JSON.stringify(
        await Promise.all([
          db.selectFrom('tasks').selectAll().where('id', '=', taskId).execute(),
          db.selectFrom('chat_conversations').selectAll().where('id', '=', conversationId).execute(),
          db.selectFrom('chat_lines').selectAll().where('conversation_id', '=', conversationId).execute(),
          db.selectFrom('sms_conversations').selectAll().where('id', '=', smsId).execute(),
          db.selectFrom('sms_messages').selectAll().where('conversation_id', '=', smsId).execute(),
        ]),
      );
      for (const secret of [mark, phone]) expect(channelRows, secret).not.toContain(secret);
      // The rows stay for the reports: a finished task, a conversation and its line are still counted.
      expect(await db.selectFrom('chat_lines').select('seq').where('conversation_id', '=', conversationId).execute()).toEqual([{ seq: 1 }]);
    });

    it('also forgets the log entries of a duplicate merged into the customer before', async () => {
      const survivor = await customerWithHistory();
      const duplicate = await customerWithHistory();
      // Entries filed under the duplicate, as the desktops heard of its records before the merge.
      const note = { id: ulid(), customerId: duplicate.customer.id, occurredAt: t.clock.now(), agentId: null, channel: 'note' as const, text: `Note about ${duplicate.mark}` };
      expect((await push({ id: ulid(), name: 'interaction.addNote', createdAt: t.clock.now(), args: { interactionId: note.id, customerId: note.customerId, text: note.text, occurredAt: note.occurredAt } })).status).toBe('applied');
      // The duplicate's own record in the log: only its merge note on the survivor's timeline still names it.
      const rename = { id: ulid(), name: 'customer.update', createdAt: t.clock.now(), args: { customerId: duplicate.customer.id, patch: { name: `Renamed ${duplicate.mark}` } } } as Mutation;
      expect((await push(rename)).status).toBe('applied');
      const merge = { id: ulid(), name: 'customer.merge', createdAt: t.clock.now(), args: { survivorId: survivor.customer.id, duplicateId: duplicate.customer.id, auditId: ulid() } } as Mutation;
      expect((await push(merge)).status).toBe('applied');
      expect(await everything()).toContain(duplicate.mark);

      expectOk(await sup.emitWithAck('privacy:erase', { customerId: survivor.customer.id, reason: 'customer asked' }));
      const after = await everything();
      for (const secret of [survivor.mark, duplicate.mark, duplicate.phone, duplicate.email]) expect(after, secret).not.toContain(secret);
    });

    it('keeps the bytes another customer still holds when an erasure removes the same file', async () => {
      const first = await customerWithHistory();
      const shared = await storedFile('email', 'the same price list', 1);
      const sharedToo = await storedFile('email', 'the same price list', 1);
      expect(sharedToo.sha256).toBe(shared.sha256);
      const row = await t.hub.db.selectFrom('interactions').select(['id', 'data']).where('customer_id', '=', first.customer.id).where('channel', '=', 'email').executeTakeFirstOrThrow();
      const mail = readStoredJson<InteractionOf<'email'>>(row.data);
      await t.hub.db
        .updateTable('interactions')
        .set({ data: JSON.stringify({ ...mail, attachments: [...mail.attachments, { name: 'prices.txt', mimeType: 'text/plain', size: 19 }], attachmentIds: [...(mail.attachmentIds ?? []), shared.id] }) })
        .where('id', '=', row.id)
        .execute();
      expectOk(await sup.emitWithAck('privacy:erase', { customerId: first.customer.id, reason: 'customer asked' }));
      expect(await files.has(shared.sha256)).toBe(true);
      expect((await get(`${ATTACHMENT_PATHS.file}${sharedToo.id}`, supToken)).status).toBe(200);
      expect((await get(`${ATTACHMENT_PATHS.file}${shared.id}`, supToken)).status).toBe(410);
    });

    it('sweeps files past their retention, keeps the rest, and sweeps each file once', async () => {
      expect(expectOk(await sup.emitWithAck('admin:retention:get', {}))).toEqual({ recordings: null, email: null, chat: null, sms: null });
      const bad = expectError(await admin.emitWithAck('admin:retention:set', { recordings: 0, email: null, chat: null, sms: null }));
      expect(bad.code).toBe('invalid-payload');
      expect(bad.issues?.[0]?.path).toBe('recordings');

      const oldCall = await storedFile('recording', 'an old call', 40);
      const newCall = await storedFile('recording', 'a new call', 10);
      const oldChat = await storedFile('chat', 'an old chat picture', 400);
      const oldSms = await storedFile('sms', 'an old sms picture', 400);
      // Nothing is removed while everything is kept forever.
      expect(expectOk(await admin.emitWithAck('admin:retention:sweep', {})).files).toBe(0);

      const settings = { recordings: 30, email: null, chat: 365, sms: null };
      expect(expectOk(await admin.emitWithAck('admin:retention:set', settings))).toEqual(settings);
      expect(expectOk(await sup.emitWithAck('admin:retention:get', {}))).toEqual(settings);
      const swept = expectOk(await admin.emitWithAck('admin:retention:sweep', {}));
      // Earlier tests' files are a day old; only the old call and the old chat picture are past their time.
      expect(swept.files).toBe(2);
      expect(await files.has(oldCall.sha256)).toBe(false);
      expect(await files.has(oldChat.sha256)).toBe(false);
      expect(await files.has(newCall.sha256)).toBe(true);
      expect(await files.has(oldSms.sha256)).toBe(true);
      const removed = await t.hub.db.selectFrom('attachments').select(['id', 'removed_reason']).where('id', 'in', [oldCall.id, oldChat.id, newCall.id]).orderBy('id').execute();
      expect(Object.fromEntries(removed.map((r) => [r.id, r.removed_reason]))).toEqual({ [oldCall.id]: 'retention', [oldChat.id]: 'retention', [newCall.id]: null });
      const gone = await get(`${ATTACHMENT_PATHS.file}${oldChat.id}`, supToken);
      expect(gone.status).toBe(410);
      expect(errorOf(gone.text).code).toBe('gone');
      // The desktop's timeline asks with HEAD whether a file it cannot load was removed (renderer/features/privacy/file-gone.ts).
      const head = await fetch(`${t.hub.url}${ATTACHMENT_PATHS.file}${oldChat.id}`, { method: 'HEAD', headers: { authorization: `Bearer ${supToken}` } });
      expect(head.status).toBe(410);
      expect(expectOk(await admin.emitWithAck('admin:retention:sweep', {})).files).toBe(0);
    });
  });
}
