import { parseDialLink } from '../../shared/phone/dial-link';
import type { DialLink } from '../../shared/protocol/desktop';

/**
 * Dial links in web mode: the browser's protocol handler for tel: and sip:
 * (see dial-link-handler.ts) opens the hub's page with the whole link in
 * `?dial=`. The page reads it once and takes it out of the address, so a
 * reload, a bookmark or the back button never offers the same call again.
 */

export const DIAL_PARAM = 'dial';

/** Why a `?dial=` was not offered: the link is not one we can dial (see shared/phone/dial-link.ts). */
export type DialParamRefusal = 'malformed-link';

export type DialParam = { kind: 'none' } | { kind: 'link'; link: DialLink } | { kind: 'refused'; error: DialParamRefusal; raw: string };

/**
 * The page's address → what its `?dial=` holds, and the address without it
 * (null when there was none). Read from the raw query, not URLSearchParams:
 * form decoding turns the "+" of a hand-typed `?dial=tel:+86…` into a space,
 * and the international number would be dialled as a national one. Pure.
 */
export function takeDialParam(href: string): { param: DialParam; withoutParam: string | null } {
  const url = new URL(href);
  const pairs = url.search.replace(/^\?/, '').split('&').filter(Boolean);
  const index = pairs.findIndex((pair) => pair === DIAL_PARAM || pair.startsWith(`${DIAL_PARAM}=`));
  if (index === -1) return { param: { kind: 'none' }, withoutParam: null };
  const encoded = (pairs[index] ?? '').slice(DIAL_PARAM.length + 1);
  const rest = pairs.filter((_, i) => i !== index);
  const withoutParam = `${url.pathname}${rest.length > 0 ? `?${rest.join('&')}` : ''}${url.hash}`;
  const raw = decoded(encoded);
  const link = raw === null ? null : parseDialLink(raw);
  return { param: link ? { kind: 'link', link } : { kind: 'refused', error: 'malformed-link', raw: (raw ?? encoded).slice(0, 200) }, withoutParam };
}

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null; // a malformed %-escape
  }
}

/**
 * The page's own dial link, held until the first listener (the phone dock,
 * mounted after sign-in) subscribes, then handed over once.
 */
export function createDialParamSource(win: Window): { onDialLink(listener: (link: DialLink) => void): () => void } {
  const { param, withoutParam } = takeDialParam(win.location.href);
  if (withoutParam !== null) win.history.replaceState(win.history.state, '', withoutParam);
  // Refused links are not dialled; the console says why, for whoever set the link up.
  if (param.kind === 'refused') console.warn(`switchboard: not a dial link we can call (${param.error}): ${JSON.stringify(param.raw)}`);
  let pending = param.kind === 'link' ? param.link : null;
  return {
    onDialLink(listener) {
      let live = true;
      const link = pending;
      pending = null;
      if (link) queueMicrotask(() => live && listener(link));
      return () => {
        live = false;
      };
    },
  };
}
