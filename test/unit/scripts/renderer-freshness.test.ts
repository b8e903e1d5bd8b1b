import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideRendererBuild, mtimeMsOrNull, newestMtimeMs } from '../../../scripts/renderer-freshness';

describe('decideRendererBuild', () => {
  it('builds when there is no build yet', () => {
    expect(decideRendererBuild(null, 5)).toEqual({ build: true, reason: 'dist/renderer/index.html is missing' });
    expect(decideRendererBuild(null, null)).toMatchObject({ build: true });
  });

  it('rebuilds when a source is newer than the build', () => {
    expect(decideRendererBuild(100, 101)).toEqual({ build: true, reason: 'renderer sources changed since the last build' });
  });

  it('keeps an up-to-date build', () => {
    expect(decideRendererBuild(100, 100)).toEqual({ build: false });
    expect(decideRendererBuild(100, 50)).toEqual({ build: false });
    expect(decideRendererBuild(100, null)).toEqual({ build: false });
  });
});

describe('newestMtimeMs', () => {
  let root: string;
  const touch = (file: string, seconds: number) => {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, '');
    utimesSync(full, seconds, seconds);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'switchboard-fresh-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the newest file in nested folders and loose files', () => {
    touch('renderer/app/App.tsx', 1000);
    touch('renderer/features/softphone/dial.ts', 3000);
    touch('vite.config.ts', 2000);
    expect(newestMtimeMs(root, ['renderer', 'vite.config.ts'])).toBe(3_000_000);
  });

  it('skips node_modules and dot-directories', () => {
    touch('renderer/main.tsx', 1000);
    touch('renderer/node_modules/x/index.js', 9000);
    touch('renderer/.cache/blob', 9000);
    expect(newestMtimeMs(root, ['renderer'])).toBe(1_000_000);
  });

  it('returns null when no input exists', () => {
    expect(newestMtimeMs(root, ['renderer', 'missing.ts'])).toBeNull();
    expect(mtimeMsOrNull(path.join(root, 'dist/renderer/index.html'))).toBeNull();
  });
});
