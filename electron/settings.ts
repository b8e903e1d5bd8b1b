import { z } from 'zod';
import { type DesktopSettings, DesktopSettingsSchema } from '../shared/protocol/desktop.js';

/**
 * What the desktop keeps in `settings.json` under userData: the bridge-visible
 * settings plus things only the main process cares about (window bounds).
 * The file can be edited by hand, half-written by a crash or left by an older
 * version, so it is parsed field by field: whatever is valid is kept, the rest
 * falls back to defaults, and the app always starts.
 */

export const DEFAULT_HUB_URL = 'http://127.0.0.1:4310';

export const WindowBoundsSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
  maximized: z.boolean(),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

export const StoredSettingsSchema = z.object({
  hubUrl: DesktopSettingsSchema.shape.hubUrl,
  windowBounds: WindowBoundsSchema.optional(),
});
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

export const DEFAULT_SETTINGS: StoredSettings = { hubUrl: DEFAULT_HUB_URL };

export interface SettingsReadResult {
  settings: StoredSettings;
  /** Human-readable notes on what was ignored, for the log. Empty when the file was clean. */
  problems: string[];
}

/** Parses the raw text of settings.json (null when the file does not exist). Never throws. */
export function parseStoredSettings(text: string | null): SettingsReadResult {
  if (text === null) return { settings: { ...DEFAULT_SETTINGS }, problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { settings: { ...DEFAULT_SETTINGS }, problems: ['settings file is not valid JSON; using defaults'] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { settings: { ...DEFAULT_SETTINGS }, problems: ['settings file is not a JSON object; using defaults'] };
  }
  const record: Record<string, unknown> = { ...json };
  const problems: string[] = [];
  const settings: StoredSettings = { ...DEFAULT_SETTINGS };

  const hubUrl = StoredSettingsSchema.shape.hubUrl.safeParse(record.hubUrl);
  if (hubUrl.success) settings.hubUrl = hubUrl.data;
  else if (record.hubUrl !== undefined) problems.push(`hubUrl ignored (not an http(s) URL); using ${DEFAULT_HUB_URL}`);

  const bounds = WindowBoundsSchema.safeParse(record.windowBounds);
  if (bounds.success) settings.windowBounds = bounds.data;
  else if (record.windowBounds !== undefined) problems.push('windowBounds ignored (malformed); using the default size');

  return { settings, problems };
}

/** The serialised form; validated first so a bug can never write a file we would refuse to read. */
export function serializeStoredSettings(settings: StoredSettings): string {
  return `${JSON.stringify(StoredSettingsSchema.parse(settings), null, 2)}\n`;
}

export function toDesktopSettings(settings: StoredSettings): DesktopSettings {
  return { hubUrl: settings.hubUrl };
}

export function withDesktopSettings(settings: StoredSettings, update: DesktopSettings): StoredSettings {
  return { ...settings, hubUrl: update.hubUrl };
}

export function withWindowBounds(settings: StoredSettings, windowBounds: WindowBounds): StoredSettings {
  return { ...settings, windowBounds };
}

/**
 * `npm start` launches Electron next to the hub it just started and passes
 * that hub's address in SWITCHBOARD_HUB_URL; it wins for this session but is
 * not written back, so the agent's own setting survives a developer run.
 */
export function applyHubUrlOverride(settings: StoredSettings, override: string | undefined): StoredSettings {
  if (override === undefined || override === '') return settings;
  const parsed = StoredSettingsSchema.shape.hubUrl.safeParse(override);
  return parsed.success ? { ...settings, hubUrl: parsed.data } : settings;
}
