import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../shared/complaints/complaint';
import type { ComplaintEvent } from '../../shared/complaints/workflow';
import type { Customer } from '../../shared/domain/customer';
import type { EmailMessage } from '../../shared/domain/email';
import type { Interaction, InteractionOf } from '../../shared/domain/interaction';
import { type ComplaintEscalationNotice, type ComplaintSettings, complaintNumberOf, complaintRefusalCode } from '../../shared/protocol/complaints';
import type { Mutation, MutationResult } from '../../shared/protocol/mutations';
import { DEFAULT_COMPLAINT_SETTINGS } from '../../shared/complaints/settings-defaults';
import { insertCustomers } from '../../hub/db/customer-queries';
import { insertIdentities } from '../../hub/db/identity-queries';
import { insertInteractions } from '../../hub/db/interaction-queries';
import { readStoredJson } from '../../hub/db/stored-json';
import { readSmsSettings, saveSmsSettings } from '../../hub/sms/sms-settings';
import { createSmtpRelay } from './helpers/smtp-relay';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const HOUR = 3_600_000;

/**
 * Complaints against a real hub over real sockets: logging and every step as
 * mutations, the specific refusals the desk shows, who may see and act, the
 * customer's messages, and SLA escalations that go out once across a restart.
 */
export function defineComplaintsSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`complaints on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let agent1: Desktop;
    let agent2: Desktop;
    let sup: Desktop;
    let admin: Desktop;
    let serial = 0;
    const notices: { to: string; notice: ComplaintEscalationNotice }[] = [];

    const push = async (desktop: Desktop, mutation: Mutation): Promise<MutationResult> =>
      expectOk(await desktop.emitWithAck('mutation:push', { mutations: [mutation] })).results[0] as MutationResult;
    const envelope = (name: 'complaint.log' | 'complaint.act', args: unknown): Mutation => ({ id: ulid(), name, args, createdAt: Date.now() }) as Mutation;

    async function customer(name: string, ways: { email?: boolean; phone?: boolean } = { email: true }): Promise<Customer> {
      serial += 1;
      const now = Date.now();
      const c: Customer = { id: ulid(), number: `Q${String(serial).padStart(6, '0')}`, name, company: null, tags: [], tier: 'ordinary', createdAt: now, updatedAt: now };
      await insertCustomers(t.hub.db, [c]);
      await insertIdentities(t.hub.db, [
        ...(ways.email ? [{ id: ulid(), customerId: c.id, kind: 'email' as const, value: `cp-${label}-${serial}@example.com` }] : []),
        ...(ways.phone ? [{ id: ulid(), customerId: c.id, kind: 'phone' as const, value: `+86139100${String(serial).padStart(5, '0')}` }] : []),
      ]);
      return c;
    }

    const logMutation = (customerId: string, extra: Record<string, unknown> = {}) =>
      envelope('complaint.log', {
        lineId: ulid(),
        complaint: {
          id: ulid(),
          customerId,
          channel: 'email',
          category: 'delivery',
          subCategory: 'delivery.late',
          severity: 'high',
          description: 'The parcel is two weeks late.',
          customerRequest: 'Refund the delivery fee',
          orderRefs: ['SO-1001'],
          at: t.clock.now(),
          ...extra,
        },
      });
    const complaintIdOf = (mutation: Mutation): string => (mutation.args as { complaint: { id: string } }).complaint.id;
    const act = (complaintId: string, event: Omit<ComplaintEvent, 'at' | 'by'> & Record<string, unknown>) =>
      envelope('complaint.act', { complaintId, lineId: ulid(), event: { ...event, at: t.clock.now(), by: 'whoever-the-desktop-says' } });

    async function stored(complaintId: string): Promise<Complaint> {
      const row = await t.hub.db.selectFrom('complaints').select('data').where('id', '=', complaintId).executeTakeFirstOrThrow();
      return readStoredJson<Complaint>(row.data);
    }
    async function timeline(customerId: string): Promise<Interaction[]> {
      const rows = await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', customerId).orderBy('occurred_at').orderBy('id').execute();
      return rows.map((row) => readStoredJson<Interaction>(row.data));
    }
    const complaintLines = async (customerId: string, complaintId: string) =>
      (await timeline(customerId)).filter((i): i is InteractionOf<'complaint'> => i.channel === 'complaint' && i.complaintId === complaintId);

    async function connectAll(): Promise<void> {
      [agent1, agent2, sup, admin] = await Promise.all([t.desktop('agent1'), t.desktop('agent2'), t.desktop('supervisor'), t.desktop('admin')]);
      for (const [name, desktop] of [['supervisor', sup], ['admin', admin], ['agent1', agent1], ['agent2', agent2]] as const) {
        desktop.on('complaint:escalation', (notice) => notices.push({ to: name, notice }));
      }
    }

    // A real SMTP relay: the customer's messages leave the hub's outbox for it.
    const relay = createSmtpRelay();
    const relayed = relay.received;
    const hubEnv = () => ({ SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, SMTP_RELAY_URL: relay.url });

    beforeAll(async () => {
      await relay.start();
      store = await makeStore();
      t = await startTestHub(store, hubEnv());
      await connectAll();
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
      await relay.stop();
    });

    it('logs, lists, acknowledges, resolves and closes a complaint, each step a line on the timeline, and tells the customer by email', async () => {
      const c = await customer('Mary Lee');
      const earlier: Interaction = { id: ulid(), customerId: c.id, occurredAt: Date.now() - 60_000, agentId: null, channel: 'note', text: 'called about parcel' };
      await insertInteractions(t.hub.db, [earlier]);
      const logged = logMutation(c.id, { linkedInteractionIds: [earlier.id] });
      const id = complaintIdOf(logged);
      expect(await push(agent1, logged)).toMatchObject({ status: 'applied' });

      const mine = expectOk(await agent1.emitWithAck('complaint:list', { scope: 'mine' }));
      const view = mine.find((candidate) => candidate.id === id);
      expect(view).toMatchObject({ status: 'new', customerName: 'Mary Lee', customerNumber: c.number, linkedInteractionIds: [earlier.id] });
      // Logged with no owner and no team: the agent who logged it owns it.
      expect(view?.ownerId).toBe((await agent1.emitWithAck('session:whoami', {}) as { ok: true; data: { id: string } }).data.id);
      expect(view?.clocks.map((clock) => clock.kind)).toEqual(['first-response', 'resolution']);
      expect(expectOk(await agent2.emitWithAck('complaint:list', { scope: 'mine' })).some((candidate) => candidate.id === id)).toBe(false);
      expect(expectOk(await sup.emitWithAck('complaint:list', { scope: 'all' })).some((candidate) => candidate.id === id)).toBe(true);

      expect(await push(agent1, act(id, { type: 'acknowledge' }))).toMatchObject({ status: 'applied' });
      expect(await push(agent1, act(id, { type: 'investigate' }))).toMatchObject({ status: 'applied' });
      const resolve = act(id, { type: 'resolve', note: 'Refunded the delivery fee of ¥12.', rootCause: 'carrier', compensation: { loyaltyPoints: 200, couponCode: 'SORRY10', refundNote: '¥12 refund ref R-77' } });
      expect(await push(agent1, resolve)).toMatchObject({ status: 'applied' });
      expect(await push(agent1, act(id, { type: 'close' }))).toMatchObject({ status: 'applied' });
      await t.hub.complaints.idle();

      const after = await stored(id);
      expect(after).toMatchObject({ status: 'closed', resolution: { rootCause: 'carrier', note: 'Refunded the delivery fee of ¥12.', compensation: { loyaltyPoints: 200, couponCode: 'SORRY10' } } });
      expect(after.resolution?.resolvedBy).toBe(view?.ownerId);
      const lines = await complaintLines(c.id, id);
      // The customer's messages go out after each commit, so their lines fall wherever the next step has not yet come.
      expect(lines.filter((line) => line.step !== 'customer-told').map((line) => [line.step, line.status])).toEqual([
        ['logged', 'new'],
        ['acknowledge', 'acknowledged'],
        ['investigate', 'investigating'],
        ['resolve', 'resolved'],
        ['close', 'closed'],
      ]);
      expect(lines.filter((line) => line.step === 'customer-told').map((line) => line.text)).toEqual([
        expect.stringContaining(`acknowledge: told by email to cp-${label}-`),
        expect.stringContaining(`resolve: told by email to cp-${label}-`),
      ]);

      // The messages wait in the hub's email outbox, rendered from the English templates.
      const mails = (await timeline(c.id)).filter((i) => i.channel === 'email');
      expect(mails).toHaveLength(2);
      const rows = await t.hub.db.selectFrom('email_messages').select(['data', 'delivery_status']).where('id', 'in', mails.map((mail) => mail.id)).orderBy('at').execute();
      const [ack, resolution] = rows.map((row) => readStoredJson<EmailMessage>(row.data));
      expect(rows.map((row) => row.delivery_status).every((status) => status === 'queued' || status === 'sent')).toBe(true);
      expect(ack?.subject).toContain(`We have received your complaint ${complaintNumberOf(id)}`);
      expect(resolution?.to[0]?.address).toBe(`cp-${label}-${serial}@example.com`);
      expect(resolution?.subject).toContain(`Your complaint ${complaintNumberOf(id)} is resolved`);
      expect(resolution?.text).toContain('Dear Mary Lee');
      expect(resolution?.text).toContain('Refunded the delivery fee of ¥12.');
      // …and reach the relay.
      await expect.poll(() => relayed.filter((mail) => mail.messageId === `<${resolution?.messageId}>`).length, { timeout: 10_000 }).toBe(1);
      const sent = relayed.find((mail) => mail.messageId === `<${resolution?.messageId}>`);
      expect(sent?.subject).toBe(resolution?.subject);
      expect(sent?.text).toContain('Your complaint');
      expect(sent?.text).toContain('Refunded the delivery fee of ¥12.');
    });

    it('writes to a Chinese-named customer in Chinese, and says so when nothing can reach the customer', async () => {
      const zh = await customer('王小明');
      const logged = logMutation(zh.id, { channel: 'call' });
      expect(await push(agent1, logged)).toMatchObject({ status: 'applied' });
      expect(await push(agent1, act(complaintIdOf(logged), { type: 'acknowledge' }))).toMatchObject({ status: 'applied' });
      const nobody = await customer('No Way', {});
      const silent = logMutation(nobody.id, { channel: 'sms' });
      expect(await push(agent1, silent)).toMatchObject({ status: 'applied' });
      expect(await push(agent1, act(complaintIdOf(silent), { type: 'acknowledge' }))).toMatchObject({ status: 'applied' });
      await t.hub.complaints.idle();

      const mail = (await timeline(zh.id)).find((i) => i.channel === 'email');
      const row = await t.hub.db.selectFrom('email_messages').select('data').where('id', '=', mail?.id ?? '').executeTakeFirstOrThrow();
      const message = readStoredJson<EmailMessage>(row.data);
      expect(message.subject).toContain(`我们已收到您的投诉 ${complaintNumberOf(complaintIdOf(logged))}`);
      expect(message.text).toContain('尊敬的王小明');
      const told = (await complaintLines(nobody.id, complaintIdOf(silent))).find((line) => line.step === 'customer-told');
      expect(told?.text).toBe('acknowledge: could not tell the customer — no phone number; no email address');
    });

    it('answers an SMS complaint by email when no text can go, and a chat complaint in the customer’s open chat', async () => {
      const texter = await customer('Sam Texter', { email: true, phone: true });
      const bySms = logMutation(texter.id, { channel: 'sms' });
      await push(agent1, bySms);
      await push(agent1, act(complaintIdOf(bySms), { type: 'acknowledge' }));

      const chatter = await customer('Chat Zhou');
      const now = Date.now();
      const conversation = {
        id: ulid(),
        widgetId: 'default',
        taskId: null,
        customerId: chatter.id,
        visitorId: ulid(),
        visitorName: 'Chat Zhou',
        visitorEmail: null,
        status: 'active',
        agentId: null,
        agentName: null,
        startedAt: now,
        endedAt: null,
        endReason: null,
      };
      const receipts = { conversationId: conversation.id, visitorDelivered: 0, visitorRead: 0, agentDelivered: 0, agentRead: 0 };
      await t.hub.db
        .insertInto('chat_conversations')
        .values({ id: conversation.id, widget_id: 'default', visitor_id: conversation.visitorId, task_id: null, customer_id: chatter.id, status: 'active', data: JSON.stringify({ conversation, receipts, locale: 'zh-CN', phone: null }), started_at: now, updated_at: now })
        .execute();
      const byChat = logMutation(chatter.id, { channel: 'chat' });
      await push(agent1, byChat);
      await push(agent1, act(complaintIdOf(byChat), { type: 'acknowledge' }));
      await t.hub.complaints.idle();

      const smsTold = (await complaintLines(texter.id, complaintIdOf(bySms))).find((line) => line.step === 'customer-told');
      expect(smsTold?.text).toMatch(/^acknowledge: told by email to cp-.* \(not by: SMS to \+86\d+ failed: no SMS provider is configured\)$/);
      const chatTold = (await complaintLines(chatter.id, complaintIdOf(byChat))).find((line) => line.step === 'customer-told');
      expect(chatTold?.text).toContain('acknowledge: told by chat [zh]');
      const lines = await t.hub.db.selectFrom('chat_lines').select('data').where('conversation_id', '=', conversation.id).execute();
      expect(lines.map((row) => readStoredJson<{ from: string; text: string }>(row.data))).toEqual([
        expect.objectContaining({ from: 'system', text: expect.stringContaining(`您的投诉已登记，编号 ${complaintNumberOf(complaintIdOf(byChat))}`) }),
      ]);
    });

    it('texts an SMS complaint’s customer through the provider, and files the text on the timeline', async () => {
      const received: URLSearchParams[] = [];
      const provider = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        request.on('end', () => {
          received.push(new URLSearchParams(body));
          response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${received.length}`, status: 'queued' }));
        });
      });
      await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
      const before = await readSmsSettings(t.hub.db);
      try {
        const { port } = provider.address() as AddressInfo;
        await saveSmsSettings(t.hub.db, { ...before, providerUrl: `http://127.0.0.1:${port}/send`, account: 'acct', secret: 'shh' });
        const c = await customer('Phone Only', { phone: true });
        const logged = logMutation(c.id, { channel: 'sms' });
        await push(agent1, logged);
        await push(agent1, act(complaintIdOf(logged), { type: 'acknowledge' }));
        await t.hub.complaints.idle();
        expect(received).toHaveLength(1);
        expect(received[0]?.get('To')).toMatch(/^\+86139100\d{5}$/);
        expect(received[0]?.get('From')).toBe(before.numbers[0]?.number);
        expect(received[0]?.get('Body')).toContain(`We have logged your complaint as ${complaintNumberOf(complaintIdOf(logged))}`);
        const texts = (await timeline(c.id)).filter((i) => i.channel === 'sms');
        expect(texts).toEqual([expect.objectContaining({ direction: 'outbound', to: received[0]?.get('To'), text: received[0]?.get('Body') })]);
        const told = (await complaintLines(c.id, complaintIdOf(logged))).find((line) => line.step === 'customer-told');
        expect(told?.text).toContain(`acknowledge: told by SMS to ${received[0]?.get('To')} [en]`);
      } finally {
        await saveSmsSettings(t.hub.db, before);
        await new Promise((resolve) => provider.close(resolve));
      }
    });

    it('refuses a step the workflow does not allow with its code, and keeps the complaint as it was', async () => {
      const c = await customer('Tom Wu');
      const logged = logMutation(c.id);
      const id = complaintIdOf(logged);
      await push(agent1, logged);
      await push(agent1, act(id, { type: 'resolve', note: 'Sorted on the first call.', rootCause: 'carrier' }));
      const before = await stored(id);

      const refused = await push(agent1, act(id, { type: 'acknowledge' }));
      expect(refused).toMatchObject({ status: 'rejected', error: { code: 'conflict', issues: [{ path: 'args.event.type', message: 'invalid-transition' }] } });
      expect(refused.status === 'rejected' && refused.error.message).toBe('Cannot acknowledge a complaint that is resolved.');
      expect(refused.status === 'rejected' && complaintRefusalCode(refused.error)).toBe('invalid-transition');
      expect(await stored(id)).toEqual(before);
      await t.hub.complaints.idle();
      expect((await complaintLines(c.id, id)).map((line) => line.step).sort()).toEqual(['customer-told', 'logged', 'resolve']);
    });

    it('names what a resolution lacks: the note, the root cause, a root cause in the list', async () => {
      const c = await customer('Ann Ho');
      const logged = logMutation(c.id);
      const id = complaintIdOf(logged);
      await push(agent1, logged);
      const noNote = await push(agent1, act(id, { type: 'resolve', note: '   ', rootCause: 'carrier' }));
      expect(noNote).toMatchObject({ status: 'rejected', error: { code: 'conflict', issues: [{ path: 'args.event.note', message: 'resolution-note-required' }] } });
      const noCause = await push(agent1, act(id, { type: 'resolve', note: 'Fixed.', rootCause: null }));
      expect(noCause).toMatchObject({ status: 'rejected', error: { code: 'conflict', issues: [{ path: 'args.event.rootCause', message: 'root-cause-required' }] } });
      const unknownCause = await push(agent1, act(id, { type: 'resolve', note: 'Fixed.', rootCause: 'gremlins' }));
      expect(unknownCause).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload', issues: [{ path: 'args.event.rootCause', message: 'unknown-root-cause' }] } });
      expect((await stored(id)).status).toBe('new');
    });

    it('refuses a category or sub-category outside the tree, a link to another customer’s history, and a reused id', async () => {
      const c = await customer('Li Na');
      const badCategory = await push(agent1, logMutation(c.id, { category: 'weather', subCategory: null }));
      expect(badCategory).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload', issues: [{ path: 'args.complaint.category', message: 'unknown-category' }] } });
      const badSub = await push(agent1, logMutation(c.id, { category: 'billing', subCategory: 'delivery.late' }));
      expect(badSub).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload', issues: [{ path: 'args.complaint.subCategory', message: 'unknown-sub-category' }] } });
      const other = await customer('Someone Else');
      const theirs: Interaction = { id: ulid(), customerId: other.id, occurredAt: Date.now(), agentId: null, channel: 'note', text: 'theirs' };
      await insertInteractions(t.hub.db, [theirs]);
      const badLink = await push(agent1, logMutation(c.id, { linkedInteractionIds: [theirs.id] }));
      expect(badLink).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload', issues: [{ path: 'args.complaint.linkedInteractionIds.0', message: 'not-this-customers' }] } });
      const stranger = await push(agent1, logMutation(c.id, { ownerId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', teamId: '01ARZ3NDEKTSV4RRFFQ69G5FAW' }));
      expect(stranger).toMatchObject({
        status: 'rejected',
        error: { code: 'invalid-payload', issues: [{ path: 'args.complaint.ownerId', message: 'unknown-owner' }, { path: 'args.complaint.teamId', message: 'unknown-team' }] },
      });
      const count = await t.hub.db.selectFrom('complaints').select('id').where('customer_id', '=', c.id).execute();
      expect(count).toHaveLength(0);

      const logged = logMutation(c.id);
      expect(await push(agent1, logged)).toMatchObject({ status: 'applied' });
      const again = { ...logged, id: ulid(), args: { ...(logged.args as object), lineId: ulid() } } as Mutation;
      expect(await push(agent1, again)).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
      const badAssign = await push(agent1, act(complaintIdOf(logged), { type: 'assign', ownerId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', teamId: null }));
      expect(badAssign).toMatchObject({ status: 'rejected', error: { code: 'invalid-payload', issues: [{ path: 'args.event.ownerId', message: 'unknown-owner' }] } });
    });

    it('answers a replayed mutation id as a duplicate, applied once', async () => {
      const c = await customer('Replay Chen');
      const logged = logMutation(c.id);
      const first = await push(agent1, logged);
      expect(first.status).toBe('applied');
      const second = await push(agent1, logged);
      expect(second).toMatchObject({ status: 'duplicate', seq: first.status === 'applied' ? first.seq : -1 });
      const ack = act(complaintIdOf(logged), { type: 'acknowledge' });
      await push(agent1, ack);
      expect(await push(agent1, ack)).toMatchObject({ status: 'duplicate' });
      expect((await complaintLines(c.id, complaintIdOf(logged))).filter((line) => line.step === 'acknowledge')).toHaveLength(1);
    });

    it('lets only the owner, their team or a supervisor act, and only supervisors and admins list every complaint or change settings', async () => {
      const c = await customer('Guarded Wang');
      const logged = logMutation(c.id);
      await push(agent1, logged);
      expect(await push(agent2, act(complaintIdOf(logged), { type: 'acknowledge' }))).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
      expect(await push(sup, act(complaintIdOf(logged), { type: 'acknowledge' }))).toMatchObject({ status: 'applied' });
      // A complaint held by a team (a queue) is open to every agent who works that queue.
      const team = expectOk(await agent2.emitWithAck('agent:desk', {})).profile?.queueIds[0];
      expect(team).toBeDefined();
      const teamed = logMutation(c.id, { teamId: team });
      await push(agent1, teamed);
      expect(await push(agent2, act(complaintIdOf(teamed), { type: 'acknowledge' }))).toMatchObject({ status: 'applied' });
      expect(expectOk(await agent2.emitWithAck('complaint:list', { scope: 'team' })).map((view) => view.id)).toContain(complaintIdOf(teamed));

      expect(expectError(await agent1.emitWithAck('complaint:list', { scope: 'all' })).code).toBe('forbidden');
      expect(expectError(await sup.emitWithAck('complaint:list', { scope: 'everyone' } as never))).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'scope' }] });
      expect(expectError(await sup.emitWithAck('admin:complaints:set', DEFAULT_COMPLAINT_SETTINGS)).code).toBe('forbidden');
      expect(expectError(await agent1.emitWithAck('admin:complaints:set', DEFAULT_COMPLAINT_SETTINGS)).code).toBe('forbidden');
      expect(expectOk(await agent1.emitWithAck('complaint:settings', {})).categories.map((category) => category.code)).toContain('delivery');
      const twice = { ...DEFAULT_COMPLAINT_SETTINGS, rootCauses: [...DEFAULT_COMPLAINT_SETTINGS.rootCauses, { code: 'carrier', en: 'Again', zh: '重复' }] };
      expect(expectError(await admin.emitWithAck('admin:complaints:set', twice))).toMatchObject({ code: 'invalid-payload', issues: [{ path: 'rootCauses.8.code' }] });
    });

    it('moves a customer’s complaints onto the survivor when an agent merges the two records', async () => {
      const from = await customer('Dup Zhang');
      const into = await customer('Keep Zhang');
      const logged = logMutation(from.id);
      await push(agent1, logged);
      const merge: Mutation = { id: ulid(), name: 'customer.merge', args: { survivorId: into.id, duplicateId: from.id, auditId: ulid() }, createdAt: Date.now() };
      expect(await push(agent1, merge)).toMatchObject({ status: 'applied' });
      expect((await stored(complaintIdOf(logged))).customerId).toBe(into.id);
      const row = await t.hub.db.selectFrom('complaints').select('customer_id').where('id', '=', complaintIdOf(logged)).executeTakeFirstOrThrow();
      expect(row.customer_id).toBe(into.id);
      // Its timeline lines moved with the rest of the duplicate's history.
      expect((await complaintLines(into.id, complaintIdOf(logged))).map((line) => line.step)).toContain('logged');
    });

    it('books the after-complaint satisfaction check when a complaint is resolved', async () => {
      const c = await customer('Check Back');
      const logged = logMutation(c.id);
      const id = complaintIdOf(logged);
      await push(agent1, logged);
      expect(await push(agent1, act(id, { type: 'resolve', note: 'Replaced the kettle.', rootCause: 'carrier' }))).toMatchObject({ status: 'applied' });
      // The rule's write is queued behind the resolve's commit, so it has landed by the time the next push is answered.
      expect(await push(agent1, act(id, { type: 'reopen', reason: 'Still broken' }))).toMatchObject({ status: 'applied' });
      const booked = await t.hub.db.selectFrom('follow_ups').select(['data']).where('customer_id', '=', c.id).execute();
      expect(booked).toHaveLength(1);
      const followUp = readStoredJson<{ kind: string; status: string; origin: string; dueAt: number }>(booked[0]?.data ?? '{}');
      expect(followUp).toMatchObject({ kind: 'complaint-check', status: 'scheduled', origin: 'after-complaint' });
      expect(followUp.dueAt).toBeGreaterThan(Date.now());
      // Resolving again after the reopen does not book a second one.
      expect(await push(agent1, act(id, { type: 'resolve', note: 'Refunded.', rootCause: 'carrier' }))).toMatchObject({ status: 'applied' });
      expect(await push(agent1, act(id, { type: 'close' }))).toMatchObject({ status: 'applied' });
      expect(await t.hub.db.selectFrom('follow_ups').select('id').where('customer_id', '=', c.id).execute()).toHaveLength(1);
    });

    it('escalates at 80 % to supervisors and at the breach to admins, once each, and not again after a restart', async () => {
      const settings: ComplaintSettings = {
        ...DEFAULT_COMPLAINT_SETTINGS,
        sla: {
          ...DEFAULT_COMPLAINT_SETTINGS.sla,
          firstResponse: { basis: 'elapsed', hours: { low: 10, medium: 10, high: 10, critical: 10 } },
          resolution: { basis: 'elapsed', hours: { low: 1000, medium: 1000, high: 1000, critical: 1000 } },
        },
      };
      expectOk(await admin.emitWithAck('admin:complaints:set', settings));
      const c = await customer('Late Liu');
      const logged = logMutation(c.id);
      const id = complaintIdOf(logged);
      await push(agent1, logged);
      const mine = () => notices.filter((n) => n.notice.complaintId === id);
      const escalated = async () => (await complaintLines(c.id, id)).filter((line) => line.step === 'escalated');

      t.clock.offsetMs += 7.9 * HOUR;
      await t.hub.complaints.sweep();
      expect(await escalated()).toHaveLength(0);

      t.clock.offsetMs += 0.2 * HOUR;
      await t.hub.complaints.sweep();
      await t.hub.complaints.sweep();
      await expect.poll(() => mine().length).toBe(1);
      expect(mine()[0]).toMatchObject({ to: 'supervisor', notice: { clock: 'first-response', reason: 'warning', level: 1, customerName: 'Late Liu' } });
      expect(await escalated()).toHaveLength(1);

      t.clock.offsetMs += 2 * HOUR;
      await t.hub.complaints.sweep();
      await expect.poll(() => mine().length).toBe(3);
      expect(mine().slice(1).map((n) => n.to).sort()).toEqual(['admin', 'supervisor']);
      expect(mine()[1]?.notice).toMatchObject({ clock: 'first-response', reason: 'breach', level: 2 });
      const lines = await escalated();
      expect(lines.map((line) => line.text)).toEqual([expect.stringContaining('first-response warning at 80 % → level 1'), expect.stringContaining('first-response breach at 100 % → level 2')]);

      // A restart on the same store, the clock still late: nothing goes out twice.
      const offset = t.clock.offsetMs;
      await t.close();
      t = await startTestHub(store, hubEnv());
      t.clock.offsetMs = offset + HOUR;
      await connectAll();
      await t.hub.complaints.sweep();
      await t.hub.complaints.idle();
      expect(await escalated()).toHaveLength(2);
      expect(mine()).toHaveLength(3);

      // Acknowledging stops the first-response clock: nothing more, however late it gets.
      await push(agent1, act(id, { type: 'acknowledge' }));
      t.clock.offsetMs += 24 * HOUR;
      await t.hub.complaints.sweep();
      await t.hub.complaints.idle();
      expect(await escalated()).toHaveLength(2);
    });

    it('sends an escalation when its timer fires, without being asked', async () => {
      // The clock ran a day past the sessions of the test before.
      await connectAll();
      const settings = expectOk(await admin.emitWithAck('complaint:settings', {}));
      // 2.16 s to first response: the warning falls due about 1.7 s after logging.
      const quick = { low: 0.0006, medium: 0.0006, high: 0.0006, critical: 0.0006 };
      expectOk(await admin.emitWithAck('admin:complaints:set', { ...settings, sla: { ...settings.sla, firstResponse: { basis: 'elapsed', hours: quick } } }));
      const c = await customer('Timer Tan');
      const logged = logMutation(c.id);
      await push(agent1, logged);
      await expect.poll(() => notices.filter((n) => n.notice.complaintId === complaintIdOf(logged) && n.to === 'supervisor').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      expect(notices.find((n) => n.notice.complaintId === complaintIdOf(logged))?.notice).toMatchObject({ clock: 'first-response', reason: 'warning', level: 1 });
    });
  });
}
