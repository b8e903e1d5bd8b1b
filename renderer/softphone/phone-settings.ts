import { z } from 'zod';
import { DEFAULT_SIP_WS_PORT } from '../../shared/protocol/voice';
import type { SwitchboardDb } from '../db/schema';
import { type AudioDeviceChoices, AudioDeviceChoicesSchema, SYSTEM_DEFAULTS } from './audio-devices';

/** Beside the cache settings in `meta`, under their own key so each reads and validates on its own. */
export const PHONE_SETTINGS_KEY = 'phone.settings';
/** The SIP domain the hub last named, so the phone registers right while the hub is unreachable. */
export const SIP_DOMAIN_KEY = 'phone.sipDomain';


export type PhoneSettings = {
  /** The SIP server's WebSocket URL; null = the hub's host on the default port. */
  wsUrl: string | null;
  /**
   * STUN/TURN URLs for ICE. Empty by default: sip.js's public STUN default
   * stalls every call for seconds on a site without internet access.
   */
  iceServers: string[];
  /** Microphone, speaker and ringer; they apply without reconnecting the phone. */
  devices: AudioDeviceChoices;
};

/** What the connection part of the form edits; saving it reconnects the phone. */
export type ConnectionSettings = Pick<PhoneSettings, 'wsUrl' | 'iceServers'>;

export const DEFAULT_PHONE_SETTINGS: PhoneSettings = { wsUrl: null, iceServers: [], devices: SYSTEM_DEFAULTS };

const WsUrlSchema = z.string().regex(/^wss?:\/\/[^\s/]+/i, 'a ws:// or wss:// URL').max(300);
const IceUrlSchema = z.string().regex(/^(stuns?|turns?):\S+$/i, 'a stun: or turn: URL').max(300);

export const PhoneSettingsSchema = z.object({
  wsUrl: WsUrlSchema.nullable(),
  iceServers: z.array(IceUrlSchema).max(10),
  // Settings stored before devices could be chosen have none: the system defaults.
  devices: AudioDeviceChoicesSchema.default(SYSTEM_DEFAULTS),
});

/** The SIP WebSocket on the hub's own host: ws for an http hub, wss for an https one. */
export function defaultWsUrl(hubUrl: string): string {
  const hub = new URL(hubUrl);
  return `${hub.protocol === 'https:' ? 'wss' : 'ws'}://${hub.hostname}:${DEFAULT_SIP_WS_PORT}`;
}

export const effectiveWsUrl = (settings: ConnectionSettings, hubUrl: string): string => settings.wsUrl ?? defaultWsUrl(hubUrl);

export type SettingsInput = { wsUrl: string; iceServers: string };
export type SettingsProblem = 'ws-url' | 'ice-servers';

/** The settings form's text (one ICE URL a line; a blank URL means the default) → settings, or which field is wrong. */
export function parseSettingsInput(input: SettingsInput): { ok: true; settings: ConnectionSettings } | { ok: false; problem: SettingsProblem } {
  const wsText = input.wsUrl.trim();
  const ws = wsText === '' ? null : WsUrlSchema.safeParse(wsText);
  if (ws && !ws.success) return { ok: false, problem: 'ws-url' };
  const ice = z
    .array(IceUrlSchema)
    .max(10)
    .safeParse(
      input.iceServers
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    );
  if (!ice.success) return { ok: false, problem: 'ice-servers' };
  return { ok: true, settings: { wsUrl: ws ? ws.data : null, iceServers: ice.data } };
}

export async function readPhoneSettings(db: SwitchboardDb): Promise<PhoneSettings> {
  const row = await db.meta.get(PHONE_SETTINGS_KEY);
  const parsed = PhoneSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_PHONE_SETTINGS;
}

export async function writePhoneSettings(db: SwitchboardDb, settings: PhoneSettings): Promise<void> {
  await db.meta.put({ key: PHONE_SETTINGS_KEY, value: PhoneSettingsSchema.parse(settings) });
}

export async function readKnownSipDomain(db: SwitchboardDb): Promise<string | null> {
  const row = await db.meta.get(SIP_DOMAIN_KEY);
  const parsed = z.string().min(1).max(253).safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function writeKnownSipDomain(db: SwitchboardDb, domain: string): Promise<void> {
  await db.meta.put({ key: SIP_DOMAIN_KEY, value: domain });
}
