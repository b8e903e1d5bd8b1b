import type { IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import {
  type BridgeResult,
  type DesktopSettings,
  IPC,
  IPC_SCHEMAS,
  type NotificationRequestSchema,
  type TrayStatus,
} from '../shared/protocol/desktop.js';
import type { IpcSender } from './web-policy.js';

/**
 * The main-process side of the bridge, free of Electron so it is unit-tested:
 * main.ts registers `dispatchIpc` with ipcMain.handle for every channel.
 * Each message is checked in the same order — sender, argument count, schema —
 * before any handler runs; a refusal is an ordinary `{ ok: false }` answer,
 * never an exception (which Electron would log and turn into an opaque error).
 */

export type InvokeChannel = keyof typeof IPC_SCHEMAS;
type NotificationRequest = z.infer<typeof NotificationRequestSchema>;

export interface IpcDependencies {
  isTrustedSender(sender: IpcSender): boolean;
  getSettings(): DesktopSettings;
  /** Persists and returns what was saved; throws BridgeError when it cannot. */
  saveSettings(settings: DesktopSettings): Promise<DesktopSettings>;
  notify(request: NotificationRequest): void;
  setTrayStatus(status: TrayStatus): void;
  /** Where unexpected failures are reported (they are not sent to the renderer). */
  logError(message: string, error: unknown): void;
}

/** A failure whose message is safe and useful to show the agent. */
export class BridgeError extends Error {
  override name = 'BridgeError';
}

export const IPC_ERRORS = {
  untrustedSender: 'refused: message did not come from the Switchboard window',
  badArguments: 'refused: expected exactly one argument',
  unknownChannel: 'refused: unknown channel',
  internal: 'the desktop could not complete this request; see the desktop log',
} as const;

/** One channel's handler: validates the payload with the channel's schema, then runs. */
export type IpcRoute = (payload: unknown) => Promise<BridgeResult<unknown>>;
export type IpcRoutes = Record<InvokeChannel, IpcRoute>;

export function createIpcRoutes(deps: IpcDependencies): IpcRoutes {
  // Each route names its schema from IPC_SCHEMAS under the same key it is
  // registered for, so the handler below it receives the parsed, typed payload.
  const route =
    <S extends z.ZodType>(channel: InvokeChannel, schema: S, run: (payload: z.output<S>) => unknown): IpcRoute =>
    async (payload) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return { ok: false, error: `invalid ${channel} request: ${describeIssues(parsed.error.issues)}` };
      try {
        return { ok: true, value: await run(parsed.data) };
      } catch (error) {
        if (error instanceof BridgeError) return { ok: false, error: error.message };
        deps.logError(`IPC ${channel} failed`, error);
        return { ok: false, error: IPC_ERRORS.internal };
      }
    };

  return {
    [IPC.getSettings]: route(IPC.getSettings, IPC_SCHEMAS[IPC.getSettings], () => deps.getSettings()),
    [IPC.setSettings]: route(IPC.setSettings, IPC_SCHEMAS[IPC.setSettings], (settings) => deps.saveSettings(settings)),
    [IPC.notify]: route(IPC.notify, IPC_SCHEMAS[IPC.notify], (request) => {
      deps.notify(request);
      return null;
    }),
    [IPC.trayStatus]: route(IPC.trayStatus, IPC_SCHEMAS[IPC.trayStatus], (status) => {
      deps.setTrayStatus(status);
      return null;
    }),
  };
}

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(IPC_SCHEMAS, channel);
}

/**
 * Handles one ipcRenderer.invoke. `args` are the arguments after the event;
 * the preload always sends zero (getSettings) or one.
 */
export async function dispatchIpc(
  deps: Pick<IpcDependencies, 'isTrustedSender'>,
  routes: IpcRoutes,
  channel: string,
  sender: IpcSender,
  args: readonly unknown[],
): Promise<BridgeResult<unknown>> {
  if (!deps.isTrustedSender(sender)) return { ok: false, error: IPC_ERRORS.untrustedSender };
  if (!isInvokeChannel(channel)) return { ok: false, error: IPC_ERRORS.unknownChannel };
  if (args.length > 1) return { ok: false, error: IPC_ERRORS.badArguments };
  return routes[channel](args[0]);
}

/**
 * Who sent an invoke: the webContents and, above all, the frame. The frame's
 * URL is read when the message arrives, so a window that navigated away (or a
 * subframe inside ours) is seen for what it is rather than trusted by id.
 */
export function senderOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): IpcSender {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
