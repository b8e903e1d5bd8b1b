import { closeMessage, readHostMessage, tokenKeepMessage, tokenWantedMessage, unreadMessage } from '../embed-messages';

/** How long to wait for the host page to hand back a kept token before starting without one. */
const TOKEN_ANSWER_MS = 3_000;

/**
 * The frame's line to the page that embeds it. Only messages from the parent
 * window at the origin the loader named are heard, and ours go only there.
 * Opened directly (not in a frame), the chat is simply always on screen.
 */
export function hostChannel(hostOrigin: string | null) {
  const embedded = window.parent !== window && hostOrigin !== null && /^https?:\/\//.test(hostOrigin);
  let lastUnread = -1;
  let onShown: (shown: boolean) => void = () => undefined;
  const tokenWaiters: ((value: string | null) => void)[] = [];

  if (embedded) {
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent || event.origin !== hostOrigin) return;
      const message = readHostMessage(event.data);
      if (message?.kind === 'shown') onShown(message.shown);
      else if (message?.kind === 'token') for (const answer of tokenWaiters.splice(0)) answer(message.value);
    });
  }
  const post = (message: object) => {
    if (embedded) window.parent.postMessage(message, hostOrigin);
  };

  return {
    embedded,
    listen(handler: (shown: boolean) => void): void {
      onShown = handler;
    },
    close: () => post(closeMessage()),
    unread(count: number): void {
      if (count === lastUnread) return;
      lastUnread = count;
      post(unreadMessage(count));
    },
    requestToken(): Promise<string | null> {
      if (!embedded) return Promise.resolve(null);
      return new Promise((resolve) => {
        tokenWaiters.push(resolve);
        window.setTimeout(() => resolve(null), TOKEN_ANSWER_MS);
        post(tokenWantedMessage());
      });
    },
    keepToken: (value: string | null) => post(tokenKeepMessage(value)),
  };
}

export type HostChannel = ReturnType<typeof hostChannel>;
