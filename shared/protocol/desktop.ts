import { z } from 'zod';

/**
 * The one bridge between the Electron main process and the renderer
 * (`window.desktop`). In web mode it is absent and the renderer falls back to
 * browser APIs. Every IPC payload is checked against these schemas on the main side.
 */
export const DesktopSettingsSchema = z.object({
  hubUrl: z.url({ protocol: /^https?$/ }),
});
export type DesktopSettings = z.infer<typeof DesktopSettingsSchema>;

export const NotificationRequestSchema = z.object({
  title: z.string().min(1).max(120),
  body: z.string().max(500),
});

export const TrayStatusSchema = z.object({
  connection: z.enum(['online', 'offline', 'syncing']),
  pending: z.number().int().nonnegative(),
});
export type TrayStatus = z.infer<typeof TrayStatusSchema>;

/** A tel: or sip: link the OS handed us, parsed to something the softphone can dial. */
export const DialLinkSchema = z.object({
  scheme: z.enum(['tel', 'sip']),
  target: z.string().min(1).max(256),
});
export type DialLink = z.infer<typeof DialLinkSchema>;

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: string };

export const IPC = {
  getSettings: 'settings:get',
  setSettings: 'settings:set',
  notify: 'notify:show',
  trayStatus: 'tray:status',
  dialLink: 'link:dial',
} as const;

export const IPC_SCHEMAS = {
  [IPC.getSettings]: z.undefined(),
  [IPC.setSettings]: DesktopSettingsSchema,
  [IPC.notify]: NotificationRequestSchema,
  [IPC.trayStatus]: TrayStatusSchema,
} as const;

export interface DesktopBridge {
  readonly kind: 'electron';
  getSettings(): Promise<BridgeResult<DesktopSettings>>;
  setSettings(settings: DesktopSettings): Promise<BridgeResult<DesktopSettings>>;
  notify(request: z.infer<typeof NotificationRequestSchema>): Promise<BridgeResult<null>>;
  setTrayStatus(status: TrayStatus): Promise<BridgeResult<null>>;
  /** Subscribe to dial links (tel:/sip:) opened from other apps; returns an unsubscribe. */
  onDialLink(listener: (link: DialLink) => void): () => void;
}
