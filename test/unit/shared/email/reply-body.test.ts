import { describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../../../shared/domain/email';
import { assembleHtml, assembleText, escapeHtml, forwardHtml, quoteHtml, signatureHtml, signatureText } from '../../../../shared/email/reply-body';
import { recipientsFor } from '../../../../shared/email/reply-recipients';

const parent = {
  direction: 'inbound',
  from: { address: 'li.lei@example.cn', name: 'Li Lei' },
  to: [{ address: 'support@shop.example', name: '' }, { address: 'sales@shop.example', name: '' }],
  cc: [{ address: 'Wife@Example.cn', name: 'Han Meimei' }, { address: 'li.lei@example.cn', name: '' }],
  subject: 'Order <123>',
  text: 'Hello\n<script>alert(1)</script>\n',
} as unknown as EmailMessage;

describe('signatures', () => {
  it('puts the agent’s signature first, then the queue’s, under the -- line', () => {
    expect(signatureText('Agent One', 'ACME Ltd')).toBe('-- \nAgent One\n\nACME Ltd');
    expect(signatureText('  ', 'ACME Ltd')).toBe('-- \nACME Ltd');
    expect(signatureText('', '')).toBe('');
  });

  it('shows a signature as escaped text', () => {
    expect(signatureHtml('-- \n<b>Agent</b>')).toBe('<div class="sb-signature">-- <br>&lt;b&gt;Agent&lt;/b&gt;</div>');
    expect(signatureHtml('')).toBe('');
  });
});

describe('quoting', () => {
  it('quotes the mail as escaped text, never as its markup', () => {
    const quote = quoteHtml(parent, 'On 24 Nov, Li Lei <li.lei@example.cn> wrote:');
    expect(quote).toContain('<p>On 24 Nov, Li Lei &lt;li.lei@example.cn&gt; wrote:</p>');
    expect(quote).toContain('<blockquote type="cite">Hello<br>&lt;script&gt;alert(1)&lt;/script&gt;</blockquote>');
    expect(quote).not.toContain('<script>');
  });

  it('heads a forward with the original’s headers', () => {
    const html = forwardHtml(parent, '24 Nov 2026 10:00', { heading: '---- Forwarded ----', from: 'From', date: 'Date', subject: 'Subject', to: 'To' });
    expect(html).toContain('From: Li Lei &lt;li.lei@example.cn&gt;<br>Date: 24 Nov 2026 10:00<br>Subject: Order &lt;123&gt;<br>To: support@shop.example, sales@shop.example');
  });

  it('assembles the words, the signature and the quote in both forms', () => {
    expect(assembleHtml('<p>Hi</p>', 'Agent', '<div>q</div>')).toBe('<p>Hi</p>\n<div class="sb-signature">Agent</div>\n<div>q</div>');
    expect(assembleHtml('<p>Hi</p>', '', '')).toBe('<p>Hi</p>');
    expect(assembleText('Hi\n', '-- \nAgent', { heading: 'Li Lei wrote:', text: 'a\nb\n' })).toBe('Hi\n\n-- \nAgent\n\nLi Lei wrote:\n> a\n> b');
    expect(assembleText('Hi', '', null)).toBe('Hi');
  });

  it('escapes every character that matters in HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('recipientsFor', () => {
  const own = ['support@shop.example', 'sales@shop.example'];

  it('replies to the sender', () => {
    expect(recipientsFor('reply', parent, own)).toEqual({ to: [parent.from], cc: [] });
  });

  it('replies to all but our own mailboxes, each address once', () => {
    expect(recipientsFor('reply-all', parent, own)).toEqual({ to: [parent.from], cc: [{ address: 'Wife@Example.cn', name: 'Han Meimei' }] });
  });

  it('answers our own mail to whoever it went to', () => {
    const ours = { ...parent, direction: 'outbound', from: { address: 'support@shop.example', name: '' }, to: [parent.from], cc: [] } as unknown as EmailMessage;
    expect(recipientsFor('reply', ours, own)).toEqual({ to: [parent.from], cc: [] });
  });

  it('leaves a forward’s recipients to the agent', () => {
    expect(recipientsFor('forward', parent, own)).toEqual({ to: [], cc: [] });
  });
});
