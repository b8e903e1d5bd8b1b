import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../shared/domain/email';
import { demoQueues } from '../../hub/routing/demo-routing';
import { encodedWordB, plainMessage } from '../fixtures/email/compose';
import { type Desktop, expectOk, startTestHub, type TestHub } from '../integration/helpers/test-hub';
import { sqliteTestStore, type TestStore } from '../integration/helpers/test-stores';
import { type RunningDovecot, startDovecot } from './helpers/dovecot';

const MAILBOX = 'service@example.cn';

let dovecot: RunningDovecot;
let store: TestStore;
let t: TestHub;
let admin: Desktop;
/** The test's own IMAP session, as the company's mail server delivering and a person checking flags. */
let imap: ImapFlow;

beforeAll(async () => {
  dovecot = await startDovecot();
  store = await sqliteTestStore();
  t = await startTestHub(store);
  admin = await t.desktop('admin');
  imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await imap.connect();
});

afterAll(async () => {
  await imap?.logout().catch(() => undefined);
  await t?.close();
  await store?.cleanup();
  await dovecot?.stop();
});

async function storedMessages(): Promise<EmailMessage[]> {
  const rows = await t.hub.db.selectFrom('email_messages').select('data').orderBy('at').execute();
  return rows.map((row) => JSON.parse(row.data) as EmailMessage);
}

/** Polls the hub's store until `count` mails are in it. */
async function waitForMessages(count: number, timeoutMs = 10_000): Promise<EmailMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await storedMessages();
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) throw new Error(`only ${messages.length} of ${count} mails arrived\n${dovecot.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function seenFlags(): Promise<Map<string, boolean>> {
  const lock = await imap.getMailboxLock('INBOX');
  try {
    const flags = new Map<string, boolean>();
    for await (const message of imap.fetch('1:*', { envelope: true, flags: true })) {
      flags.set(message.envelope?.messageId ?? '', message.flags?.has('\\Seen') ?? false);
    }
    return flags;
  } finally {
    lock.release();
  }
}

describe('an IMAP mailbox polled with IDLE (Dovecot)', () => {
  it('reads the mail already waiting once the admin configures the mailbox, and marks it seen only after storing it', async () => {
    await imap.append('INBOX', readFileSync(new URL('../fixtures/email/big5.eml', import.meta.url)));
    await imap.append('INBOX', readFileSync(new URL('../fixtures/email/hostile/no-sender.eml', import.meta.url)));
    expect([...(await seenFlags()).values()]).toEqual([false, false]);

    const settings = expectOk(await admin.emitWithAck('admin:email:get', {}));
    const [general] = demoQueues();
    const imapAccount = { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, folder: 'INBOX', password: dovecot.password };
    const saved = expectOk(await admin.emitWithAck('admin:email:set', { ...settings, mailboxes: [...settings.mailboxes, { address: MAILBOX, queueId: general?.id ?? '', imap: imapAccount }] }));
    expect(saved.mailboxes.find((m) => m.address === MAILBOX)?.imap).toMatchObject({ passwordSet: true, host: dovecot.host });

    const [big5] = await waitForMessages(1);
    expect(big5).toMatchObject({ subject: '訂單查詢', text: '您好，請問我的訂單何時出貨？謝謝。', from: { name: '陳大文' } });
    const thread = await t.hub.db.selectFrom('email_threads').select('data').where('id', '=', big5?.threadId ?? '').executeTakeFirstOrThrow();
    expect(JSON.parse(thread.data)).toMatchObject({ mailbox: MAILBOX, queueId: general?.id });
    // The mail with no sender was quarantined, which also counts as stored: both are marked seen.
    const deadline = Date.now() + 5_000;
    while ([...(await seenFlags()).values()].includes(false) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await seenFlags()).toEqual(new Map([['<big5.eml@example.cn>', true], ['<no-sender@example.com>', true]]));
    const quarantined = expectOk(await admin.emitWithAck('admin:email:quarantine', { limit: 10 }));
    expect(quarantined).toEqual([expect.objectContaining({ source: `imap:${MAILBOX}`, subject: 'who am I' })]);
  });

  it('picks up new mail as IDLE announces it', async () => {
    const started = Date.now();
    await imap.append('INBOX', plainMessage({ From: 'Wang Fang <gbk@example.cn>', To: MAILBOX, Subject: encodedWordB('新的问题', 'GBK'), 'Message-ID': '<idle-1@example.cn>' }, '新邮件', 'GBK'));
    const messages = await waitForMessages(2, 5_000);
    expect(messages[1]).toMatchObject({ messageId: 'idle-1@example.cn', subject: '新的问题', text: '新邮件' });
    // IDLE, not a slow poll: the hub hears of it at once.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reconnects by itself when the IMAP server goes away and comes back', async () => {
    const { port } = dovecot;
    await imap.logout().catch(() => undefined);
    await dovecot.stop();
    // The same address, an empty mailbox: as a mail server restarted with its store elsewhere.
    dovecot = await startDovecot({ port });
    imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    await imap.append('INBOX', plainMessage({ From: 'back@example.cn', To: MAILBOX, Subject: 'after the restart', 'Message-ID': '<after-restart@example.cn>' }, 'still here'));
    const messages = await waitForMessages(3, 15_000);
    expect(messages.map((m) => m.messageId)).toContain('after-restart@example.cn');
  });

  it('stops reading a mailbox the admin removes', async () => {
    const settings = expectOk(await admin.emitWithAck('admin:email:get', {}));
    const kept = settings.mailboxes.filter((m) => m.address !== MAILBOX).map((m) => ({ ...m, imap: null }));
    expectOk(await admin.emitWithAck('admin:email:set', { ...settings, mailboxes: kept }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await imap.append('INBOX', plainMessage({ From: 'late@example.cn', To: MAILBOX, Subject: 'late', 'Message-ID': '<late@example.cn>' }, 'late'));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await storedMessages()).map((m) => m.messageId)).not.toContain('late@example.cn');
    expect((await seenFlags()).get('<late@example.cn>')).toBe(false);
  });
});
