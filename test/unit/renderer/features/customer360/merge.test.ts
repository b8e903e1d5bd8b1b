import { describe, expect, it } from 'vitest';
import { withTerms } from '../../../../../renderer/db/search-terms';
import { nameProbeTerms, pendingMergesInto, possibleDuplicates } from '../../../../../renderer/features/customer360/duplicate-candidates';
import { mergeCustomers } from '../../../../../renderer/sync/mutations';
import { settleResults } from '../../../../../renderer/sync/outbox';
import { makeCustomer, makeIdentity, openTestDb } from '../../fixtures';

/** The desktop's half of a merge: finding look-alikes in the cache, the offline merge, and its undo. */
describe('customer merge on the desktop', () => {
  it('probes the name index by words, letters run together, and a Chinese name by character', () => {
    expect(nameProbeTerms('Wang  Fang')).toEqual(['wang  fang', 'wang', 'fang', 'wangfang']);
    expect(nameProbeTerms('王芳')).toEqual(['王芳', '王', '芳']);
  });

  it('finds look-alikes in the cache by name and by mailbox, with their reasons', async () => {
    const db = openTestDb();
    const subject = makeCustomer({ number: 'C000010', name: '王芳' });
    const spaced = makeCustomer({ number: 'C000011', name: '王 芳' });
    const sameMailbox = makeCustomer({ number: 'P0000001', name: '+86 138 0000 0000' });
    const stranger = makeCustomer({ number: 'C000012', name: '李雷' });
    await db.customers.bulkPut([subject, spaced, sameMailbox, stranger].map((customer) => withTerms(customer)));
    await db.identities.bulkPut([
      makeIdentity(subject.id, 'email', 'wang.fang@example.com'),
      makeIdentity(sameMailbox.id, 'email', 'wang.fang+shop@example.com'),
      makeIdentity(stranger.id, 'email', 'li.lei@example.com'),
    ]);
    const found = await possibleDuplicates(db, subject.id, 'CN');
    expect(found.map((suggestion) => [suggestion.number, suggestion.reasons.map((reason) => reason.kind)])).toEqual([
      ['P0000001', ['same-email']],
      ['C000011', ['same-name']],
    ]);
    db.close();
  });

  it('hides the duplicate at once offline, and puts it back when the hub refuses', async () => {
    const db = openTestDb();
    const survivor = withTerms(makeCustomer({ number: 'C000020', name: 'Li Na' }));
    const duplicate = withTerms(makeCustomer({ number: 'C000021', name: 'Na Li' }));
    await db.customers.bulkPut([survivor, duplicate]);
    const mutation = await mergeCustomers({ db, agentId: 'A', region: 'CN' }, survivor.id, duplicate.id);

    expect(await db.customers.get(duplicate.id)).toBeUndefined();
    expect(await pendingMergesInto(db, survivor.id)).toEqual([duplicate.id]);
    expect(await pendingMergesInto(db, duplicate.id)).toEqual([]);

    // Another agent merged the pair the other way first: the hub refuses, and the cache is as it was.
    const refusals = await settleResults(db, [{ id: mutation.id, status: 'rejected', error: { code: 'not-found', message: 'gone' } }]);
    expect(refusals).toHaveLength(1);
    expect(await db.customers.get(duplicate.id)).toEqual(duplicate);
    expect(await pendingMergesInto(db, survivor.id)).toEqual([]);
    db.close();
  });

  it('refuses to queue a merge of a customer into themselves', async () => {
    const db = openTestDb();
    const customer = withTerms(makeCustomer());
    await db.customers.put(customer);
    await expect(mergeCustomers({ db, agentId: 'A', region: 'CN' }, customer.id, customer.id)).rejects.toThrow(/merged into themselves/);
    expect(await db.customers.get(customer.id)).toEqual(customer);
    expect(await db.outbox.count()).toBe(0);
    db.close();
  });
});
