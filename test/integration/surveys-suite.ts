import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCustomers } from '../../hub/db/customer-queries';
import { insertIdentities } from '../../hub/db/identity-queries';
import type { Interaction } from '../../shared/domain/interaction';
import type { Queue } from '../../shared/domain/routing';
import type { Change } from '../../shared/protocol/changes';
import type { Response } from '../../shared/protocol/errors';
import type { Mutation } from '../../shared/protocol/mutations';
import type { TaskOffer, TaskView } from '../../shared/protocol/routing';
import { SURVEY_PATHS, type SurveySettings } from '../../shared/protocol/surveys';
import { DEFAULT_SURVEY_SETTINGS } from '../../shared/surveys/survey-rules';
import { createSmtpRelay } from './helpers/smtp-relay';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const MAILBOX = 'support@switchboard.local';
const CUSTOMER_MAIL = 'wang.fang@example.cn';
const DAY = 86_400_000;

const readAll = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => resolve(body));
  });

const until = async (check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

function next<T>(socket: Desktop, name: 'task:offer' | 'sync:changes', match: (value: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, listener);
      reject(new Error(`no matching ${name} arrived`));
    }, timeoutMs);
    const listener = (value: unknown) => {
      if (!match(value as T)) return;
      clearTimeout(timer);
      socket.off(name, listener);
      resolve(value as T);
    };
    socket.on(name, listener);
  });
}

const rawMail = (subject: string) =>
  Buffer.from(
    [
      `From: Wang Fang <${CUSTOMER_MAIL}>`,
      `To: ${MAILBOX}`,
      `Subject: ${subject}`,
      `Message-ID: <survey-${Date.now()}@mail.example.cn>`,
      'Date: Tue, 24 Nov 2026 10:00:00 +0800',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '我的订单还没到。',
      '',
    ].join('\r\n'),
  );

/** The link's token as a mail or text carries it. */
const tokenIn = (text: string): string => {
  const match = /\/survey\/([A-Za-z0-9_-]{22})\?lang=(en|zh-CN)/.exec(text);
  if (!match?.[1]) throw new Error(`no survey link in: ${text}`);
  return match[1];
};

/**
 * Satisfaction surveys end to end on the hub: a finished task surveys its
 * customer by the channel it came in on (a mail through a real SMTP relay, a
 * text through a stand-in provider), the customer answers through the link
 * (page and JSON), the answer lands on the timeline and in the reports' CSAT
 * column, and every bad link gets its own answer. Steps build on each other.
 */
export function defineSurveysSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`surveys on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;
    let sup: Desktop;
    let a1: Desktop;
    let general: Queue;
    const relay = createSmtpRelay();
    const mails = relay.received;
    let provider: Server;
    const texts: URLSearchParams[] = [];
    let smsCustomerId = '';
    let smsToken = '';
    let mailToken = '';
    let mailCustomerId = '';
    let settings: SurveySettings;

    const answer = async (body: unknown) => {
      const response = await fetch(`${t.hub.url}${SURVEY_PATHS.answer}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, json: (await response.json()) as Response<{ surveyId: string }> };
    };
    const page = async (token: string, init: RequestInit = {}, lang = 'en') => {
      const response = await fetch(`${t.hub.url}${SURVEY_PATHS.page}${token}?lang=${lang}`, init);
      return { status: response.status, html: await response.text(), csp: response.headers.get('content-security-policy') ?? '' };
    };
    const surveyRows = () => t.hub.db.selectFrom('surveys').selectAll().orderBy('sent_at').execute();

    /** Offered to agent1, accepted, ended and wrapped up: the task reaches `done`. */
    async function workToDone(open: () => Promise<unknown>): Promise<TaskView> {
      const offered = next<TaskOffer>(a1, 'task:offer');
      await open();
      const { task } = await offered;
      expectOk(await a1.emitWithAck('task:accept', { taskId: task.id }));
      expectOk(await a1.emitWithAck('task:complete', { taskId: task.id }));
      const disposition = general.dispositions[0];
      return expectOk(await a1.emitWithAck('task:wrapup', { taskId: task.id, note: 'done', ...(disposition ? { disposition } : {}) }));
    }

    beforeAll(async () => {
      await relay.start();
      provider = createServer((request, response) => {
        void readAll(request).then((body) => {
          texts.push(new URLSearchParams(body));
          response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${texts.length}`, status: 'queued' }));
        });
      });
      await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, SMTP_RELAY_URL: relay.url, ACCESS_TTL_SEC: '86400' });
      [admin, sup, a1] = await Promise.all([t.desktop('admin'), t.desktop('supervisor'), t.desktop('agent1')]);
      const queues = expectOk(await admin.emitWithAck('admin:queue:list', {}));
      general = queues.find((queue) => queue.name.startsWith('General')) as Queue;
      const sms = expectOk(await admin.emitWithAck('admin:sms:get', {}));
      const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/Messages.json`;
      expectOk(await admin.emitWithAck('admin:sms:set', { providerUrl, account: 'AC1', secret: 's3cret', publicUrl: null, numbers: sms.numbers }));
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
      const withPhone = await t.hub.db.selectFrom('identities').select('customer_id').where('kind', '=', 'phone').orderBy('id').limit(1).executeTakeFirstOrThrow();
      smsCustomerId = withPhone.customer_id;
    });

    afterAll(async () => {
      await t?.close();
      await new Promise((resolve) => provider?.close(resolve));
      await relay.stop();
      await store?.cleanup();
    });

    it('keeps surveys off until an admin turns them on, and lets only an admin change them', async () => {
      expect(expectOk(await sup.emitWithAck('admin:surveys:get', {}))).toEqual(DEFAULT_SURVEY_SETTINGS);
      settings = { ...DEFAULT_SURVEY_SETTINGS, channels: { email: true, sms: true, call: true, chat: true }, quietDays: 0 };
      expect(expectError(await a1.emitWithAck('admin:surveys:set', settings)).code).toBe('forbidden');
      expect(expectError(await sup.emitWithAck('admin:surveys:set', settings)).code).toBe('forbidden');
      const bad = expectError(await admin.emitWithAck('admin:surveys:set', { ...settings, smsTemplate: { en: 'Rate us', zh: '请评分 {link}' } }));
      expect(bad.code).toBe('invalid-payload');
      expect(bad.issues?.[0]?.path).toBe('smsTemplate');
      expect(expectError(await admin.emitWithAck('admin:surveys:set', { ...settings, expiryDays: 0 })).issues?.[0]?.path).toBe('expiryDays');
      expect(expectOk(await admin.emitWithAck('admin:surveys:set', settings))).toEqual(settings);
    });

    it('texts a link when an SMS task is done', async () => {
      const task = await workToDone(() => sup.emitWithAck('task:create', { channel: 'sms', queueId: general.id, customerId: smsCustomerId, subject: 'Survey by SMS' }));
      await until(() => texts.length === 1, 'the survey text');
      const text = texts[0] as URLSearchParams;
      smsToken = tokenIn(text.get('Body') ?? '');
      const phone = await t.hub.db.selectFrom('identities').select('value').where('customer_id', '=', smsCustomerId).where('kind', '=', 'phone').orderBy('id').executeTakeFirstOrThrow();
      expect(text.get('To')).toBe(phone.value);
      const [row] = await surveyRows();
      expect(row).toMatchObject({ kind: 'task', subject_id: task.id, customer_id: smsCustomerId, queue_id: general.id, channel: 'sms', answered_at: null, csat: null });
      // Only the hash is stored.
      expect(JSON.stringify(row)).not.toContain(smsToken);
    });

    it('mails a link on the email thread when an email task is done, through the outbox', async () => {
      const task = await workToDone(() => t.hub.email.receive(rawMail('订单未到'), { via: 'smtp', recipients: [MAILBOX] }));
      await until(() => mails.length === 1, 'the survey mail');
      const mail = mails[0] as ParsedMail;
      mailToken = tokenIn(mail.text ?? '');
      expect(mail.text).toContain('lang=zh-CN');
      expect(mail.subject).toContain('满意度调查');
      const rows = await surveyRows();
      const row = rows.find((candidate) => candidate.subject_id === task.id);
      expect(row).toMatchObject({ channel: 'email', locale: 'zh-CN' });
      mailCustomerId = row?.customer_id ?? '';
      // One survey per task, however the steps go on.
      expect(rows).toHaveLength(2);
    });

    it('serves the survey page in the link language with a strict policy and no script', async () => {
      const zh = await page(mailToken, {}, 'zh-CN');
      expect(zh.status).toBe(200);
      expect(zh.html).toContain('<html lang="zh-CN">');
      expect(zh.html).toContain('您对本次服务的满意程度如何？');
      expect(zh.html).not.toContain('<script');
      expect(zh.csp).toContain("default-src 'none'");
      expect(zh.csp).not.toContain('unsafe-inline');
      const en = await page(smsToken);
      expect(en.html).toContain('How satisfied are you');
      // NPS is off: the page does not ask it.
      expect(en.html).not.toContain('name="nps"');
    });

    it('refuses a forged or malformed link with 404, on the page and the API', async () => {
      const forged = 'AAAAAAAAAAAAAAAAAAAAAA';
      const shown = await page(forged);
      expect(shown.status).toBe(404);
      expect(shown.html).toContain('Not a valid survey link');
      const api = await answer({ token: forged, csat: 4 });
      expect(api.status).toBe(404);
      expect(expectError(api.json)).toMatchObject({ code: 'not-found', message: 'This is not a valid survey link.' });
      expect((await answer({ token: '../../etc/passwd', csat: 4 })).status).toBe(404);
      expect((await page('%ZZ<script>')).status).toBe(404);
    });

    it('refuses an out-of-range score with 400 and says which field', async () => {
      const api = await answer({ token: smsToken, csat: 7, comment: 'x' });
      expect(api.status).toBe(400);
      const error = expectError(api.json);
      expect(error.code).toBe('invalid-payload');
      expect(error.issues?.map((issue) => issue.path)).toEqual(['csat']);
      expect((await answer({ token: smsToken, csat: 3, comment: 'y'.repeat(2001) })).status).toBe(400);
      expect((await answer({ token: smsToken, csat: '4' })).status).toBe(400);
      const form = await page(smsToken, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csat: '9' }) });
      expect(form.status).toBe(400);
      expect(form.html).toContain('Please choose a score from 1 to 5');
      expect(form.html).toContain('name="csat"');
      // Nothing was recorded.
      expect((await surveyRows()).every((row) => row.answered_at === null)).toBe(true);
    });

    it('files an answer from the page on the timeline, to every desktop, once', async () => {
      const before = (await t.hub.db.selectFrom('sync_head').select('seq').executeTakeFirstOrThrow()).seq;
      const broadcast = next<Change[]>(a1, 'sync:changes', (changes) => changes.some((change) => change.entity === 'interaction' && change.data.channel === 'survey'));
      const form = new URLSearchParams({ csat: '4', comment: '很好\u0007，谢谢' });
      const posted = await page(mailToken, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }, 'zh-CN');
      expect(posted.status).toBe(200);
      expect(posted.html).toContain('谢谢！');
      const change = (await broadcast).find((candidate) => candidate.entity === 'interaction' && candidate.data.channel === 'survey');
      expect(change?.seq).toBeGreaterThan(Number(before));
      const line = change?.data as Interaction;
      expect(line).toMatchObject({ channel: 'survey', customerId: mailCustomerId, csat: 4, nps: null, comment: '很好，谢谢', about: { kind: 'task' }, queueId: general.id });
      const stored = await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', mailCustomerId).where('channel', '=', 'survey').execute();
      expect(stored).toHaveLength(1);
      const row = (await surveyRows()).find((candidate) => candidate.customer_id === mailCustomerId);
      expect(row).toMatchObject({ csat: 4, comment: '很好，谢谢' });
      expect(row?.answered_at).not.toBeNull();
    });

    it('refuses a reused link with 409 and keeps the first answer', async () => {
      const again = await page(mailToken, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csat: '1' }) });
      expect(again.status).toBe(409);
      expect(again.html).toContain('already been answered');
      const api = await answer({ token: mailToken, csat: 1 });
      expect(api.status).toBe(409);
      expect(expectError(api.json).code).toBe('conflict');
      expect((await page(mailToken)).status).toBe(409);
      expect((await surveyRows()).find((row) => row.customer_id === mailCustomerId)?.csat).toBe(4);
    });

    it('answers by JSON (the widget path), and the report CSAT column shows the answers', async () => {
      const api = await answer({ token: smsToken, csat: 2, comment: 'slow' });
      expect(api.status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      const report = expectOk(await sup.emitWithAck('report:run', { from: today, to: today, timeZone: 'UTC', groupBy: 'queue' }));
      expect(report.csatCollected).toBe(true);
      expect(report.lines.find((line) => line.key === general.id)?.csat).toBe(3);
      const byChannel = expectOk(await sup.emitWithAck('report:run', { from: today, to: today, timeZone: 'UTC', groupBy: 'channel' }));
      expect(byChannel.lines.find((line) => line.key === 'email')?.csat).toBe(4);
      expect(byChannel.lines.find((line) => line.key === 'sms')?.csat).toBe(2);
    });

    it('asks the 0–10 question when NPS is on, and refuses an answer without it', async () => {
      settings = { ...settings, nps: true };
      expectOk(await admin.emitWithAck('admin:surveys:set', settings));
      await workToDone(() => sup.emitWithAck('task:create', { channel: 'sms', queueId: general.id, customerId: smsCustomerId, subject: 'Survey with NPS' }));
      await until(() => texts.length === 2, 'the second survey text');
      const token = tokenIn((texts[1] as URLSearchParams).get('Body') ?? '');
      expect((await page(token)).html).toContain('name="nps"');
      const missing = await answer({ token, csat: 5 });
      expect(missing.status).toBe(400);
      expect(expectError(missing.json).issues?.[0]?.path).toBe('nps');
      expect((await answer({ token, csat: 5, nps: 11 })).status).toBe(400);
      expect((await answer({ token, csat: 5, nps: 9 })).status).toBe(200);
      const line = await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', smsCustomerId).where('channel', '=', 'survey').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(JSON.parse(line.data)).toMatchObject({ csat: 5, nps: 9 });
    });

    it('does not survey a customer again within the quiet period', async () => {
      expectOk(await admin.emitWithAck('admin:surveys:set', { ...settings, quietDays: 30 }));
      const before = (await surveyRows()).length;
      await workToDone(() => sup.emitWithAck('task:create', { channel: 'sms', queueId: general.id, customerId: smsCustomerId, subject: 'Too soon' }));
      expect(await surveyRows()).toHaveLength(before);
      expect(texts).toHaveLength(2);
    });

    it('surveys a closed complaint by text when complaint surveys are on, and files the answer about the complaint', async () => {
      settings = { ...settings, nps: false, complaints: true, quietDays: 0 };
      expectOk(await admin.emitWithAck('admin:surveys:set', settings));
      const now = Date.now();
      const customer = { id: ulid(), number: `S${label.length}00001`, name: 'Zhao Min', company: null, tags: [], tier: 'ordinary' as const, createdAt: now, updatedAt: now };
      await insertCustomers(t.hub.db, [customer]);
      const phone = '+8613910099001';
      await insertIdentities(t.hub.db, [{ id: ulid(), customerId: customer.id, kind: 'phone', value: phone }]);
      const complaintId = ulid();
      const envelope = (name: 'complaint.log' | 'complaint.act', args: unknown): Mutation => ({ id: ulid(), name, args, createdAt: Date.now() }) as Mutation;
      const push = async (mutation: Mutation) => expectOk(await a1.emitWithAck('mutation:push', { mutations: [mutation] })).results[0];
      const act = (event: Record<string, unknown>) => envelope('complaint.act', { complaintId, lineId: ulid(), event: { ...event, at: t.clock.now(), by: 'desk' } });
      expect(
        await push(
          envelope('complaint.log', {
            lineId: ulid(),
            complaint: {
              id: complaintId,
              customerId: customer.id,
              channel: 'call',
              category: 'delivery',
              subCategory: 'delivery.late',
              severity: 'medium',
              description: 'Parcel late.',
              customerRequest: '',
              orderRefs: [],
              at: t.clock.now(),
            },
          }),
        ),
      ).toMatchObject({ status: 'applied' });
      expect(await push(act({ type: 'resolve', note: 'Delivered today.', rootCause: 'carrier' }))).toMatchObject({ status: 'applied' });
      expect(await surveyRows()).not.toContainEqual(expect.objectContaining({ subject_id: complaintId }));
      expect(await push(act({ type: 'close' }))).toMatchObject({ status: 'applied' });
      const surveyText = () => texts.find((text) => text.get('To') === phone && /\/survey\//.test(text.get('Body') ?? ''));
      await until(() => surveyText() !== undefined, 'the complaint survey text');
      const row = (await surveyRows()).find((candidate) => candidate.subject_id === complaintId);
      expect(row).toMatchObject({ kind: 'complaint', customer_id: customer.id, channel: 'sms', queue_id: null });
      expect((await answer({ token: tokenIn(surveyText()?.get('Body') ?? ''), csat: 5 })).status).toBe(200);
      const line = await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', customer.id).where('channel', '=', 'survey').executeTakeFirstOrThrow();
      expect(JSON.parse(line.data)).toMatchObject({ csat: 5, about: { kind: 'complaint', id: complaintId }, queueId: null });
    });

    it('rate-limits one address with 429 and says when to come back', async () => {
      const forged = 'BBBBBBBBBBBBBBBBBBBBBB';
      const answers = await Promise.all(Array.from({ length: 80 }, () => fetch(`${t.hub.url}${SURVEY_PATHS.page}${forged}`)));
      const limited = answers.filter((response) => response.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answers.filter((response) => response.status === 404).length).toBeGreaterThan(0);
      const api = await answer({ token: forged, csat: 4 });
      expect(api.status).toBe(429);
      expect(expectError(api.json).code).toBe('rate-limited');
      // The bucket refills on the hub's clock.
      t.clock.offsetMs += 120_000;
    });

    it('refuses an expired link with 410', async () => {
      // A survey nobody answers, to another customer with a phone.
      const other = await t.hub.db.selectFrom('identities').select('customer_id').where('kind', '=', 'phone').where('customer_id', '!=', smsCustomerId).orderBy('id').limit(1).executeTakeFirstOrThrow();
      const sent = texts.length;
      await workToDone(() => sup.emitWithAck('task:create', { channel: 'sms', queueId: general.id, customerId: other.customer_id, subject: 'Never answered' }));
      await until(() => texts.length === sent + 1, 'the survey text');
      const token = tokenIn((texts.at(-1) as URLSearchParams).get('Body') ?? '');
      expect((await page(token)).status).toBe(200);
      const before = t.clock.offsetMs;
      t.clock.offsetMs = before + 15 * DAY;
      try {
        const shown = await page(token);
        expect(shown.status).toBe(410);
        expect(shown.html).toContain('expired');
        const api = await answer({ token, csat: 3 });
        expect(api.status).toBe(410);
        expect(expectError(api.json).code).toBe('token-expired');
        // An answered link stays "already answered" after expiry: the customer is thanked, not told off.
        expect((await page(mailToken)).status).toBe(409);
      } finally {
        t.clock.offsetMs = before;
      }
    });
  });
}
