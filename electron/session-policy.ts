import type { Session, WebContents } from 'electron';
import { withContentSecurityPolicy } from './csp.js';
import { isAppPage, isPermissionAllowed } from './web-policy.js';

/**
 * Thin adapter: applies the pure policies in web-policy.ts and csp.ts to an
 * Electron session. Not unit-tested (needs Electron); every decision it makes
 * is delegated to a tested function.
 */
export interface SessionPolicyOptions {
  indexUrl: string;
  /** whether these webContents are our own window's */
  isOurWindow(contents: WebContents | null): boolean;
  /** read on every response so a changed hub URL takes effect without a restart */
  contentSecurityPolicy(): string;
}

export function applySessionPolicy(session: Session, options: SessionPolicyOptions): void {
  const fromAppPage = (contents: WebContents | null, url: string | undefined): boolean =>
    options.isOurWindow(contents) && contents !== null && isAppPage(url ?? contents.getURL(), options.indexUrl);

  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = permission === 'media' ? ('mediaTypes' in details ? (details.mediaTypes ?? []) : []) : undefined;
    callback(isPermissionAllowed({ permission, fromAppPage: fromAppPage(contents, details.requestingUrl), mediaTypes }));
  });

  session.setPermissionCheckHandler((contents, permission, _origin, details) => {
    const mediaTypes = details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : undefined;
    return isPermissionAllowed({ permission, fromAppPage: fromAppPage(contents, details.requestingUrl), mediaTypes });
  });

  // USB, HID and serial devices: a headset's call buttons work as audio/HID
  // through the OS, not through WebHID, so nothing here needs raw device access.
  session.setDevicePermissionHandler(() => false);

  // The app's own page gets the policy from its app:// handler
  // (app-protocol-serve.ts). This sets it on every http(s) response the
  // session receives as well, so it holds even if a page is ever served over
  // http (a dev server, a misconfigured build).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders ?? {}, options.contentSecurityPolicy()) });
  });
}
