import { describe, expect, it } from 'vitest';
import {
  applyHubUrlOverride,
  DEFAULT_HUB_URL,
  DEFAULT_SETTINGS,
  parseStoredSettings,
  serializeStoredSettings,
  toDesktopSettings,
  withDesktopSettings,
  withWindowBounds,
} from '../../../electron/settings';

const bounds = { x: 10, y: 20, width: 1200, height: 800, maximized: false };

describe('parseStoredSettings', () => {
  it('gives defaults, silently, when there is no file', () => {
    expect(parseStoredSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('reads a clean file', () => {
    const text = JSON.stringify({ hubUrl: 'https://hub.example.com', windowBounds: bounds });
    expect(parseStoredSettings(text)).toEqual({ settings: { hubUrl: 'https://hub.example.com', windowBounds: bounds }, problems: [] });
  });

  it.each([
    ['', 'not valid JSON'],
    ['{"hubUrl": "http://x', 'not valid JSON'],
    ['\u0000\u0001garbage', 'not valid JSON'],
    ['null', 'not a JSON object'],
    ['[1,2]', 'not a JSON object'],
    ['"http://hub"', 'not a JSON object'],
  ])('falls back to defaults for a corrupt file %j', (text, problem) => {
    const result = parseStoredSettings(text);
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.problems.join()).toContain(problem);
  });

  it('keeps the valid fields and drops the rest, saying which', () => {
    const result = parseStoredSettings(JSON.stringify({ hubUrl: 'ftp://hub.example.com', windowBounds: bounds }));
    expect(result.settings).toEqual({ hubUrl: DEFAULT_HUB_URL, windowBounds: bounds });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain('hubUrl');

    const other = parseStoredSettings(JSON.stringify({ hubUrl: 'http://10.0.0.5:4310', windowBounds: { x: 'left' } }));
    expect(other.settings).toEqual({ hubUrl: 'http://10.0.0.5:4310' });
    expect(other.problems[0]).toContain('windowBounds');
  });

  it.each([
    { ...bounds, width: 0 },
    { ...bounds, height: -5 },
    { ...bounds, x: 1.5 },
    { ...bounds, x: Number.MAX_SAFE_INTEGER },
    { x: 1, y: 2, width: 3, height: 4 },
  ])('refuses impossible window bounds %j', (windowBounds) => {
    expect(parseStoredSettings(JSON.stringify({ windowBounds })).settings.windowBounds).toBeUndefined();
  });

  it('ignores unknown keys from older or newer versions', () => {
    const result = parseStoredSettings('{"hubUrl":"http://hub.local","theme":"dark","__proto__":{"polluted":true}}');
    expect(result.settings).toEqual({ hubUrl: 'http://hub.local' });
    expect(result.problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses javascript: and other non-http hub URLs', () => {
    for (const hubUrl of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url', 42]) {
      expect(parseStoredSettings(JSON.stringify({ hubUrl })).settings.hubUrl).toBe(DEFAULT_HUB_URL);
    }
  });
});

describe('serializeStoredSettings', () => {
  it('round-trips through parse', () => {
    const settings = { hubUrl: 'https://hub.example.com', windowBounds: bounds };
    expect(parseStoredSettings(serializeStoredSettings(settings))).toEqual({ settings, problems: [] });
  });

  it('refuses to write settings it could not read back', () => {
    expect(() => serializeStoredSettings({ hubUrl: 'mailto:ops@example.com' })).toThrow();
    expect(() => serializeStoredSettings({ hubUrl: DEFAULT_HUB_URL, windowBounds: { ...bounds, width: -1 } })).toThrow();
  });
});

describe('merging', () => {
  it('updates only the hub URL from the bridge, keeping window bounds', () => {
    const settings = withWindowBounds(DEFAULT_SETTINGS, bounds);
    const updated = withDesktopSettings(settings, { hubUrl: 'https://hub.example.com' });
    expect(updated).toEqual({ hubUrl: 'https://hub.example.com', windowBounds: bounds });
    expect(toDesktopSettings(updated)).toEqual({ hubUrl: 'https://hub.example.com' });
    expect(settings.hubUrl).toBe(DEFAULT_HUB_URL); // inputs are not mutated
  });

  it('lets a valid SWITCHBOARD_HUB_URL win for the session and ignores a bad one', () => {
    const settings = { hubUrl: 'https://hub.example.com' };
    expect(applyHubUrlOverride(settings, 'http://127.0.0.1:5555').hubUrl).toBe('http://127.0.0.1:5555');
    expect(applyHubUrlOverride(settings, undefined)).toBe(settings);
    expect(applyHubUrlOverride(settings, '')).toBe(settings);
    expect(applyHubUrlOverride(settings, 'ws://127.0.0.1:5555')).toBe(settings);
  });
});
