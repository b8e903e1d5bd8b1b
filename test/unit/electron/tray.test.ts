import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { statusDotPng } from '../../../electron/tray-icon';
import { trayPresentation } from '../../../electron/tray-status';

describe('trayPresentation', () => {
  it('says the app is starting before the renderer reports in', () => {
    expect(trayPresentation(null)).toMatchObject({ tooltip: 'Switchboard — starting', statusLine: 'Starting…' });
  });

  it.each([
    [{ connection: 'online', pending: 0 }, 'Switchboard — Online'],
    [{ connection: 'syncing', pending: 1 }, 'Switchboard — Syncing · 1 change waiting to send'],
    [{ connection: 'offline', pending: 12 }, 'Switchboard — Offline · 12 changes waiting to send'],
  ] as const)('%j → %s', (status, tooltip) => {
    expect(trayPresentation(status).tooltip).toBe(tooltip);
  });

  it('gives every state its own colour', () => {
    const colours = [null, { connection: 'online', pending: 0 }, { connection: 'syncing', pending: 0 }, { connection: 'offline', pending: 0 }] as const;
    expect(new Set(colours.map((s) => trayPresentation(s).colour.join()))).toHaveProperty('size', 4);
  });
});

describe('statusDotPng', () => {
  const png = statusDotPng([200, 50, 50], 32);

  it('is a PNG of the requested size', () => {
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
  });

  it('draws an opaque dot of the colour on a transparent background', () => {
    // IDAT follows IHDR (8 signature + 25 IHDR bytes).
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const pixel = (x: number, y: number) => [...raw.subarray(y * (1 + 32 * 4) + 1 + x * 4, y * (1 + 32 * 4) + 1 + x * 4 + 4)];
    expect(pixel(16, 16)).toEqual([200, 50, 50, 255]);
    expect(pixel(0, 0)[3]).toBe(0);
    expect(png.subarray(-8, -4).toString('ascii')).toBe('IEND');
  });

  it('has valid chunk checksums', () => {
    // CRC of the IEND chunk type alone is a well-known constant.
    expect(png.readUInt32BE(png.length - 4)).toBe(0xae426082);
  });
});
