import type { DialLink } from '../shared/protocol/desktop.js';
import { parseDialLink } from './dial-link.js';

/**
 * Who may talk to the main process and where the window may go. The renderer
 * shows customer data and text typed by strangers (emails, chats, SMS), so we
 * assume one day it will render something hostile: these checks decide what
 * such content could reach. Pure functions; main.ts and ipc.ts apply them.
 */

/** True for our own renderer page (app://switchboard/index.html), whatever its #route or ?query. */
export function isAppPage(url: string, indexUrl: string): boolean {
  const page = parseUrl(url);
  const index = parseUrl(indexUrl);
  return page !== null && index !== null && page.protocol === index.protocol && page.host === index.host && page.pathname === index.pathname;
}

/** In-window navigation is allowed only within our own page (reloads, route changes). */
export function isAllowedNavigation(url: string, indexUrl: string): boolean {
  return isAppPage(url, indexUrl);
}

/**
 * Frames inside our page (an email's sandboxed srcdoc frame) may show only
 * their inline document; a link clicked inside one must not load a remote
 * page into the app.
 */
export function isAllowedSubframeNavigation(url: string): boolean {
  return url === 'about:srcdoc' || url === 'about:blank';
}

const MAX_EXTERNAL_URL_LENGTH = 2048;
/** What shell.openExternal may be handed: the browser for web links, the mail client for addresses. */
export const EXTERNAL_SCHEMES = ['https:', 'http:', 'mailto:'] as const;

export type LinkDecision = { kind: 'external'; url: string } | { kind: 'dial'; link: DialLink } | { kind: 'refused' };

/**
 * A link the renderer wants opened outside its page (a customer's website in
 * an email, a phone number in a chat). tel: and sip: are dialled by our own
 * softphone rather than handed to the OS. Web links go to the system browser
 * and mailto: to the mail client; file:, javascript:, smb:, custom schemes
 * (which launch other apps), URLs carrying credentials
 * (`https://bank.com@evil.example`) and anything overlong are refused.
 */
export function decideLink(url: string): LinkDecision {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return { kind: 'refused' };
  if (/^\s*(tel|sip):/i.test(url)) {
    const link = parseDialLink(url);
    return link ? { kind: 'dial', link } : { kind: 'refused' };
  }
  const external = externalLinkToOpen(url);
  return external ? { kind: 'external', url: external } : { kind: 'refused' };
}

/** The normalised URL to hand to shell.openExternal, or null when it is not on the allow-list. */
export function externalLinkToOpen(url: string): string | null {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  const parsed = parseUrl(url);
  if (parsed === null || !(EXTERNAL_SCHEMES as readonly string[]).includes(parsed.protocol)) return null;
  // One plain address and optional ?subject=…: nothing a mail client could read as a path or a second command.
  if (parsed.protocol === 'mailto:') return /^mailto:[^\s@/\\?]+@[^\s@/\\?]+(\?\S*)?$/i.test(parsed.href) ? parsed.href : null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
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
 * Harmless permissions the app's own features use: the wallboard goes full
 * screen, the admin's "copy snippet" writes the clipboard, and ringing on the
 * agent's headset rather than the speakers needs an output device.
 * Notifications are not among them: the desktop shows them from the main
 * process (bridge `notify`), so the page never needs the web permission.
 */
export const HARMLESS_PERMISSIONS: readonly string[] = ['fullscreen', 'clipboard-sanitized-write', 'speaker-selection'];

/**
 * The softphone needs the microphone (and camera for video calls), and only
 * our own page may have it. Everything else — notifications, screen capture,
 * geolocation, USB, clipboard reads, opening external apps — is refused.
 */
export function isPermissionAllowed(ask: PermissionAsk): boolean {
  if (!ask.fromAppPage) return false;
  if (HARMLESS_PERMISSIONS.includes(ask.permission)) return true;
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
