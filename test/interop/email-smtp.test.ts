import { createServer } from 'node:net';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../shared/domain/email';
import type { TaskOffer } from '../../shared/protocol/routing';
import { freeTcpPort } from '../../scripts/kamailio';
import { type Desktop, expectOk, startTestHub, type TestHub } from '../integration/helpers/test-hub';
import { sqliteTestStore, type TestStore } from '../integration/helpers/test-stores';
import { TINY_PDF, TINY_PNG } from '../fixtures/email/compose';

const SUPPORT = 'support@switchboard.local';

let store: TestStore;
let t: TestHub;
let a1: Desktop;
let transport: Transporter;

beforeAll(async () => {
  store = await sqliteTestStore();
  const smtpPort = await freeTcpPort('127.0.0.1', []);
  t = await startTestHub(store, { SMTP_PORT: String(smtpPort) });
  expect(t.hub.smtpPort).toBe(smtpPort);
  a1 = await t.desktop('agent1');
  // A real SMTP client, as a customer's mail server (or the company's forwarding rule) would connect.
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, name: 'mx.example.cn' });
});

afterAll(async () => {
  transport?.close();
  await t?.close();
  await store?.cleanup();
});

const offerOf = (desktop: Desktop): Promise<TaskOffer> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no email offer')), 5_000);
    const listener = (offer: TaskOffer) => {
      if (offer.task.channel !== 'email') return;
      clearTimeout(timer);
      desktop.off('task:offer', listener);
      resolve(offer);
    };
    desktop.on('task:offer', listener);
  });

describe("mail into the hub's SMTP listener", () => {
  it('is parsed, threaded, stored and offered to an agent (GBK subject, HTML with an inline image, an attachment)', async () => {
    expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
    const offered = offerOf(a1);
    const sent = await transport.sendMail({
      from: { name: '李娜', address: 'li.na@example.cn' },
      to: SUPPORT,
      subject: '发票还没有收到',
      text: '您好，请补开发票。',
      html: '<p>您好，请补开发票。</p><img src="cid:logo@example.cn">',
      attachments: [
        { filename: 'logo.png', content: TINY_PNG, cid: 'logo@example.cn' },
        { filename: '订单.pdf', content: TINY_PDF },
      ],
      textEncoding: 'base64',
      headers: { 'Content-Language': 'zh-CN' },
    });
    expect(sent.rejected).toEqual([]);
    const offer = await offered;
    expect(offer.task.subject).toBe('李娜: 发票还没有收到');
    expectOk(await a1.emitWithAck('task:accept', { taskId: offer.task.id }));
    const { thread, messages } = expectOk(await a1.emitWithAck('email:open', { taskId: offer.task.id }));
    expect(thread.customerAddress).toBe('li.na@example.cn');
    const [message] = messages as [EmailMessage];
    expect(message.messageId).toBe(sent.messageId.replace(/^<|>$/g, ''));
    expect(message.text.trim()).toBe('您好，请补开发票。');
    expect(message.html).toContain('cid:logo@example.cn');
    expect(message.attachments.map((a) => [a.name, a.mimeType, a.cid])).toEqual([
      ['logo.png', 'image/png', 'logo@example.cn'],
      ['订单.pdf', 'application/pdf', null],
    ]);
  });

  it('threads the customer’s reply (In-Reply-To) into the same conversation', async () => {
    const [first] = await t.hub.db.selectFrom('email_messages').selectAll().orderBy('at').execute();
    const original = JSON.parse(first?.data ?? '{}') as EmailMessage;
    await transport.sendMail({ from: 'li.na@example.cn', to: SUPPORT, subject: 'Re: 发票还没有收到', text: '补充：订单号 5521', inReplyTo: `<${original.messageId}>`, references: [`<${original.messageId}>`] });
    const rows = await t.hub.db.selectFrom('email_messages').select(['thread_id']).execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.thread_id)).size).toBe(1);
  });

  it('answers 451 when it cannot store a mail, so the sender keeps it and the retry is filed', async () => {
    const mail = { from: 'retry@example.cn', to: SUPPORT, subject: 'try again', text: 'kept by the sender', messageId: '<retry-1@example.cn>' };
    // The store breaks under the hub (a table gone stands in for a full disk or a lost database).
    await sql`alter table email_messages rename to email_messages_away`.execute(t.hub.db);
    try {
      await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      await sql`alter table email_messages_away rename to email_messages`.execute(t.hub.db);
    }
    await transport.sendMail(mail);
    const rows = await t.hub.db.selectFrom('email_messages').select('message_id').where('message_id', '=', 'retry-1@example.cn').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses recipients it does not serve (no relaying) with 550', async () => {
    await expect(transport.sendMail({ from: 'spam@example.net', to: 'someone@elsewhere.example', subject: 'relay?', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses a message over the size limit with 552 and stores nothing of it', async () => {
    const admin = await t.desktop('admin');
    const settings = expectOk(await admin.emitWithAck('admin:email:get', {}));
    expectOk(await admin.emitWithAck('admin:email:set', { ...settings, maxMessageBytes: 64 * 1024 }));
    const before = (await t.hub.db.selectFrom('email_messages').select('id').execute()).length;
    await expect(transport.sendMail({ from: 'big@example.cn', to: SUPPORT, subject: 'big', text: 'x', attachments: [{ filename: 'scan.pdf', content: Buffer.alloc(200 * 1024, 0x41) }] })).rejects.toMatchObject({ responseCode: 552 });
    expect((await t.hub.db.selectFrom('email_messages').select('id').execute()).length).toBe(before);
    expectOk(await admin.emitWithAck('admin:email:set', settings));
  });
});

describe('a taken SMTP port', () => {
  it('leaves the hub running without its listener', async () => {
    const port = await freeTcpPort('127.0.0.1', []);
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    const other = await sqliteTestStore();
    try {
      const second = await startTestHub(other, { SMTP_PORT: String(port) });
      expect(second.hub.smtpPort).toBeNull();
      expect((await second.login('agent1')).accessToken).toBeTruthy();
      await second.close();
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
      await other.cleanup();
    }
  });
});
