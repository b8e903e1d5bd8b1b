import { describe, expect, it } from 'vitest';
import { autoKindOf } from '../../../../hub/email/auto-kind';

const headers = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('bounces and auto-replies', () => {
  it('recognises a delivery status report and the mailer daemon', () => {
    expect(autoKindOf(headers({ 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' }), 'someone@mx.example', 'hi')).toBe('bounce');
    expect(autoKindOf(headers({}), 'MAILER-DAEMON@mx.example.net', 'Undelivered Mail Returned to Sender')).toBe('bounce');
    expect(autoKindOf(headers({}), 'postmaster@example.net', 'anything')).toBe('bounce');
    expect(autoKindOf(headers({ 'x-failed-recipients': 'a@b' }), 'mail@example.net', 'Delivery Status Notification (Failure)')).toBe('bounce');
  });

  it('follows RFC 3834 Auto-Submitted, except "no"', () => {
    expect(autoKindOf(headers({ 'auto-submitted': 'auto-replied' }), 'a@b.c', 'Re: order')).toBe('auto-reply');
    expect(autoKindOf(headers({ 'auto-submitted': 'auto-generated' }), 'a@b.c', 'Re: order')).toBe('auto-reply');
    expect(autoKindOf(headers({ 'auto-submitted': 'no' }), 'a@b.c', 'Re: order')).toBe('none');
  });

  it('knows the other auto-reply markers and out-of-office subjects', () => {
    expect(autoKindOf(headers({ 'x-autoreply': 'yes' }), 'a@b.c', 'Re: order')).toBe('auto-reply');
    for (const precedence of ['bulk', 'junk', 'auto_reply', 'list']) expect(autoKindOf(headers({ precedence }), 'a@b.c', 'News')).toBe('auto-reply');
    expect(autoKindOf(headers({ precedence: 'first-class' }), 'a@b.c', 'News')).toBe('none');
    for (const subject of ['Out of Office: back Monday', 'Automatic reply: Re: order', 'Auto-Reply: away', '自动回复：休假中', '自動回覆：出差']) {
      expect(autoKindOf(headers({}), 'a@b.c', subject)).toBe('auto-reply');
    }
  });

  it('leaves a person’s mail alone', () => {
    expect(autoKindOf(headers({ 'content-type': 'text/plain' }), 'alice@example.com', 'Re: my order is out of stock?')).toBe('none');
    expect(autoKindOf(headers({}), 'alice@example.com', 'Reply about the office chair')).toBe('none');
  });
});
