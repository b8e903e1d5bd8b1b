import type { TrayStatus } from '../shared/protocol/desktop.js';

/**
 * What the tray shows for a sync status. An agent glances at the tray to know
 * whether the desktop is connected and whether work typed offline is still
 * waiting to reach the hub, so the pending count is always spelled out.
 */

export type Rgb = readonly [number, number, number];

export interface TrayPresentation {
  tooltip: string;
  /** first, disabled line of the tray menu */
  statusLine: string;
  colour: Rgb;
}

const COLOURS = {
  online: [34, 160, 80],
  syncing: [230, 160, 20],
  offline: [200, 50, 50],
  unknown: [128, 128, 128],
} as const satisfies Record<TrayStatus['connection'] | 'unknown', Rgb>;

const LABELS = { online: 'Online', syncing: 'Syncing', offline: 'Offline' } as const satisfies Record<TrayStatus['connection'], string>;

/** `status` is null until the renderer first reports in. */
export function trayPresentation(status: TrayStatus | null): TrayPresentation {
  if (status === null) {
    return { tooltip: 'Switchboard — starting', statusLine: 'Starting…', colour: COLOURS.unknown };
  }
  const label = LABELS[status.connection];
  const statusLine = status.pending > 0 ? `${label} · ${pendingText(status.pending)}` : label;
  return { tooltip: `Switchboard — ${statusLine}`, statusLine, colour: COLOURS[status.connection] };
}

function pendingText(pending: number): string {
  return pending === 1 ? '1 change waiting to send' : `${pending} changes waiting to send`;
}
