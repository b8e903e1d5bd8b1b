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

/**
 * A setting an admin saves (routing, voice, email, SMS): JSON under one meta
 * key, checked by its schema on the way out; `unset` until it is first saved.
 */
export async function readSetting<T>(db: Queryable, key: string, schema: { parse(value: unknown): T }, unset: T): Promise<T> {
  const value = await readMeta(db, key);
  return value === null ? unset : schema.parse(JSON.parse(value));
}

export async function saveSetting(db: Queryable, key: string, setting: unknown): Promise<void> {
  const value = JSON.stringify(setting);
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
