import type { WebContents } from 'electron';
import type { DialLink } from '../shared/protocol/desktop.js';
import { decideLink, isAllowedNavigation, isAllowedSubframeNavigation } from './web-policy.js';

/**
 * The navigation rules every webContents gets. Electron is imported for its
 * types only, so a stand-in webContents can drive these handlers in unit
 * tests; every decision comes from web-policy.ts.
 */
export interface LinkHandlers {
  /** hands an allow-listed URL to the system browser or mail client (shell.openExternal) */
  openExternal(url: string): void;
  /** dials a tel:/sip: link in our own softphone */
  dial(link: DialLink): void;
}

/** Applied to every webContents the app ever creates (app 'web-contents-created'). */
export function lockDownWebContents(contents: WebContents, indexUrl: string, links: LinkHandlers): void {
  const follow = (url: string) => {
    const decision = decideLink(url);
    if (decision.kind === 'external') links.openExternal(decision.url);
    else if (decision.kind === 'dial') links.dial(decision.link);
  };
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, indexUrl)) return;
    event.preventDefault();
    // A plain <a href="https://…"> in an email would otherwise replace the app.
    follow(event.url);
  });
  // will-navigate sees the top frame only; this sees every frame's navigations.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedSubframeNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, indexUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    follow(url);
    return { action: 'deny' };
  });
}
