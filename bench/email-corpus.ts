import { createRandom } from '../shared/demo/prng';
import { base64Lines, crlf, encodedWordB, headerLines, plainMessage, rfc2231, TINY_PDF, TINY_PNG } from '../test/fixtures/email/compose';

/**
 * A generated stream of mixed inbound mail for the email bench: plain text,
 * HTML with a plain alternative, Chinese mail in GB2312/GBK/GB18030/Big5,
 * mail with attachments (a ~20 KiB PDF and an inline image), and replies to
 * earlier mail (In-Reply-To/References). Seeded, so every run sends the same
 * corpus; made one mail at a time (only the Message-IDs replies pick from are
 * kept), so the corpus itself takes no memory to speak of.
 */
export type CorpusMail = { kind: 'plain' | 'html' | 'cjk' | 'attachment' | 'reply'; raw: Buffer };

const SENDERS = 400;
const CJK: [string, string, string][] = [
  ['GB2312', '订单没有收到', '您好，我上周订的茶叶还没有收到，请帮忙查一下。'],
  ['GBK', '退款申请（急）', '你好：我要申请退款，订单号为 20261124。谢谢！'],
  ['GB18030', '𠮷野家的发票', '请开具发票，抬头：𠮷野家餐饮有限公司。'],
  ['Big5', '訂單查詢', '您好，請問我的訂單何時出貨？謝謝。'],
];
const ATTACHMENT = Buffer.concat([TINY_PDF, Buffer.alloc(20 * 1024, 0x20)]);

export function* emailCorpus(count: number, to: string): Generator<CorpusMail> {
  const random = createRandom(20_261_124);
  const sent: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const roll = random.next();
    const sender = `customer${Math.floor(random.next() * SENDERS)}@example.cn`;
    const id = `bench-${i}@example.cn`;
    const base = { From: sender, To: to, 'Message-ID': `<${id}>`, Date: 'Tue, 24 Nov 2026 09:00:00 +0800' };
    let mail: CorpusMail;
    if (roll < 0.25 && sent.length > 0) {
      const parent = sent[Math.floor(random.next() * sent.length)] as string;
      mail = { kind: 'reply', raw: plainMessage({ ...base, Subject: 'Re: my order', 'In-Reply-To': `<${parent}>`, References: `<${parent}>` }, `Any news? (${i})\n> earlier text`) };
    } else if (roll < 0.45) {
      mail = { kind: 'plain', raw: plainMessage({ ...base, Subject: `Question ${i}` }, `Hello,\nI have a question about order ${i}.\nThanks`, 'utf-8', 'quoted-printable') };
    } else if (roll < 0.65) {
      mail = {
        kind: 'html',
        raw: Buffer.from(
          crlf([
            ...headerLines({ ...base, Subject: `Invoice ${i}`, 'MIME-Version': '1.0', 'Content-Type': 'multipart/alternative; boundary="alt"' }),
            '',
            '--alt',
            'Content-Type: text/plain; charset=utf-8',
            '',
            `Where is invoice ${i}?`,
            '--alt',
            'Content-Type: text/html; charset=utf-8',
            '',
            `<p>Where is <b>invoice ${i}</b>?</p><p><a href="https://shop.example/orders/${i}">order</a></p>`,
            '--alt--',
          ]),
          'latin1',
        ),
      };
    } else if (roll < 0.85) {
      const [charset, subject, body] = CJK[i % CJK.length] as [string, string, string];
      mail = { kind: 'cjk', raw: plainMessage({ ...base, From: `${encodedWordB('客户', charset)} <${sender}>`, Subject: encodedWordB(`${subject} ${i}`, charset) }, body, charset) };
    } else {
      mail = {
        kind: 'attachment',
        raw: Buffer.from(
          crlf([
            ...headerLines({ ...base, Subject: `Damaged parcel ${i}`, 'MIME-Version': '1.0', 'Content-Type': 'multipart/mixed; boundary="mix"' }),
            '',
            '--mix',
            'Content-Type: text/html; charset=utf-8',
            '',
            `<p>Photo: <img src="cid:photo${i}@example.cn"></p>`,
            '--mix',
            'Content-Type: image/png',
            `Content-ID: <photo${i}@example.cn>`,
            'Content-Disposition: inline; filename="photo.png"',
            'Content-Transfer-Encoding: base64',
            '',
            base64Lines(TINY_PNG),
            '--mix',
            'Content-Type: application/pdf',
            `Content-Disposition: attachment; ${rfc2231('filename', `扫描件${i}.pdf`, 'GBK')}`,
            'Content-Transfer-Encoding: base64',
            '',
            // Each PDF differs, so the content-addressed store writes every one.
            base64Lines(Buffer.concat([ATTACHMENT, Buffer.from(String(i))])),
            '--mix--',
          ]),
          'latin1',
        ),
      };
    }
    sent.push(id);
    yield mail;
  }
}
