import type { Page } from 'playwright-core';

/**
 * The desktop's cache as a test reads and edits it: the 'meta' store of each
 * switchboard:* IndexedDB database the page holds (test-only; the app is unchanged).
 */

/** The value under `key` in the cache's meta store, or null when no database holds it. */
export async function cachedMeta(page: Page, key: string): Promise<unknown> {
  return (await accessMeta(page, { key, write: false })) ?? null;
}

/** Replaces the value under `key` wherever the cache holds it (as the app would have written it yesterday); throws when none does. */
export async function replaceCachedMeta(page: Page, key: string, value: unknown): Promise<void> {
  if ((await accessMeta(page, { key, value, write: true })) === null) throw new Error(`the desktop's cache holds no '${key}'`);
}

function accessMeta(page: Page, access: { key: string; value?: unknown; write: boolean }): Promise<unknown> {
  return page.evaluate(async ({ key, value, write }) => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('switchboard:'));
    let found: unknown = null;
    for (const name of names) {
      const row = await new Promise<{ value?: unknown } | undefined>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) {
            db.close();
            return resolve(undefined);
          }
          const transaction = db.transaction('meta', write ? 'readwrite' : 'readonly');
          const store = transaction.objectStore('meta');
          const read = store.get(key);
          let result: { value?: unknown } | undefined;
          read.onsuccess = () => {
            result = read.result as { value?: unknown } | undefined;
            if (write && result) store.put({ ...result, value });
          };
          transaction.oncomplete = () => {
            db.close();
            resolve(result);
          };
          transaction.onerror = () => reject(transaction.error);
        };
      });
      if (found === null && row?.value) found = row.value;
    }
    return found;
  }, access);
}
