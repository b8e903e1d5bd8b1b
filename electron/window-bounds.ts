import type { WindowBounds } from './settings.js';

/**
 * Where to put the window on start. Saved bounds can point at a monitor that
 * has since been unplugged or shrunk (a laptop undocked from the desk screens
 * is the everyday case), and a window placed off-screen looks to the agent
 * like an app that never opened.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowPlacement extends Rect {
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
/** Below this the queue, timeline and softphone panels no longer fit side by side. */
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;

/**
 * @param saved bounds from settings.json, if any
 * @param workAreas the work area of every attached display (taskbars excluded)
 * @param primary the primary display's work area, used when nothing else fits
 */
export function placeWindow(saved: WindowBounds | undefined, workAreas: readonly Rect[], primary: Rect): WindowPlacement {
  if (!saved) return { ...centre(DEFAULT_WINDOW_SIZE, primary), maximized: false };
  const home = bestDisplay(saved, workAreas);
  if (!home) return { ...centre(saved, primary), maximized: saved.maximized };
  const size = clampSize(saved, home);
  return {
    x: clamp(saved.x, home.x, home.x + home.width - size.width),
    y: clamp(saved.y, home.y, home.y + home.height - size.height),
    ...size,
    maximized: saved.maximized,
  };
}

/** The display showing most of the window, or null when too little of it would be visible to grab. */
function bestDisplay(bounds: Rect, workAreas: readonly Rect[]): Rect | null {
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersection(bounds, area);
    if (overlap && overlap.width * overlap.height > bestArea) {
      best = area;
      bestArea = overlap.width * overlap.height;
    }
  }
  // A sliver of a few pixels counts as lost: the agent cannot reach the title bar.
  const MIN_VISIBLE = 64;
  if (!best) return null;
  const overlap = intersection(bounds, best);
  return overlap && overlap.width >= MIN_VISIBLE && overlap.height >= MIN_VISIBLE ? best : null;
}

function centre(size: { width: number; height: number }, area: Rect): Rect {
  const { width, height } = clampSize(size, area);
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
}

function clampSize(size: { width: number; height: number }, area: Rect): { width: number; height: number } {
  // On a screen smaller than our minimum, fit the screen rather than overflow it.
  return {
    width: clamp(size.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width),
    height: clamp(size.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height),
  };
}

function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
