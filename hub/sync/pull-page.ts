import type { Change, PullResult } from '../../shared/protocol/changes';

/**
 * Where a pull page leaves the desktop's cursor. A short page means the
 * window up to `head` is exhausted, so the cursor may jump to `head` even if
 * the last rows were old interactions filtered out; a full page stops at its
 * last change and the desktop asks again.
 */
export function pageOfChanges(changes: Change[], head: number, limit: number): PullResult {
  const last = changes.at(-1);
  const cursor = changes.length >= limit && last ? last.seq : head;
  return { changes, cursor, head, more: cursor < head };
}
