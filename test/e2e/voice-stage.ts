import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freeTcpPort, kamailioWakeUrl, type RunningKamailio, startKamailio } from '../../scripts/kamailio';
import { expect } from 'vitest';
import { badgeState, signIn } from './desktop';
import { registerPhone, setAvailable } from './hub-client';
import { freePort, type HubProcess, launchChromium, startHubProcess, tempDataDir } from './harness';

export const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');
export const DOMAIN = 'switchboard.local';

export type VoiceStageOptions = {
  /** Names the data directory and derives the suite's secrets. */
  name: string;
  seedCustomers?: number;
  /** rtpengine between plain-RTP phones (SIPp) and the browsers. */
  withRtpengine?: boolean;
  /** Kamailio authenticates REGISTERs and calls with hub-minted credentials, as `npm start` runs it. Default on. */
  auth?: boolean;
  /** Extra hub environment. */
  env?: Record<string, string>;
  /** The carrier gateway agents dial customers through (Kamailio's `trunk`; give the hub SIP_TRUNK and SIP_CALLER_ID in `env`). */
  trunk?: string;
  /** More Chromium switches beside the fake camera and microphone. */
  browserArgs?: string[];
};

export type VoiceStage = {
  hub: HubProcess;
  kamailio: RunningKamailio;
  browser: Browser;
  voiceKey: string;
  /** The hub's data directory, removed at the end: room for a suite's scenario files. */
  dataDir: string;
  /**
   * Signs in (optionally in another language and with a page script installed first) and registers the phone, as an agent would;
   * `available` then sets the agent Available, so queue calls route to them.
   */
  desk(username: string, options?: { locale?: string; initScript?: () => void; available?: boolean }): Promise<Page>;
  /** Signs in without touching the phone. */
  signIn(username: string, locale?: string): Promise<{ page: Page; context: BrowserContext }>;
  /** Signs out every desk opened so far (their browser contexts close), so the next call rings only desks opened after. */
  closeDesks(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * One real hub process, one Kamailio (waking queued callers through the
 * hub's KAMAILIO_WAKE_URL) and one Chromium with fake camera and microphone
 * allowed without a prompt: every desktop is a real WebRTC endpoint.
 */
export async function startVoiceStage(options: VoiceStageOptions): Promise<VoiceStage> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const voiceKey = `e2e-${options.name}-voice-key-0123456789abcdef`;
  const authSecret = `e2e-${options.name}-sip-auth-secret-0123456789`;
  const auth = options.auth ?? true;
  const dataDir = tempDataDir(`e2e-${options.name}`);
  // The hub wakes callers waiting in the queue on Kamailio's WebSocket port, so that port is chosen first.
  const wsPort = await freeTcpPort('127.0.0.1', []);
  const hub = await startHubProcess({
    port: await freePort(),
    dataDir,
    env: {
      SEED_CUSTOMERS: String(options.seedCustomers ?? 50),
      LOG_LEVEL: 'warn',
      VOICE_KEY: voiceKey,
      SIP_DOMAIN: DOMAIN,
      KAMAILIO_WAKE_URL: kamailioWakeUrl('127.0.0.1', wsPort),
      // Where the chat widget's visitors place their calls.
      SIP_WS_URL: `ws://127.0.0.1:${wsPort}`,
      ...(auth ? { SIP_AUTH_SECRET: authSecret } : {}),
      ...options.env,
    },
  });
  const kamailio = await startKamailio({
    listenAddress: '127.0.0.1',
    domain: DOMAIN,
    hubUrl: hub.url,
    voiceKey,
    wsPort,
    withRtpengine: options.withRtpengine ?? false,
    ...(auth ? { auth: { secret: authSecret } } : {}),
    ...(options.trunk ? { trunk: options.trunk } : {}),
  });
  const browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', ...(options.browserArgs ?? [])]);
  const contexts: BrowserContext[] = [];

  async function openDesk(username: string, locale = 'en-US') {
    const opened = await signIn(browser, hub.url, username, locale);
    contexts.push(opened.context);
    return opened;
  }

  return {
    hub,
    kamailio,
    browser,
    voiceKey,
    dataDir,
    signIn: openDesk,
    async desk(username, deskOptions = {}) {
      const { page, context } = await openDesk(username, deskOptions.locale);
      if (deskOptions.initScript) {
        await context.addInitScript(deskOptions.initScript);
        await page.reload();
        await expect.poll(() => badgeState(page), { timeout: 60_000 }).toBe('online');
      }
      await registerPhone(page, kamailio.wsUrl, deskOptions.locale);
      if (deskOptions.available) await setAvailable(page);
      return page;
    },
    async closeDesks() {
      for (const context of contexts.splice(0)) await context.close();
    },
    async stop() {
      for (const context of contexts) await context.close();
      await browser.close();
      await kamailio.stop();
      await hub.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A page init script: keeps every RTCPeerConnection the page creates reachable for stats (test-only; the app is unchanged). */
export function trackPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const all: RTCPeerConnection[] = [];
  Object.assign(window, { __peerConnections: all });
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      all.push(this);
    }
  };
}
