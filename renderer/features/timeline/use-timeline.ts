import { useCallback, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Interaction } from '../../../shared/domain/interaction';
import { useDb } from '../../db/context';
import { useTimelineHead, useTimelineIds } from '../../db/hooks';
import { getInteractions } from '../../db/queries';
import { useSync } from '../../sync/context';
import { historyCursor, mergeTimeline, missingIds } from './timeline-items';

export type OlderState = 'idle' | 'loading' | 'done' | 'error';

/** Rows are read in chunks around what is on screen. */
const CHUNK = 50;
/** Enough rows to fill the first screen of the tallest window, read in one go: one chunk, so no second read follows at once. */
const FIRST_SCREEN = CHUNK;
const HISTORY_PAGE = 200;

/**
 * A customer's whole timeline without loading it (the component using it is
 * keyed by customer, so nothing carries over from the previous one): ids from the cache's index,
 * rows only for the visible window (interactions are append-only, so a row
 * read once stays right), and older history from the hub page by page.
 */
export function useTimeline(customerId: string) {
  const db = useDb();
  const { engine } = useSync();
  const online = useStore(engine.status, (state) => state.connection.kind === 'online' || state.connection.kind === 'syncing');
  const head = useTimelineHead(customerId, FIRST_SCREEN);
  const cachedIds = useTimelineIds(customerId, head.status !== 'loading');
  const rows = useRef(new Map<string, Interaction>());
  const [, setVersion] = useState(0);
  const [older, setOlder] = useState<Interaction[]>([]);
  const [olderState, setOlderState] = useState<OlderState>('idle');
  const reading = useRef(new Set<string>());

  const cached = cachedIds.status === 'ready' ? cachedIds.value : null;
  const headRows = useMemo(() => new Map((head.status === 'ready' ? head.value : []).map((row) => [row.id, row])), [head]);
  // Until every cached id is listed, the newest rows alone make the first screen.
  const ids = cached ? mergeTimeline(cached, older) : [...headRows.keys()];

  const ensureRows = useCallback(
    (start: number, end: number) => {
      const wanted = missingIds(ids, start - CHUNK / 2, end + CHUNK / 2, (id) => rows.current.has(id) || headRows.has(id) || reading.current.has(id));
      if (wanted.length === 0) return;
      for (const id of wanted) reading.current.add(id);
      void getInteractions(db, wanted).then((found) => {
        for (const id of wanted) reading.current.delete(id);
        for (const row of found) if (row) rows.current.set(row.id, row);
        setVersion((version) => version + 1);
      });
    },
    [db, ids, headRows],
  );

  const loadOlder = useCallback(async () => {
    if (olderState === 'loading' || olderState === 'done' || !online || !cached) return;
    setOlderState('loading');
    try {
      const lastCachedId = cached.at(-1);
      const oldestCached = lastCachedId ? (rows.current.get(lastCachedId) ?? (await getInteractions(db, [lastCachedId]))[0]) : undefined;
      const page = await engine.loadHistory({ customerId, ...historyCursor(oldestCached, older, Date.now()), limit: HISTORY_PAGE });
      for (const row of page.interactions) rows.current.set(row.id, row);
      setOlder((previous) => [...previous, ...page.interactions]);
      setOlderState(page.more && page.interactions.length > 0 ? 'idle' : 'done');
    } catch {
      setOlderState('error');
    }
  }, [olderState, online, cached, db, engine, customerId, older]);

  return {
    ready: cached !== null,
    ids,
    rowOf: (id: string) => rows.current.get(id) ?? headRows.get(id),
    ensureRows,
    loadOlder,
    olderState,
    online,
    retryOlder: () => setOlderState('idle'),
  };
}
