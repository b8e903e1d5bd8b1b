import type { DialLink } from '../shared/protocol/desktop.js';

/**
 * Dial links can arrive before the renderer can hear them: the app is often
 * *started* by a click on a tel: link, and the page takes a moment to load
 * and subscribe. Links are held until the page is ready, then delivered in
 * order. Only the last few are kept: a burst of links from a misbehaving app
 * must not queue up a string of calls.
 */
export interface DialLinkDispatcher {
  dispatch(link: DialLink): void;
  /** The renderer (re)loaded and can receive links now. */
  rendererReady(): void;
  /** The renderer is reloading or gone; hold links again. */
  rendererGone(): void;
}

export const MAX_PENDING_DIAL_LINKS = 3;

export function createDialLinkDispatcher(send: (link: DialLink) => void): DialLinkDispatcher {
  let ready = false;
  let pending: DialLink[] = [];
  return {
    dispatch(link) {
      if (ready) {
        send(link);
        return;
      }
      pending = [...pending, link].slice(-MAX_PENDING_DIAL_LINKS);
    },
    rendererReady() {
      ready = true;
      const toSend = pending;
      pending = [];
      for (const link of toSend) send(link);
    },
    rendererGone() {
      ready = false;
    },
  };
}
