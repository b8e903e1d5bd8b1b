import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmail, UnreadableEmail } from '../../../../hub/email/parse-email';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/email/${name}`, import.meta.url));

describe('parsing inbound mail', () => {
  it('reads quoted-printable text and the threading headers', async () => {
    const mail = await parseEmail(fixture('plain-qp.eml'));
    expect(mail).toMatchObject({ messageId: 'plain-qp@example.com', from: { address: 'alice@example.com', name: 'Alice Chen' }, subject: 'Order 1042 has not arrived', autoKind: 'none', problems: [] });
    expect(mail.text).toContain('Café ☕ = thanks.');
    expect(mail.to).toEqual([{ address: 'support@switchboard.local', name: '' }]);
  });

  it('keeps both halves of multipart/alternative (base64)', async () => {
    const mail = await parseEmail(fixture('alternative-base64.eml'));
    expect(mail.text).toBe('Plain: where is my invoice?');
    expect(mail.html).toBe('<p>HTML: where is my <b>invoice</b>?</p>');
  });

  it('keeps cid: links and the inline image with its Content-ID', async () => {
    const mail = await parseEmail(fixture('inline-image.eml'));
    expect(mail.html).toContain('src="cid:photo1@example.com"');
    expect(mail.attachments.map((a) => [a.name, a.cid])).toEqual([
      ['box.png', 'photo1@example.com'],
      ['receipt.pdf', null],
    ]);
  });

  it.each([
    ['gb2312.eml', '订单没有收到', '张伟', '您好，我上周订的茶叶还没有收到，请帮忙查一下。', '订单截图.pdf'],
    ['gbk.eml', '退款申请（急）', '王芳', '你好：我要申请退款，订单号为 20261124。谢谢！', '发票.pdf'],
    ['gb18030.eml', '𠮷野家的发票', '𠮷田', '请开具发票，抬头：𠮷野家餐饮有限公司。', '𠮷野家.pdf'],
    ['big5.eml', '訂單查詢', '陳大文', '您好，請問我的訂單何時出貨？謝謝。', '訂單.pdf'],
  ])('decodes %s in the subject, sender name, body and file name', async (file, subject, name, body, filename) => {
    const mail = await parseEmail(fixture(file));
    expect(mail.subject).toBe(subject);
    expect(mail.from?.name).toBe(name);
    expect(mail.text.trim()).toBe(body);
    expect(mail.attachments.map((a) => a.name)).toEqual([filename]);
    expect(mail.problems).toEqual([]);
  });

  it('names the undelivered mail in a bounce', async () => {
    const mail = await parseEmail(fixture('bounce-dsn.eml'));
    expect(mail.autoKind).toBe('bounce');
    expect(mail.bouncedMessageId).toBe('outbound-original@switchboard.local');
  });

  it.each([['auto-submitted.eml'], ['out-of-office.eml'], ['precedence-bulk.eml']])('recognises %s as an auto-reply', async (file) => {
    expect((await parseEmail(fixture(file))).autoKind).toBe('auto-reply');
  });
});

describe('parsing hostile mail', () => {
  const hostile = (name: string) => fixture(`hostile/${name}`);

  it('refuses headers beyond any real mail', async () => {
    await expect(parseEmail(hostile('huge-headers.eml'))).rejects.toBeInstanceOf(UnreadableEmail);
  });

  it('keeps the raw body of a multipart whose boundary never appears, and says so', async () => {
    const mail = await parseEmail(hostile('broken-boundary.eml'));
    expect(mail.text).toContain('The text a person wrote is still here.');
    expect(mail.problems.join(' ')).toMatch(/boundary "declared-but-never-used" never appears/);
  });

  it('notes a multipart that is never closed', async () => {
    const mail = await parseEmail(hostile('unclosed-multipart.eml'));
    expect(mail.text).toContain('Cut off before the closing boundary.');
    expect(mail.problems.join(' ')).toMatch(/never closed/);
  });

  it('notes text that is not valid in its charset, and unknown charsets', async () => {
    expect((await parseEmail(hostile('wrong-charset.eml'))).problems.join(' ')).toMatch(/not valid in the charset/);
    expect((await parseEmail(hostile('unknown-charset.eml'))).problems.join(' ')).toMatch(/Unknown charset "x-klingon"/);
  });

  it('reads all 1,000 attachments', async () => {
    const mail = await parseEmail(hostile('thousand-attachments.eml'));
    expect(mail.attachments).toHaveLength(1000);
    expect(mail.attachments[999]?.name).toBe('note-999.txt');
  });

  it('makes a stable Message-ID for a mail without one', async () => {
    const first = await parseEmail(hostile('no-message-id.eml'));
    const again = await parseEmail(hostile('no-message-id.eml'));
    expect(first.messageId).toMatch(/@no-message-id\.switchboard$/);
    expect(again.messageId).toBe(first.messageId);
    expect(first.problems.join(' ')).toMatch(/no Message-ID/);
  });

  it('finds no sender in binary garbage', async () => {
    expect((await parseEmail(hostile('binary-garbage.eml'))).from).toBeNull();
  });
});
