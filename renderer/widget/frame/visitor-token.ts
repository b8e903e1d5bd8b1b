import type { VisitorSession } from '../../../shared/protocol/visitor';

/** What the frame remembers between page loads: enough to resume, nothing about the visitor. */
export type StoredVisitor = Pick<VisitorSession, 'token' | 'conversationId' | 'expiresAt'>;

/**
 * One key per hub and widget: a shop with two widgets (sales, support) keeps
 * two conversations, and two hubs never read each other's token.
 */
export const visitorTokenKey = (hubOrigin: string, widgetId: string): string => `switchboard.visitor|${hubOrigin}|${widgetId}`;

/** null for anything unusable: missing, not ours, malformed or expired. */
export function parseStoredVisitor(raw: string | null, now: number): StoredVisitor | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { token, conversationId, expiresAt } = value as Record<string, unknown>;
  if (typeof token !== 'string' || token === '' || typeof conversationId !== 'string' || typeof expiresAt !== 'number') return null;
  return expiresAt > now ? { token, conversationId, expiresAt } : null;
}

export const serialiseStoredVisitor = (session: StoredVisitor): string =>
  JSON.stringify({ token: session.token, conversationId: session.conversationId, expiresAt: session.expiresAt });

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Where the frame keeps the visitor between page loads. `load` may have to ask the host page, so it answers later. */
export type VisitorTokenStore = {
  load(): Promise<StoredVisitor | null>;
  save(session: StoredVisitor): void;
  clear(): void;
};

/**
 * Storage can be refused outright (a browser blocking third-party storage
 * throws on access); the chat then still works, it just does not survive a reload.
 */
export function createVisitorTokenStore(storage: KeyValueStore | null, hubOrigin: string, widgetId: string, now: () => number = Date.now): VisitorTokenStore {
  const key = visitorTokenKey(hubOrigin, widgetId);
  const attempt = <T>(action: (store: KeyValueStore) => T, fallback: T): T => {
    if (storage === null) return fallback;
    try {
      return action(storage);
    } catch {
      return fallback;
    }
  };
  return {
    load: async () => {
      const stored = parseStoredVisitor(attempt((store) => store.getItem(key), null), now());
      if (stored === null) attempt((store) => store.removeItem(key), undefined);
      return stored;
    },
    save: (session) => attempt((store) => store.setItem(key, serialiseStoredVisitor(session)), undefined),
    clear: () => attempt((store) => store.removeItem(key), undefined),
  };
}

/**
 * When the browser denies an embedded frame any storage (third-party storage
 * blocked, as in private windows), the page that embeds the chat keeps the
 * token in its own storage for it: otherwise every click to another page of
 * the shop would lose the conversation.
 */
export function hostKeptTokenStore(
  host: { requestToken(): Promise<string | null>; keepToken(value: string | null): void },
  now: () => number = Date.now,
): VisitorTokenStore {
  return {
    load: async () => parseStoredVisitor(await host.requestToken(), now()),
    save: (session) => host.keepToken(serialiseStoredVisitor(session)),
    clear: () => host.keepToken(null),
  };
}
