import { Menu, nativeImage, Tray } from 'electron';
import type { TrayStatus } from '../shared/protocol/desktop.js';
import { statusDotPng } from './tray-icon.js';
import { type Rgb, trayPresentation } from './tray-status.js';

/** Thin adapter: the tray icon, tooltip and menu for a sync status (see tray-status.ts). */
export interface StatusTray {
  update(status: TrayStatus): void;
  destroy(): void;
}

export interface TrayActions {
  show(): void;
  quit(): void;
}

export function createStatusTray(actions: TrayActions): StatusTray {
  const icons = new Map<string, Electron.NativeImage>();
  // Drawn at 32 px and marked 2×, so it is a crisp 16 pt dot on every density.
  const icon = (colour: Rgb) => {
    const key = colour.join(',');
    let image = icons.get(key);
    if (!image) {
      image = nativeImage.createFromBuffer(statusDotPng(colour, 32), { scaleFactor: 2 });
      icons.set(key, image);
    }
    return image;
  };

  const initial = trayPresentation(null);
  const tray = new Tray(icon(initial.colour));
  let shown = '';

  const render = (status: TrayStatus | null) => {
    const view = trayPresentation(status);
    // The renderer reports on every sync tick; rebuild only when something visible changed.
    if (view.tooltip === shown) return;
    shown = view.tooltip;
    tray.setImage(icon(view.colour));
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: view.statusLine, enabled: false },
        { type: 'separator' },
        { label: 'Show Switchboard', click: actions.show },
        { label: 'Quit', click: actions.quit },
      ]),
    );
  };

  tray.on('click', actions.show);
  render(null);
  return {
    update: render,
    destroy: () => tray.destroy(),
  };
}
