import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The Electron build cannot be run here (no Electron binary), so these tests
 * check the emitted files for the properties Electron depends on: the layout
 * package.json "main" points at, ES module imports Node can resolve, and a
 * preload that runs as a sandboxed script whose `require` knows only 'electron'.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSC = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
let out: string;

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'switchboard-electron-build-'));
  const result = spawnSync(process.execPath, [TSC, '-p', 'electron/tsconfig.build.json', '--outDir', out], { cwd: ROOT, encoding: 'utf8' });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const emitted = (file: string) => readFileSync(path.join(out, file), 'utf8');

describe('electron build output', () => {
  it('puts main and preload where package.json "main" and main.ts expect them', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; type: string };
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(pkg.type).toBe('module'); // so main.js is loaded as an ES module
    expect(emitted('electron/main.js')).toContain("path.join(import.meta.dirname, 'preload.js')");
    expect(emitted('electron/preload.js')).toContain('exposeInMainWorld');
  });

  it('emits only relative imports that Node ESM can resolve (explicit .js, inside the output)', () => {
    for (const file of ['electron/main.js', 'electron/ipc.js', 'electron/settings.js', 'shared/protocol/desktop.js']) {
      const specifiers = [...emitted(file).matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1] ?? '');
      for (const specifier of specifiers.filter((s) => s.startsWith('.'))) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/\.js$/);
        expect(() => readFileSync(path.join(out, path.dirname(file), specifier)), `${file} → ${specifier}`).not.toThrow();
      }
    }
  });

  it('keeps the preload free of module syntax and of any require but electron', () => {
    const preload = emitted('electron/preload.js');
    expect(preload).not.toMatch(/^\s*(import|export)\b/m);
    expect([...preload.matchAll(/require\(([^)]*)\)/g)].map((m) => m[1])).toEqual(["'electron'"]);
  });
});

interface FakeElectron {
  exposed: Map<string, unknown>;
  invoked: unknown[][];
  emit(channel: string, ...args: unknown[]): void;
  listenerCount(channel: string): number;
}

/** Runs the emitted preload the way a sandboxed renderer does: a function body given `require`. */
function runPreload(): FakeElectron {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const fake: FakeElectron = {
    exposed: new Map(),
    invoked: [],
    emit: (channel, ...args) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, ...args);
    },
    listenerCount: (channel) => listeners.get(channel)?.size ?? 0,
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        fake.invoked.push(args);
        return Promise.resolve({ ok: true, value: null });
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
    },
  };
  const sandboxRequire = (id: string) => {
    if (id !== 'electron') throw new Error(`module not found: ${id}`);
    return electron;
  };
  const wrapped = `(function (require, console) {\n${emitted('electron/preload.js')}\n})`;
  const run = runInNewContext(wrapped, {}) as (req: typeof sandboxRequire, con: Console) => void;
  run(sandboxRequire, console);
  return fake;
}

describe('preload (emitted, run as a sandboxed script)', () => {
  type Bridge = Record<string, unknown> & { onDialLink(listener: (link: unknown) => void): () => void };
  const bridgeOf = (fake: FakeElectron) => fake.exposed.get('desktop') as Bridge;

  it('exposes exactly one object, window.desktop, with the bridge methods and no raw IPC', () => {
    const fake = runPreload();
    expect([...fake.exposed.keys()]).toEqual(['desktop']);
    const bridge = bridgeOf(fake);
    expect(Object.keys(bridge).sort()).toEqual(['getSettings', 'kind', 'notify', 'onDialLink', 'setSettings', 'setTrayStatus']);
    expect(bridge.kind).toBe('electron');
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/ipc|send|invoke/i);
  });

  it('sends each call on its fixed channel with exactly its one argument', async () => {
    const fake = runPreload();
    const bridge = bridgeOf(fake) as Bridge & Record<'getSettings' | 'setSettings' | 'notify' | 'setTrayStatus', (...args: unknown[]) => Promise<unknown>>;
    await bridge.getSettings();
    await bridge.setSettings({ hubUrl: 'https://hub.example.com' }, 'ignored extra');
    await bridge.notify({ title: 'Incoming call', body: '' });
    await bridge.setTrayStatus({ connection: 'online', pending: 0 });
    expect(fake.invoked).toEqual([
      ['settings:get'],
      ['settings:set', { hubUrl: 'https://hub.example.com' }],
      ['notify:show', { title: 'Incoming call', body: '' }],
      ['tray:status', { connection: 'online', pending: 0 }],
    ]);
  });

  it('delivers dial links without the IPC event, and unsubscribes', () => {
    const fake = runPreload();
    const bridge = bridgeOf(fake);
    const received: unknown[][] = [];
    const unsubscribe = bridge.onDialLink((...args) => received.push(args));
    fake.emit('link:dial', { scheme: 'tel', target: '+8613812345678', extra: 'dropped' });
    expect(received).toEqual([[{ scheme: 'tel', target: '+8613812345678' }]]);
    unsubscribe();
    fake.emit('link:dial', { scheme: 'sip', target: '1001@pbx.example.com' });
    expect(received).toHaveLength(1);
  });

  it('holds links that arrive before anyone subscribes (cold start from a tel: click)', () => {
    const fake = runPreload();
    for (const target of ['1', '2', '3', '4']) fake.emit('link:dial', { scheme: 'tel', target });
    const received: unknown[] = [];
    bridgeOf(fake).onDialLink((link) => received.push(link));
    expect(received).toEqual(['2', '3', '4'].map((target) => ({ scheme: 'tel', target })));
  });

  it('drops anything on the dial channel that is not a dial link', () => {
    const fake = runPreload();
    const received: unknown[] = [];
    bridgeOf(fake).onDialLink((link) => received.push(link));
    for (const junk of [null, 'tel:1', { scheme: 'https', target: 'x' }, { scheme: 'tel', target: '' }, { scheme: 'tel', target: 'x'.repeat(257) }, { scheme: 'tel' }]) {
      fake.emit('link:dial', junk);
    }
    expect(received).toEqual([]);
  });

  it('keeps delivering to other subscribers when one throws', () => {
    const fake = runPreload();
    const received: unknown[] = [];
    bridgeOf(fake).onDialLink(() => {
      throw new Error('broken subscriber');
    });
    bridgeOf(fake).onDialLink((link) => received.push(link));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fake.emit('link:dial', { scheme: 'tel', target: '10086' });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    expect(received).toEqual([{ scheme: 'tel', target: '10086' }]);
  });
});
