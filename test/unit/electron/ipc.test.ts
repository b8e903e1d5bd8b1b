import { describe, expect, it, vi } from 'vitest';
import { BridgeError, createIpcRoutes, dispatchIpc, IPC_ERRORS, type IpcDependencies, isInvokeChannel } from '../../../electron/ipc';
import type { IpcSender } from '../../../electron/web-policy';
import { IPC, IPC_SCHEMAS } from '../../../shared/protocol/desktop';

const ours: IpcSender = { webContentsId: 1, frameUrl: 'file:///app/dist/renderer/index.html', isMainFrame: true };
const stranger: IpcSender = { webContentsId: 2, frameUrl: 'https://evil.example/', isMainFrame: true };

function setup(overrides: Partial<IpcDependencies> = {}) {
  const deps = {
    isTrustedSender: vi.fn((sender: IpcSender) => sender.webContentsId === 1),
    getSettings: vi.fn(() => ({ hubUrl: 'http://127.0.0.1:4310' })),
    saveSettings: vi.fn(async (settings: { hubUrl: string }) => settings),
    notify: vi.fn(),
    setTrayStatus: vi.fn(),
    logError: vi.fn(),
    ...overrides,
  } satisfies IpcDependencies;
  const routes = createIpcRoutes(deps);
  const call = (channel: string, args: unknown[], sender: IpcSender = ours) => dispatchIpc(deps, routes, channel, sender, args);
  return { deps, call };
}

describe('IPC routes', () => {
  it('has a route for every channel in IPC_SCHEMAS and nothing else', () => {
    const { deps } = setup();
    expect(Object.keys(createIpcRoutes(deps)).sort()).toEqual(Object.keys(IPC_SCHEMAS).sort());
    expect(isInvokeChannel(IPC.dialLink)).toBe(false); // main → renderer only
    expect(isInvokeChannel('__proto__')).toBe(false);
    expect(isInvokeChannel('toString')).toBe(false);
  });

  it('answers getSettings', async () => {
    const { call } = setup();
    expect(await call(IPC.getSettings, [])).toEqual({ ok: true, value: { hubUrl: 'http://127.0.0.1:4310' } });
  });

  it('saves valid settings and returns what was saved', async () => {
    const { deps, call } = setup();
    expect(await call(IPC.setSettings, [{ hubUrl: 'https://hub.example.com' }])).toEqual({ ok: true, value: { hubUrl: 'https://hub.example.com' } });
    expect(deps.saveSettings).toHaveBeenCalledWith({ hubUrl: 'https://hub.example.com' });
  });

  it('strips unknown keys before they reach a handler', async () => {
    const { deps, call } = setup();
    await call(IPC.setSettings, [{ hubUrl: 'https://hub.example.com', windowBounds: { x: 0 }, __proto__: { admin: true } }]);
    expect(deps.saveSettings).toHaveBeenCalledWith({ hubUrl: 'https://hub.example.com' });
  });

  it('shows notifications and updates the tray', async () => {
    const { deps, call } = setup();
    expect(await call(IPC.notify, [{ title: 'Incoming call', body: '+86 138 1234 5678' }])).toEqual({ ok: true, value: null });
    expect(deps.notify).toHaveBeenCalledWith({ title: 'Incoming call', body: '+86 138 1234 5678' });
    expect(await call(IPC.trayStatus, [{ connection: 'offline', pending: 3 }])).toEqual({ ok: true, value: null });
    expect(deps.setTrayStatus).toHaveBeenCalledWith({ connection: 'offline', pending: 3 });
  });

  it.each([
    [IPC.setSettings, [{ hubUrl: 'javascript:alert(1)' }], 'hubUrl'],
    [IPC.setSettings, [{}], 'hubUrl'],
    [IPC.setSettings, ['http://hub'], ''],
    [IPC.notify, [{ title: '', body: 'x' }], 'title'],
    [IPC.notify, [{ title: 'x'.repeat(121), body: '' }], 'title'],
    [IPC.notify, [{ title: 'ok', body: 'x'.repeat(501) }], 'body'],
    [IPC.trayStatus, [{ connection: 'online', pending: -1 }], 'pending'],
    [IPC.trayStatus, [{ connection: 'hacked', pending: 0 }], 'connection'],
    [IPC.getSettings, [{ sneaky: true }], ''],
  ])('refuses an invalid %s payload, naming the field', async (channel, args, field) => {
    const { deps, call } = setup();
    const result = await call(channel, args);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(`invalid ${channel} request`);
      expect(result.error).toContain(field);
    }
    expect(deps.saveSettings).not.toHaveBeenCalled();
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.setTrayStatus).not.toHaveBeenCalled();
  });

  it('refuses a message from anyone but our window, before looking at it', async () => {
    const { deps, call } = setup();
    expect(await call(IPC.setSettings, [{ hubUrl: 'https://evil.example' }], stranger)).toEqual({ ok: false, error: IPC_ERRORS.untrustedSender });
    expect(await call('no:such-channel', [], stranger)).toEqual({ ok: false, error: IPC_ERRORS.untrustedSender });
    expect(deps.saveSettings).not.toHaveBeenCalled();
  });

  it('refuses unknown channels and extra arguments', async () => {
    const { call } = setup();
    expect(await call('shell:exec', ['rm -rf /'])).toEqual({ ok: false, error: IPC_ERRORS.unknownChannel });
    expect(await call(IPC.trayStatus, [{ connection: 'online', pending: 0 }, 'extra'])).toEqual({ ok: false, error: IPC_ERRORS.badArguments });
  });

  it('passes a BridgeError message on, but hides unexpected errors', async () => {
    const failing = setup({
      saveSettings: async () => {
        throw new BridgeError('settings could not be saved: disk full');
      },
    });
    expect(await failing.call(IPC.setSettings, [{ hubUrl: 'http://hub.local' }])).toEqual({ ok: false, error: 'settings could not be saved: disk full' });

    const crashing = setup({
      notify: () => {
        throw new Error('secret internals at /home/agent/.config');
      },
    });
    expect(await crashing.call(IPC.notify, [{ title: 'x', body: '' }])).toEqual({ ok: false, error: IPC_ERRORS.internal });
    expect(crashing.deps.logError).toHaveBeenCalledOnce();
  });
});
