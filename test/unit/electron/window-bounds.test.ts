import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, placeWindow, type Rect } from '../../../electron/window-bounds';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 860 };
const deskRight: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const saved = (x: number, y: number, width = 1200, height = 800, maximized = false) => ({ x, y, width, height, maximized });

describe('placeWindow', () => {
  it('centres the default size on the primary display the first time', () => {
    expect(placeWindow(undefined, [laptop], laptop)).toEqual({
      x: Math.floor((1440 - DEFAULT_WINDOW_SIZE.width) / 2),
      y: Math.floor((860 - DEFAULT_WINDOW_SIZE.height) / 2),
      ...DEFAULT_WINDOW_SIZE,
      maximized: false,
    });
  });

  it('restores saved bounds that are fully visible', () => {
    expect(placeWindow(saved(1600, 100), [laptop, deskRight], laptop)).toEqual(saved(1600, 100));
  });

  it('keeps a maximised window maximised', () => {
    expect(placeWindow(saved(1600, 100, 1200, 800, true), [laptop, deskRight], laptop).maximized).toBe(true);
  });

  it('moves the window home when its monitor was unplugged', () => {
    const placed = placeWindow(saved(2000, 200), [laptop], laptop);
    expect(placed).toEqual({ x: 120, y: 30, width: 1200, height: 800, maximized: false });
  });

  it('pulls a window hanging off the edge back inside the display it mostly sits on', () => {
    expect(placeWindow(saved(1000, -50), [laptop], laptop)).toEqual({ x: 240, y: 0, width: 1200, height: 800, maximized: false });
    expect(placeWindow(saved(3500, 1000), [laptop, deskRight], laptop)).toEqual({ x: 2800, y: 600, width: 1200, height: 800, maximized: false });
  });

  it('treats a sliver of a few pixels as lost', () => {
    const placed = placeWindow(saved(1420, 100), [laptop], laptop); // 20 px visible
    expect(placed.x).toBe(120);
  });

  it('shrinks a window bigger than the display to fit it', () => {
    const placed = placeWindow(saved(0, 0, 2560, 1400), [laptop], laptop);
    expect(placed).toEqual({ x: 0, y: 0, width: 1440, height: 860, maximized: false });
  });

  it('grows a window below the minimum size', () => {
    const placed = placeWindow(saved(10, 10, 300, 200), [laptop], laptop);
    expect(placed.width).toBe(MIN_WINDOW_SIZE.width);
    expect(placed.height).toBe(MIN_WINDOW_SIZE.height);
  });

  it('fits a display smaller than the minimum size rather than overflowing it', () => {
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 500 };
    expect(placeWindow(saved(0, 0), [tiny], tiny)).toEqual({ x: 0, y: 0, width: 800, height: 500, maximized: false });
  });

  it('handles displays left of and above the primary (negative coordinates)', () => {
    const left: Rect = { x: -1920, y: -200, width: 1920, height: 1080 };
    expect(placeWindow(saved(-1800, -100), [laptop, left], laptop)).toEqual(saved(-1800, -100));
  });

  it('always lands fully inside some display, whatever was saved', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 200, max: 4000 }),
      height: fc.integer({ min: 200, max: 3000 }),
    });
    fc.assert(
      fc.property(fc.array(rect, { minLength: 1, maxLength: 4 }), rect, fc.boolean(), (displays, bounds, maximized) => {
        const primary = displays[0] as Rect;
        const placed = placeWindow({ ...bounds, maximized }, displays, primary);
        const inside = displays.some(
          (d) => placed.x >= d.x && placed.y >= d.y && placed.x + placed.width <= d.x + d.width && placed.y + placed.height <= d.y + d.height,
        );
        expect(inside).toBe(true);
        expect(placed.maximized).toBe(maximized);
      }),
      { numRuns: 2000 },
    );
  });
});
