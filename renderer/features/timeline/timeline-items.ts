import type { Interaction } from '../../../shared/domain/interaction';

/**
 * The timeline's order: cached ids (newest first), then history fetched from
 * the hub, which is strictly older; anything fetched that is also cached is
 * shown once.
 */
export function mergeTimeline(cachedIds: readonly string[], older: readonly Interaction[]): string[] {
  if (older.length === 0) return [...cachedIds];
  const seen = new Set(cachedIds);
  const merged = [...cachedIds];
  for (const interaction of older) {
    if (!seen.has(interaction.id)) {
      seen.add(interaction.id);
      merged.push(interaction.id);
    }
  }
  return merged;
}

/** Ids in [start, end) whose rows are not loaded yet. */
export function missingIds(ids: readonly string[], start: number, end: number, loaded: (id: string) => boolean): string[] {
  const missing: string[] = [];
  for (let i = Math.max(0, start); i < Math.min(ids.length, end); i++) {
    const id = ids[i];
    if (id !== undefined && !loaded(id)) missing.push(id);
  }
  return missing;
}

/**
 * Where the next history page starts: below the last row fetched, else below
 * the oldest cached row, else below now. The id breaks ties between
 * interactions in the same millisecond.
 */
export function historyCursor(
  oldestCached: Interaction | undefined,
  older: readonly Interaction[],
  now: number,
): { before: number; beforeId?: string } {
  const last = older.at(-1) ?? oldestCached;
  return last ? { before: last.occurredAt, beforeId: last.id } : { before: now + 1 };
}
