/**
 * Whether `npm start` can open the Electron desktop or must fall back to web
 * mode, and what to tell the person who ran it. Pure, so every branch is
 * tested; start.ts gathers the facts and acts on the answer.
 */

export type ElectronProbe =
  /** require('electron') returned the binary path; `exists` is whether that file is on disk. */
  | { kind: 'path'; path: string; exists: boolean }
  /** require('electron') threw (the npm package's install script never fetched the binary). */
  | { kind: 'error'; message: string };

export interface LaunchFacts {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** Asked only when the desktop may open: finding Electron's binary may mean downloading it (the npm package fetches it on first use). */
  electron: () => ElectronProbe;
}

export type WebModeReason = 'web-only-requested' | 'binary-missing' | 'no-display';

export type DesktopLaunchPlan = { kind: 'electron'; electronPath: string } | { kind: 'web'; reason: WebModeReason };

/** Platforms whose windows need an X11 or Wayland server to talk to. */
const NEEDS_DISPLAY_SERVER: ReadonlySet<NodeJS.Platform> = new Set(['linux', 'freebsd', 'openbsd', 'netbsd', 'sunos']);

export function planDesktopLaunch(facts: LaunchFacts): DesktopLaunchPlan {
  if (isSet(facts.env.SWITCHBOARD_WEB_ONLY)) return { kind: 'web', reason: 'web-only-requested' };
  const electron = facts.electron();
  if (electron.kind === 'error' || !electron.exists || electron.path === '') return { kind: 'web', reason: 'binary-missing' };
  if (NEEDS_DISPLAY_SERVER.has(facts.platform) && !isSet(facts.env.DISPLAY) && !isSet(facts.env.WAYLAND_DISPLAY)) {
    return { kind: 'web', reason: 'no-display' };
  }
  return { kind: 'electron', electronPath: electron.path };
}

/** The one line printed when the desktop runs in web mode. */
export function webModeMessage(reason: WebModeReason, hubUrl: string): string {
  const servedAt = `the desktop is served in web mode at ${hubUrl}`;
  switch (reason) {
    case 'binary-missing':
      return `Electron is not available here (its binary was never downloaded) — ${servedAt}`;
    case 'no-display':
      return `Electron cannot open a window here (no display: DISPLAY and WAYLAND_DISPLAY are unset) — ${servedAt}`;
    case 'web-only-requested':
      return `Electron not started (SWITCHBOARD_WEB_ONLY is set) — ${servedAt}`;
  }
}

/**
 * The environment for the Electron child: the hub it should talk to, and
 * without ELECTRON_RUN_AS_NODE, which (if inherited from a parent tool) would
 * make the binary behave as plain Node and never open a window.
 */
export function electronEnv(env: Readonly<Record<string, string | undefined>>, hubUrl: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') result[name] = value;
  }
  result.SWITCHBOARD_HUB_URL = hubUrl;
  return result;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '' && value.trim() !== '0';
}
