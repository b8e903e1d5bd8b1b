import type { Queryable } from './schema';

export async function readMeta(db: Queryable, key: string): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** Keeps the first value ever written: two hubs starting together on one Postgres agree on it. */
export async function readOrInitMeta(db: Queryable, key: string, initial: () => string): Promise<string> {
  await db
    .insertInto('meta')
    .values({ key, value: initial() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const value = await readMeta(db, key);
  if (value === null) throw new Error(`meta ${key} vanished right after it was written`);
  return value;
}
