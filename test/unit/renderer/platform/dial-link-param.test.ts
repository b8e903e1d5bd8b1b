import { describe, expect, it } from 'vitest';
import { dialHandlerUrl, registerDialLinkHandlers } from '../../../../renderer/platform/dial-link-handler';
import { createDialParamSource, takeDialParam } from '../../../../renderer/platform/dial-link-param';
import type { DialLink } from '../../../../shared/protocol/desktop';

const HUB = 'http://127.0.0.1:4310';

describe('takeDialParam', () => {
  it.each([
    // As a browser's protocol handler writes it: the whole link, escaped, in place of %s.
    [`${HUB}/?dial=tel%3A%2B86%20138-1234-5678`, { scheme: 'tel', target: '+8613812345678' }],
    // Typed by hand: the "+" is a plus, not a form-encoded space.
    [`${HUB}/?dial=tel:+8613812345678`, { scheme: 'tel', target: '+8613812345678' }],
    [`${HUB}/?dial=sip%3Aagent2%40switchboard.local`, { scheme: 'sip', target: 'agent2@switchboard.local' }],
    [`${HUB}/?dial=SIP:1001`, { scheme: 'sip', target: '1001' }],
  ])('%s → a link to offer', (href, link) => {
    expect(takeDialParam(href)).toEqual({ param: { kind: 'link', link }, withoutParam: '/' });
  });

  it('takes only its own parameter out of the address, keeping the rest', () => {
    expect(takeDialParam(`${HUB}/desk?lang=zh&dial=tel:10086#inbox`)).toEqual({
      param: { kind: 'link', link: { scheme: 'tel', target: '10086' } },
      withoutParam: '/desk?lang=zh#inbox',
    });
  });

  it('leaves an address without ?dial= alone', () => {
    expect(takeDialParam(`${HUB}/?bench`)).toEqual({ param: { kind: 'none' }, withoutParam: null });
  });

  it.each([
    `${HUB}/?dial=`,
    `${HUB}/?dial=javascript:alert(1)`,
    `${HUB}/?dial=https://evil.example/`,
    `${HUB}/?dial=tel:1-800-FLOWERS`,
    `${HUB}/?dial=tel:%2B1%0A202`,
    `${HUB}/?dial=sip:agent2@switchboard.local%3FSubject%3Dx%26Call-Info%3Dy`.replace('%3FSubject', '?Subject'),
    `${HUB}/?dial=sip:bob@evil.example:99999`,
    `${HUB}/?dial=tel:%EF%BC%91%EF%BC%90`,
    `${HUB}/?dial=tel:%E0%A4%A`,
    `${HUB}/?dial`,
  ])('%s is refused with malformed-link and still taken out of the address', (href) => {
    const { param, withoutParam } = takeDialParam(href);
    if (param.kind === 'link') {
      // A sip: link with headers keeps only the address: never the headers.
      expect(param.link.target).not.toMatch(/[?&;]/);
      return;
    }
    expect(param).toMatchObject({ kind: 'refused', error: 'malformed-link' });
    expect(withoutParam).toBe('/');
  });
});

function fakeWindow(href: string) {
  const replaced: string[] = [];
  const win = {
    location: { href, origin: new URL(href).origin },
    history: { state: null, replaceState: (_state: unknown, _title: string, url: string) => replaced.push(url) },
  };
  return { win: win as unknown as Window, replaced };
}

describe('createDialParamSource', () => {
  it('hands the link to the first listener once, and clears the address at once', async () => {
    const { win, replaced } = fakeWindow(`${HUB}/?dial=tel:%2B8613812345678`);
    const source = createDialParamSource(win);
    expect(replaced).toEqual(['/']);
    const first: DialLink[] = [];
    const second: DialLink[] = [];
    source.onDialLink((link) => first.push(link));
    source.onDialLink((link) => second.push(link));
    await Promise.resolve();
    expect(first).toEqual([{ scheme: 'tel', target: '+8613812345678' }]);
    expect(second).toEqual([]);
  });

  it('does not deliver to a listener that unsubscribed before the link was handed over', async () => {
    const { win } = fakeWindow(`${HUB}/?dial=tel:10086`);
    const got: DialLink[] = [];
    createDialParamSource(win).onDialLink((link) => got.push(link))();
    await Promise.resolve();
    expect(got).toEqual([]);
  });

  it('offers nothing for a refused link', async () => {
    const { win, replaced } = fakeWindow(`${HUB}/?dial=javascript:alert(1)`);
    const got: DialLink[] = [];
    const warn = console.warn;
    console.warn = () => {};
    try {
      createDialParamSource(win).onDialLink((link) => got.push(link));
    } finally {
      console.warn = warn;
    }
    await Promise.resolve();
    expect(got).toEqual([]);
    expect(replaced).toEqual(['/']);
  });
});

describe('registerDialLinkHandlers', () => {
  it('registers tel: and sip: to the page with ?dial=%s', () => {
    const calls: [string, string][] = [];
    const win = {
      location: { origin: HUB },
      navigator: { registerProtocolHandler: (scheme: string, url: string) => calls.push([scheme, url]) },
    } as unknown as Window;
    expect(registerDialLinkHandlers(win)).toEqual({ ok: true });
    expect(calls).toEqual([
      ['tel', `${HUB}/?dial=%s`],
      ['sip', `${HUB}/?dial=%s`],
    ]);
    expect(dialHandlerUrl(HUB)).toBe(`${HUB}/?dial=%s`);
  });

  it('says unsupported where the browser has no registerProtocolHandler, refused where it throws', () => {
    expect(registerDialLinkHandlers({ location: { origin: HUB }, navigator: {} } as unknown as Window)).toEqual({ ok: false, error: 'unsupported' });
    const throwing = {
      location: { origin: HUB },
      navigator: {
        registerProtocolHandler: () => {
          throw new DOMException('insecure', 'SecurityError');
        },
      },
    } as unknown as Window;
    expect(registerDialLinkHandlers(throwing)).toEqual({ ok: false, error: 'refused' });
  });
});
