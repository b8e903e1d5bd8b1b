import { readdirSync, readFileSync } from 'node:fs';
import type { WindowLike } from 'dompurify';
import { JSDOM } from 'jsdom';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeTcpPort } from '../../scripts/kamailio';
import { sanitiseEmailHtml } from '../../renderer/features/email/sanitise-email';
import type { EmailMessage } from '../../shared/domain/email';
import { mutate, seededRandom } from '../fixtures/seeded-mutations';
import { expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import { TEST_STORES, type TestStore } from './helpers/test-stores';

/**
 * The MIME fuzz corpus (test/fixtures/mime-corpus/, written by its
 * make-corpus.ts) and seeded mutations of it, sent to the hub's own SMTP
 * listener as a customer's mail server would. Every mail is accepted and
 * either filed (a message on a thread) or quarantined with its reason: none
 * is lost, none fails the hub. A filed mail's HTML, put through the
 * renderer's own sanitiser, keeps no script, handler, frame or javascript:
 * URL, and its attachments' names are safe to show and to save under.
 *
 * Replay the mutations with FUZZ_SEED=…; more with FUZZ_RUNS=….
 */

const SEED = Number(process.env.FUZZ_SEED ?? 2047);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SUPPORT = 'support@switchboard.local';
const CORPUS = new URL('../fixtures/mime-corpus/', import.meta.url);
const FILES = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.eml'))
  .sort();

type Outcome = { kind: 'filed' } | { kind: 'quarantined'; reason: RegExp };

/** What becomes of each file: filed (with notes for what was odd about it) or quarantined, and why. */
const EXPECTED: Record<string, Outcome> = {
  '8bit-headers.eml': { kind: 'filed' },
  'bare-lf.eml': { kind: 'filed' },
  'base64-garbage.eml': { kind: 'filed' },
  'big5-label-gbk-bytes.eml': { kind: 'filed' },
  'boundary-mismatch.eml': { kind: 'filed' },
  'boundary-prefix-of-another.eml': { kind: 'filed' },
  'cid-loop.eml': { kind: 'filed' },
  'content-type-garbage.eml': { kind: 'filed' },
  // SMTP carries lines ending in CRLF: the lone CRs arrive as line ends.
  'cr-only.eml': { kind: 'filed' },
  'duplicated-headers.eml': { kind: 'filed' },
  'empty.eml': { kind: 'quarantined', reason: /no readable sender/ },
  'filenames-spoofed.eml': { kind: 'filed' },
  'filenames-traversal.eml': { kind: 'filed' },
  'from-not-an-address.eml': { kind: 'quarantined', reason: /no readable sender/ },
  'gb2312-label-gbk-bytes.eml': { kind: 'filed' },
  'gbk-label-utf8-bytes.eml': { kind: 'filed' },
  'headers-only.eml': { kind: 'filed' },
  'html-script.eml': { kind: 'filed' },
  'huge-header-line.eml': { kind: 'quarantined', reason: /MIME structure could not be read/ },
  'long-body-line.eml': { kind: 'filed' },
  // Five thousand header lines is past what mailparser will read as one mail.
  'many-headers.eml': { kind: 'quarantined', reason: /MIME structure could not be read/ },
  'message-rfc822-inside.eml': { kind: 'filed' },
  'missing-from.eml': { kind: 'quarantined', reason: /no readable sender/ },
  'missing-message-id.eml': { kind: 'filed' },
  'multipart-without-boundary.eml': { kind: 'filed' },
  'nested-100-deep.eml': { kind: 'filed' },
  'nul-bytes.eml': { kind: 'filed' },
  'rfc2047-abuse.eml': { kind: 'filed' },
  'unknown-charset-label.eml': { kind: 'filed' },
  'utf8-everywhere.eml': { kind: 'filed' },
  'utf8-label-gbk-bytes.eml': { kind: 'filed' },
  'zero-and-oversize-attachments.eml': { kind: 'filed' },
};

/** What must never survive the renderer's sanitiser. */
const ACTIVE = /<script|<iframe|<object|<embed|<form|<meta|<base|<svg|<math|\son[a-z]+\s*=|javascript:|vbscript:|expression\s*\(|@import|-moz-binding|behaviou?r\s*:/i;
/** What a safe attachment name never holds: path separators, control and bidi characters, a leading dot. */
const UNSAFE_NAME = /[/\\\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]|^\./u;

const window = new JSDOM('').window as unknown as WindowLike;

describe.each(TEST_STORES)('the MIME corpus through SMTP on %s', (_label, makeStore) => {
  let store: TestStore;
  let t: TestHub;
  let transport: Transporter;

  const counts = async () => ({
    filed: Number((await t.hub.db.selectFrom('email_messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    quarantined: Number((await t.hub.db.selectFrom('email_quarantine').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const newest = async (): Promise<EmailMessage> => {
    const row = await t.hub.db.selectFrom('email_messages').select('data').orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    return JSON.parse(row.data) as EmailMessage;
  };
  const newestQuarantine = () => t.hub.db.selectFrom('email_quarantine').selectAll().orderBy('received_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

  /**
   * Sends one raw mail and says what became of it. The SMTP answer is 250
   * ("Queued", or "Queued for review" when quarantined) and exactly one row
   * appears: a filed message or a quarantine entry. A redelivered mail (the
   * same Message-ID, sender and subject) is recognised and adds nothing.
   */
  async function deliver(raw: Buffer): Promise<'filed' | 'quarantined' | 'duplicate'> {
    const before = await counts();
    const sent = await transport.sendMail({ envelope: { from: 'mx@corpus.example', to: [SUPPORT] }, raw });
    const after = await counts();
    const added = { filed: after.filed - before.filed, quarantined: after.quarantined - before.quarantined };
    const response = sent.response ?? '';
    if (/for review/.test(response)) {
      expect(added).toEqual({ filed: 0, quarantined: 1 });
      return 'quarantined';
    }
    expect(response).toMatch(/^250 .*Queued/);
    expect(added.quarantined).toBe(0);
    expect([0, 1]).toContain(added.filed);
    return added.filed === 1 ? 'filed' : 'duplicate';
  }

  /** A filed mail as the desktop would show it: sanitised HTML with nothing active, safe file names. */
  function expectSafe(message: EmailMessage, context: string): void {
    const inline = new Map(message.attachments.filter((file) => file.cid !== null).map((file) => [(file.cid ?? '').toLowerCase(), 'data:image/png;base64,AA==']));
    const clean = sanitiseEmailHtml(message.html ?? '', { allowRemoteImages: false, inlineImages: inline }, window);
    expect(clean.html, context).not.toMatch(ACTIVE);
    for (const link of clean.links) expect(link.href, context).toMatch(/^(https?:|mailto:)/i);
    for (const file of message.attachments) {
      expect(file.name, context).not.toMatch(UNSAFE_NAME);
      expect(file.name.length, context).toBeLessThanOrEqual(255);
    }
    for (const problem of message.problems) expect(problem, context).toMatch(/ \/ /);
  }

  beforeAll(async () => {
    store = await makeStore();
    const smtpPort = await freeTcpPort('127.0.0.1', []);
    t = await startTestHub(store, { SMTP_PORT: String(smtpPort) });
    const admin = await t.desktop('admin');
    const settings = expectOk(await admin.emitWithAck('admin:email:get', {}));
    // Small, so the corpus's 200 KiB attachment is over it.
    expectOk(await admin.emitWithAck('admin:email:set', { ...settings, maxAttachmentBytes: 64 * 1024 }));
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, name: 'mx.corpus.example' });
  });
  afterAll(async () => {
    transport?.close();
    await t?.close();
    await store?.cleanup();
  });

  it('has an expectation for every file in the corpus', () => {
    expect(FILES).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of FILES) {
    it(`${file}: ${EXPECTED[file]?.kind}`, async () => {
      const expected = EXPECTED[file];
      const outcome = await deliver(readFileSync(new URL(file, CORPUS)));
      expect(outcome).toBe(expected?.kind);
      if (expected?.kind === 'quarantined') {
        const entry = await newestQuarantine();
        expect(entry.reason).toMatch(expected.reason);
        // The raw mail is kept beside the reason, for an administrator to look at.
        const raw = await t.hub.db.selectFrom('attachments').select('kind').where('id', '=', entry.raw_attachment_id).executeTakeFirstOrThrow();
        expect(raw.kind).toBe('email-raw');
        return;
      }
      expectSafe(await newest(), file);
    });
  }

  it('keeps the promises the corpus tests for: hostile HTML, spoofed names, nesting, charsets', async () => {
    const filed = (await t.hub.db.selectFrom('email_messages').select('data').execute()).map((row) => JSON.parse(row.data) as EmailMessage);
    const bySender = (local: string) => filed.find((message) => message.from.address.startsWith(`${local}@`));
    const names = (local: string) => bySender(local)?.attachments.map((file) => [file.name, file.dangerous]);
    expect(names('filenames-traversal')).toEqual([
      ['passwd', false],
      ['evil.dll', true],
      ['owned.pdf', false],
      ['boot.ini', false],
      ['attachment-5', false],
    ]);
    // The override and isolates go, so the names show what they are, and both are flagged as programs.
    expect(names('filenames-spoofed')?.slice(0, 3)).toEqual([
      ['invoicefdp.exe', true],
      ['photo.png.scr', true],
      ['linebreaknul.txt', false],
    ]);
    expect(bySender('nested-100')?.text).toContain('A hundred multiparts down.');
    expect(bySender('gb2312-gbk')?.text).toContain('朱镕基');
    expect(bySender('zero-oversize')?.problems.join('\n')).toMatch(/"empty.pdf" is empty[\s\S]*"big.bin" \(204800 bytes\) is over/);
  });

  it(`files or quarantines ${RUNS} seeded mutations of the corpus (seed ${SEED}), losing none`, async () => {
    const random = seededRandom(SEED);
    const tally = { filed: 0, quarantined: 0, duplicate: 0 };
    for (let run = 0; run < RUNS; run += 1) {
      const file = FILES[Math.floor(random() * FILES.length)] ?? '';
      const mutation = mutate(readFileSync(new URL(file, CORPUS)), random);
      const context = `seed ${SEED}, run ${run}: ${file} / ${mutation.kind}`;
      const outcome = await deliver(mutation.bytes).catch((error: unknown) => {
        throw new Error(`${context}: ${String(error)}`);
      });
      tally[outcome] += 1;
      if (outcome === 'filed') expectSafe(await newest(), context);
    }
    expect(tally.filed + tally.quarantined + tally.duplicate).toBe(RUNS);
    // A bound that grows with FUZZ_RUNS, against a hang; not a speed check.
  }, 30_000 + RUNS * 1_000);
});
