// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChangePage } from '../../../../renderer/db/apply-changes';
import type { SwitchboardDb } from '../../../../renderer/db/schema';
import { searchCustomers } from '../../../../renderer/db/search';
import { changesFrom, makeCustomer, makeIdentity, openTestDb } from '../fixtures';

describe('searchCustomers over the cache', () => {
  let db: SwitchboardDb;
  const wang = makeCustomer({ name: 'Wang Xiaoming', number: 'C000123' });
  const li = makeCustomer({ name: '李娜', number: 'C000456', company: '华为' });
  const smith = makeCustomer({ name: 'Mary Ann Smith', number: 'C001230' });

  beforeEach(async () => {
    db = openTestDb();
    const changes = changesFrom(
      1,
      wang,
      li,
      smith,
      makeIdentity(wang.id, 'phone', '+8613812345678'),
      makeIdentity(li.id, 'phone', '+861088886666'),
      makeIdentity(smith.id, 'email', 'mary.smith@example.com'),
    );
    await applyChangePage(db, changes, changes.length, { interactionsSince: 0 });
  });

  afterEach(async () => {
    await db.delete();
  });

  const names = async (query: string) => (await searchCustomers(db, query, 'CN')).map((hit) => hit.customer.name);

  it('finds by name prefix and name-word prefix, case-insensitively', async () => {
    expect(await names('wan')).toEqual(['Wang Xiaoming']);
    expect(await names('XIAO')).toEqual(['Wang Xiaoming']);
    expect(await names('ann smi')).toEqual(['Mary Ann Smith']);
    expect(await names('ann jones')).toEqual([]);
  });

  it('finds a full name typed in order even when its first word is common', async () => {
    // 120 Olivers whose surnames sort before Smith fill any capped first-word look-up.
    const olivers = Array.from({ length: 120 }, (_, i) =>
      makeCustomer({ name: `Oliver A${String(i).padStart(3, '0')}`, number: `C9${String(i).padStart(5, '0')}` }),
    );
    const target = makeCustomer({ name: 'Oliver Smith', number: 'C777777' });
    const changes = changesFrom(100, ...olivers, target);
    await applyChangePage(db, changes, 100 + changes.length, { interactionsSince: 0 });
    expect(await names('oliver smith')).toEqual(['Oliver Smith']);
    expect(await names('Oliver Smi')).toEqual(['Oliver Smith']);
  });

  it('finds Chinese names by prefix', async () => {
    expect(await names('李')).toEqual(['李娜']);
  });

  it('finds by customer number, in full or by its digits', async () => {
    expect(await names('c000456')).toEqual(['李娜']);
    expect(await names('456')).toEqual(['李娜']);
    // "123" is exactly C000123 and a prefix of C001230's digits: the exact one first.
    expect(await names('123')).toEqual(['Wang Xiaoming', 'Mary Ann Smith']);
  });

  it('finds a phone number typed in any format, and while it is being typed', async () => {
    for (const typed of ['138 1234 5678', '+86 138-1234-5678', '13812', '(010) 8888']) {
      const hits = await searchCustomers(db, typed, 'CN');
      expect(hits.length, typed).toBe(1);
    }
    const [exact] = await searchCustomers(db, '138-1234-5678', 'CN');
    expect(exact).toMatchObject({ match: 'phone', matched: '+8613812345678', exact: true });
  });

  it('finds by email prefix, case-insensitively', async () => {
    const hits = await searchCustomers(db, 'Mary.Sm', 'CN');
    expect(hits.map((hit) => [hit.customer.name, hit.match])).toEqual([['Mary Ann Smith', 'email']]);
  });

  it('follows edits: a renamed customer is found by the new name only', async () => {
    await applyChangePage(db, changesFrom(7, { ...wang, name: 'Zhao Lei' }), 7, { interactionsSince: 0 });
    expect(await names('wang')).toEqual([]);
    expect(await names('zhao')).toEqual(['Zhao Lei']);
  });
});
