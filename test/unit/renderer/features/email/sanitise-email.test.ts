import { JSDOM } from 'jsdom';
import type { WindowLike } from 'dompurify';
import { describe, expect, it } from 'vitest';
import { composerText, frameDocument, type SanitiseOptions, sanitiseComposerHtml, sanitiseEmailHtml } from '../../../../../renderer/features/email/sanitise-email';

const win = new JSDOM('').window as unknown as WindowLike;
const blocked: SanitiseOptions = { allowRemoteImages: false, inlineImages: new Map() };
const clean = (html: string, options: SanitiseOptions = blocked) => sanitiseEmailHtml(html, options, win);

describe('sanitiseEmailHtml', () => {
  it('removes script elements and event handlers', () => {
    const out = clean('<p onclick="steal()">Hi<script>alert(1)</script></p><img src="data:image/png;base64,AA==" onerror="alert(2)"><body onload="x()">');
    expect(out.html).not.toMatch(/script|onclick|onerror|onload|alert/i);
    expect(out.html).toContain('<p>Hi</p>');
  });

  it('turns links into numbered marks listed apart, and drops javascript: and other schemes', () => {
    const out = clean('<a href="javascript:alert(1)">click</a> <a href="https://shop.example/track?o=1">Track</a> <a href="mailto:help@shop.example">mail</a> <a href="file:///etc/passwd">f</a> <a href="data:text/html,<script>1</script>">d</a>');
    expect(out.html).not.toMatch(/href|javascript|file:|data:text/i);
    expect(out.links).toEqual([
      { n: 1, href: 'https://shop.example/track?o=1', text: 'Track' },
      { n: 2, href: 'mailto:help@shop.example', text: 'mail' },
    ]);
    expect(out.html).toContain('data-link="1"');
  });

  it('blocks remote images (tracking pixels) until they are allowed, and counts them', () => {
    const html = '<img src="https://t.example/pixel.gif" width="1"><img src="http://t.example/p2.gif"><table background="https://t.example/bg.png"><tr><td>x</td></tr></table>';
    const out = clean(html);
    expect(out.blockedImages).toBe(3);
    expect(out.html).not.toContain('t.example');
    expect(out.html).toContain('data-blocked');
    const allowed = clean(html, { ...blocked, allowRemoteImages: true });
    expect(allowed.html).toContain('src="https://t.example/pixel.gif"');
    expect(allowed.html).toContain('background="https://t.example/bg.png"');
    // Plain http is never loaded, even when allowed: it would leak over the network in clear.
    expect(allowed.html).not.toContain('http://t.example/p2.gif');
    expect(allowed.blockedImages).toBe(1);
  });

  it('shows cid: images from the mail’s own parts', () => {
    const out = clean('<img src="cid:Logo@Shop">', { ...blocked, inlineImages: new Map([['logo@shop', 'data:image/png;base64,iVBOR']]) });
    expect(out.html).toContain('src="data:image/png;base64,iVBOR"');
    expect(clean('<img src="cid:missing@shop">').html).not.toContain('src=');
  });

  it('strips CSS expressions, bindings, imports and remote url()', () => {
    const out = clean(
      '<style>@import url(https://evil.example/x.css); body{background:url(https://t.example/a.png)}</style><div style="width:expression(alert(1));background-image:url(\'https://t.example/b.png\');-moz-binding:url(x.xml#x);behavior:url(x.htc)">x</div>',
    );
    expect(out.html).not.toMatch(/expression\(|@import|-moz-binding|behavior:|t\.example|evil\.example/i);
    expect(out.blockedImages).toBe(2);
    expect(out.html).toContain('<style>');
  });

  it('removes forms, frames, objects and base/meta tags', () => {
    const out = clean('<form action="https://evil.example"><input name="pw"><button>Log in</button></form><iframe src="https://evil.example"></iframe><object data="x.swf"></object><embed src="x"><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example"><svg><script>1</script></svg>');
    expect(out.html).not.toMatch(/<form|<input|<button|<iframe|<object|<embed|<base|<meta|<svg|evil\.example/i);
  });

  it('frames the mail with a policy that runs nothing and loads only allowed images', () => {
    const doc = frameDocument(clean('<p>Hello</p>'), false);
    expect(doc).toContain("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    expect(doc).not.toContain('script-src');
    expect(frameDocument(clean('<p>Hello</p>'), true)).toContain('img-src data: https:');
  });
});

describe('the reply editor’s HTML', () => {
  it('keeps only what the editor makes, and only https/mailto links', () => {
    const out = sanitiseComposerHtml('<p style="color:red" onclick="x()">Hi <b>there</b><img src="https://t.example/p.gif"></p><ul><li>one</li></ul><a href="javascript:alert(1)">bad</a><a href="https://shop.example">good</a><script>1</script>', win);
    expect(out).toBe('<p>Hi <b>there</b></p><ul><li>one</li></ul><a>bad</a><a href="https://shop.example">good</a>');
  });

  it('gives the plain-text alternative with line breaks, dashes and link addresses', () => {
    expect(composerText('<p>Hello <b>Li Lei</b>,</p><p>Your order:<br>shipped</p><ul><li>one</li><li>two</li></ul><p><a href="https://shop.example/t">track it</a></p>', win)).toBe(
      'Hello Li Lei,\nYour order:\nshipped\n- one\n- two\n\ntrack it <https://shop.example/t>',
    );
  });
});
