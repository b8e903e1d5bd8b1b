import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../electron/settings';
import { createSettingsStore } from '../../../electron/settings-store';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'switchboard-settings-'));
  file = path.join(dir, 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('reads defaults when the file does not exist yet', async () => {
    expect(await createSettingsStore(file).read()).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('writes and reads back, leaving no temporary files', async () => {
    const store = createSettingsStore(file);
    const settings = { hubUrl: 'https://hub.example.com', windowBounds: { x: 0, y: 0, width: 1000, height: 700, maximized: true } };
    await store.write(settings);
    expect(await store.read()).toEqual({ settings, problems: [] });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('survives a corrupt file with defaults and a note', async () => {
    await writeFile(file, '{"hubUrl": "http://hub', 'utf8');
    const result = await createSettingsStore(file).read();
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.problems).toHaveLength(1);
  });

  it('reports an unreadable path instead of throwing', async () => {
    const result = await createSettingsStore(dir).read(); // a directory, not a file
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.problems[0]).toContain('unreadable');
  });

  it('applies writes in the order they were asked for', async () => {
    const store = createSettingsStore(file);
    const writes = Array.from({ length: 10 }, (_, i) => store.write({ hubUrl: `http://hub-${i}.example.com` }));
    await Promise.all(writes);
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ hubUrl: 'http://hub-9.example.com' });
  });

  it('refuses to write invalid settings and keeps the previous file', async () => {
    const store = createSettingsStore(file);
    await store.write({ hubUrl: 'http://good.example.com' });
    await expect(store.write({ hubUrl: 'javascript:alert(1)' })).rejects.toThrow();
    await store.flush();
    expect((await store.read()).settings.hubUrl).toBe('http://good.example.com');
    // a failed write does not jam the queue
    await store.write({ hubUrl: 'http://next.example.com' });
    expect((await store.read()).settings.hubUrl).toBe('http://next.example.com');
  });

  it('rejects the write when the directory is gone', async () => {
    const store = createSettingsStore(path.join(dir, 'missing', 'settings.json'));
    await expect(store.write(DEFAULT_SETTINGS)).rejects.toThrow();
  });
});
