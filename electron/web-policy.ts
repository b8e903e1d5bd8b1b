/**
 * Who may talk to the main process and where the window may go. The renderer
 * shows customer data and text typed by strangers (emails, chats, SMS), so we
 * assume one day it will render something hostile: these checks decide what
 * such content could reach. Pure functions; main.ts and ipc.ts apply them.
 */

/** True for our own renderer page (dist/renderer/index.html), whatever its #route or ?query. */
export function isAppPage(url: string, indexUrl: string): boolean {
  const page = parseUrl(url);
  const index = parseUrl(indexUrl);
  return page !== null && index !== null && page.protocol === 'file:' && index.protocol === 'file:' && page.host === index.host && page.pathname === index.pathname;
}

/** In-window navigation is allowed only within our own page (reloads, route changes). */
export function isAllowedNavigation(url: string, indexUrl: string): boolean {
  return isAppPage(url, indexUrl);
}

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * A link the renderer wants opened outside the app (a customer's website in an
 * email). Only https with a real host goes to the system browser: file:,
 * javascript:, custom schemes (which launch other apps) and URLs carrying
 * credentials (`https://bank.com@evil.example`) are refused.
 */
export function externalLinkToOpen(url: string): string | null {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  const parsed = parseUrl(url);
  if (parsed?.protocol !== 'https:' || parsed.hostname === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

export interface IpcSender {
  /** id of the webContents that sent the message */
  webContentsId: number;
  /** URL of the frame that sent it; null when the frame is gone */
  frameUrl: string | null;
  /** whether that frame is the top frame of its page */
  isMainFrame: boolean;
}

export interface TrustedRenderer {
  /** our one window's webContents id; null before it exists or after it closed */
  webContentsId: number | null;
  indexUrl: string;
}

/** Only our own window's top frame, showing our own page, may call the bridge. */
export function isTrustedSender(sender: IpcSender, trusted: TrustedRenderer): boolean {
  return (
    trusted.webContentsId !== null &&
    sender.webContentsId === trusted.webContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    isAppPage(sender.frameUrl, trusted.indexUrl)
  );
}

export interface PermissionAsk {
  permission: string;
  /** whether the asking page is our own renderer page in our own window */
  fromAppPage: boolean;
  /**
   * For a 'media' request: which devices. Permission *checks* carry no list
   * (undefined); the request that follows them does, and is judged on it.
   */
  mediaTypes?: readonly string[] | undefined;
}

/**
 * The softphone needs the microphone (and camera for video calls), and the
 * agent needs notifications. Everything else — screen capture, geolocation,
 * USB, clipboard reads, opening external apps — is refused.
 */
export function isPermissionAllowed(ask: PermissionAsk): boolean {
  if (!ask.fromAppPage) return false;
  if (ask.permission === 'notifications') return true;
  if (ask.permission !== 'media') return false;
  const types = ask.mediaTypes;
  if (types === undefined) return true;
  return types.length > 0 && types.every((type) => type === 'audio' || type === 'video');
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
