import { DIAL_PARAM } from './dial-link-param';

/**
 * Web mode's "open call links here": asks the browser to hand tel: and sip:
 * links (both on the HTML safelist for registerProtocolHandler) to this hub's
 * page, which offers the call (dial-link-param.ts). Electron registers itself
 * with the operating system instead (electron/main.ts).
 */

export const DIAL_LINK_SCHEMES = ['tel', 'sip'] as const;

export type DialHandlerRefusal = 'unsupported' | 'refused';
export type DialHandlerResult = { ok: true } | { ok: false; error: DialHandlerRefusal };

/** The handler address: the browser puts the whole link, escaped, where %s is. */
export const dialHandlerUrl = (origin: string): string => `${origin}/?${DIAL_PARAM}=%s`;

export function registerDialLinkHandlers(win: Window): DialHandlerResult {
  const navigator = win.navigator;
  if (typeof navigator.registerProtocolHandler !== 'function') return { ok: false, error: 'unsupported' };
  try {
    for (const scheme of DIAL_LINK_SCHEMES) navigator.registerProtocolHandler(scheme, dialHandlerUrl(win.location.origin));
    return { ok: true };
  } catch {
    // SecurityError: not a secure context, or the browser's policy forbids it.
    return { ok: false, error: 'refused' };
  }
}
