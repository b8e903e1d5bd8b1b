/**
 * What the loader on the host page and the frame on the hub say to each other
 * through postMessage. Each side checks the sender's origin before reading a
 * message; these guards then make sure it is one of ours and well formed.
 */
const TAG = 'switchboard-widget';

/**
 * Frame → host: hide me; how many replies wait unread (for the launcher's
 * badge); and, only when the browser refuses the frame storage of its own
 * (third-party storage blocked), "give me" / "keep" the visitor token.
 */
export type FrameMessage =
  | { tag: typeof TAG; kind: 'close' }
  | { tag: typeof TAG; kind: 'unread'; count: number }
  | { tag: typeof TAG; kind: 'token-wanted' }
  | { tag: typeof TAG; kind: 'token-keep'; value: string | null };
/** Host → frame: whether the visitor can see the chat now (so lines are marked read only when seen); the kept token. */
export type HostMessage = { tag: typeof TAG; kind: 'shown'; shown: boolean } | { tag: typeof TAG; kind: 'token'; value: string | null };

export const closeMessage = (): FrameMessage => ({ tag: TAG, kind: 'close' });
export const unreadMessage = (count: number): FrameMessage => ({ tag: TAG, kind: 'unread', count });
export const tokenWantedMessage = (): FrameMessage => ({ tag: TAG, kind: 'token-wanted' });
export const tokenKeepMessage = (value: string | null): FrameMessage => ({ tag: TAG, kind: 'token-keep', value });
export const shownMessage = (shown: boolean): HostMessage => ({ tag: TAG, kind: 'shown', shown });
export const tokenMessage = (value: string | null): HostMessage => ({ tag: TAG, kind: 'token', value });

/** A kept token is a few hundred characters; anything far larger is not one. */
const TOKEN_MAX = 4_096;
const isTokenValue = (value: unknown): value is string | null => value === null || (typeof value === 'string' && value.length <= TOKEN_MAX);

const isRecord = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null;

export function readFrameMessage(data: unknown): FrameMessage | null {
  if (!isRecord(data) || data.tag !== TAG) return null;
  if (data.kind === 'close') return closeMessage();
  if (data.kind === 'unread' && Number.isSafeInteger(data.count) && Number(data.count) >= 0) return unreadMessage(Number(data.count));
  if (data.kind === 'token-wanted') return tokenWantedMessage();
  if (data.kind === 'token-keep' && isTokenValue(data.value)) return tokenKeepMessage(data.value);
  return null;
}

export function readHostMessage(data: unknown): HostMessage | null {
  if (!isRecord(data) || data.tag !== TAG) return null;
  if (data.kind === 'shown' && typeof data.shown === 'boolean') return shownMessage(data.shown);
  if (data.kind === 'token' && isTokenValue(data.value)) return tokenMessage(data.value);
  return null;
}
