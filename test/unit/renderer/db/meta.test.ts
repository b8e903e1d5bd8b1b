// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { interactionsSinceFor, markRecent, pushRecent, readRecentIds, readSettings, writeSettings } from '../../../../renderer/db/meta';
import { openTestDb } from '../fixtures';

describe('recent customers', () => {
  it('puts the latest first, without repeats, capped', () => {
    expect(pushRecent(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(pushRecent(['a', 'b'], 'c', 2)).toEqual(['c', 'a']);
  });

  it('is kept in the cache', async () => {
    const db = openTestDb();
    await markRecent(db, 'one');
    await markRecent(db, 'two');
    expect(await readRecentIds(db)).toEqual(['two', 'one']);
    await db.delete();
  });
});

describe('cache settings', () => {
  it('default to a two-year interaction window and China, and can be changed', async () => {
    const db = openTestDb();
    expect(await readSettings(db)).toEqual({ interactionWindowDays: 730, region: 'CN' });
    await writeSettings(db, { interactionWindowDays: 30, region: 'GB' });
    expect(await readSettings(db)).toEqual({ interactionWindowDays: 30, region: 'GB' });
    await db.delete();
  });

  it('turn the window into an epoch-ms bound', () => {
    expect(interactionsSinceFor({ interactionWindowDays: 1, region: 'CN' }, 100_000_000)).toBe(100_000_000 - 86_400_000);
    expect(interactionsSinceFor({ interactionWindowDays: 730, region: 'CN' }, 1_000)).toBe(0);
  });
});
