import { readdirSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether dist/renderer must be rebuilt before starting. A stale build is the
 * classic "my change isn't showing up" trap, and a missing one means the hub
 * serves nothing and Electron opens an error box.
 */

export type RendererBuildDecision = { build: false } | { build: true; reason: string };

/**
 * @param builtAtMs mtime of dist/renderer/index.html, or null when it does not exist
 * @param newestSourceMs newest mtime among the renderer's inputs, or null when none were found
 */
export function decideRendererBuild(builtAtMs: number | null, newestSourceMs: number | null): RendererBuildDecision {
  if (builtAtMs === null) return { build: true, reason: 'dist/renderer/index.html is missing' };
  if (newestSourceMs !== null && newestSourceMs > builtAtMs) {
    return { build: true, reason: 'renderer sources changed since the last build' };
  }
  return { build: false };
}

/** Inputs of the renderer build, relative to the repo root. shared/ is bundled into it too. */
export const RENDERER_INPUTS = ['renderer', 'shared', 'vite.config.ts', 'package.json'] as const;

/** Newest mtime (ms) of any file under the given paths; dot-directories and node_modules are skipped. */
export function newestMtimeMs(root: string, inputs: readonly string[]): number | null {
  let newest: number | null = null;
  const visit = (target: string): void => {
    let stats: Stats;
    try {
      stats = statSync(target);
    } catch {
      return; // an input that does not exist yet (e.g. an empty checkout) is simply not newer
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(target)) {
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        visit(path.join(target, entry));
      }
      return;
    }
    if (newest === null || stats.mtimeMs > newest) newest = stats.mtimeMs;
  };
  for (const input of inputs) visit(path.join(root, input));
  return newest;
}

export function mtimeMsOrNull(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}
