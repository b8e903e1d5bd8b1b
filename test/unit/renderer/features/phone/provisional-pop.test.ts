// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InteractionOf } from '../../../../../shared/domain/interaction';
import { applyChangePage } from '../../../../../renderer/db/apply-changes';
import { customerByPhone, timelineHead } from '../../../../../renderer/db/queries';
import type { SwitchboardDb } from '../../../../../renderer/db/schema';
import { isProvisional, lookUpCaller, reResolvedPop } from '../../../../../renderer/features/phone/screen-pop';
import { callSummary } from '../../../../../renderer/features/timeline/CallDetails';
import { translate } from '../../../../../renderer/i18n/translate';
import { parseCallerId } from '../../../../../shared/phone/caller-id';
import { changesFrom, makeCustomer, makeIdentity, openTestDb } from '../../fixtures';

const caller = parseCallerId({ fromUser: '13900000077', fromDisplay: '', assertedIdentity: '' }, 'CN');
const E164 = '+8613900000077';

describe('a provisional customer on the screen pop', () => {
  let db: SwitchboardDb;
  const known = makeCustomer({ name: 'Zhao Lei', number: 'C000777', tier: 'vip' });
  const provisional = makeCustomer({ name: '+86 139 0000 0077', number: 'P0000001', tags: ['provisional'], tier: 'small' });
  const phone = makeIdentity(provisional.id, 'phone', E164);
  const call: InteractionOf<'call'> = {
    id: '01HZ0000000000000000000009',
    customerId: provisional.id,
    occurredAt: 1_700_000_000_000,
    agentId: null,
    channel: 'call',
    direction: 'inbound',
    from: E164,
    to: 'support',
    durationSec: 0,
    disposition: null,
    outcome: 'abandoned',
    waitSec: 42,
    holdSec: 0,
  };

  beforeEach(async () => {
    db = openTestDb();
    const changes = changesFrom(1, known);
    await applyChangePage(db, changes, changes.length, { interactionsSince: 0 });
  });

  afterEach(async () => {
    await db.delete();
  });

  it('re-resolves an unknown caller once the hub’s provisional customer reaches the cache', async () => {
    const before = await lookUpCaller(db, caller);
    expect(before).toEqual({ kind: 'unknown' });
    expect(reResolvedPop(before, await customerByPhone(db, E164))).toBeNull();
    const arrived = changesFrom(2, provisional, phone);
    await applyChangePage(db, arrived, 3, { interactionsSince: 0 });
    const cached = await customerByPhone(db, E164);
    expect(cached && isProvisional(cached)).toBe(true);
    expect(reResolvedPop(before, cached)).toEqual({ kind: 'known', customerId: provisional.id, name: provisional.name, number: 'P0000001', tier: 'small' });
    // Nothing new: the pop stands.
    expect(reResolvedPop(await lookUpCaller(db, caller), cached)).toBeNull();
    expect(reResolvedPop({ kind: 'looking' }, cached)).toBeNull();
    // Saved as new under a real name: the pop shows it.
    const named = cached ? { ...cached, name: '陈静', tags: [] } : null;
    expect(reResolvedPop(await lookUpCaller(db, caller), named)).toMatchObject({ kind: 'known', customerId: provisional.id, name: '陈静' });
  });

  it('follows the link: the number, the call and the pop move to the existing customer; the provisional one is gone', async () => {
    await applyChangePage(db, changesFrom(2, provisional, phone, call), 4, { interactionsSince: 0 });
    const pop = await lookUpCaller(db, caller);
    // What the hub sends for "link to existing" (hub/customers/link-customer.ts): rows move, then the customer goes.
    await applyChangePage(
      db,
      [
        { seq: 5, entity: 'identity', op: 'put', data: { ...phone, customerId: known.id } },
        { seq: 6, entity: 'interaction', op: 'put', data: { ...call, customerId: known.id } },
        { seq: 7, entity: 'customer', op: 'delete', data: { id: provisional.id } },
      ],
      7,
      { interactionsSince: 0 },
    );
    expect(await db.customers.get(provisional.id)).toBeUndefined();
    expect(await timelineHead(db, provisional.id, 10)).toEqual([]);
    expect((await timelineHead(db, known.id, 10)).map((item) => item.id)).toEqual([call.id]);
    expect(reResolvedPop(pop, await customerByPhone(db, E164))).toMatchObject({ kind: 'known', customerId: known.id, name: 'Zhao Lei', tier: 'vip' });
  });

  it('sums a call up by how it ended, in both languages', () => {
    expect(callSummary((key, params) => translate('en', key, params), call)).toBe('Inbound · Abandoned · waited 0:42');
    const answered = { ...call, outcome: 'answered' as const, durationSec: 185, waitSec: 12, holdSec: 30, disposition: 'resolved' };
    expect(callSummary((key, params) => translate('zh-CN', key, params), answered)).toBe('呼入 · 3:05 · 等待 0:12 · 保持 0:30 · 已解决');
    const old = { ...call, outcome: undefined, waitSec: undefined, holdSec: undefined, durationSec: 61 };
    expect(callSummary((key, params) => translate('en', key, params), old)).toBe('Inbound · 1:01');
  });
});
