// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerValueSettingsSchema, emptySummary } from '../../../../../shared/crm/customer-value';
import type { Change } from '../../../../../shared/protocol/changes';
import { ChangeSchema } from '../../../../../shared/protocol/changes';
import type { CustomerValueRecord } from '../../../../../shared/protocol/customer-value';
import { incrementalValue, valueRecord } from '../../../../../hub/crm/value-figures';
import { applyChangePage, planChanges, resetCache } from '../../../../../renderer/db/apply-changes';
import type { SwitchboardDb } from '../../../../../renderer/db/schema';
import { makeCustomer, openTestDb } from '../../fixtures';

const NOW = Date.UTC(2026, 10, 24, 12);
const SETTINGS = CustomerValueSettingsSchema.parse({});

const record = (customerId: string, pointsBalance: number): CustomerValueRecord =>
  valueRecord(incrementalValue(emptySummary(customerId, SETTINGS), null, 'key', 3, NOW, SETTINGS), {
    pointsBalance,
    orderCount: 0,
    lastOrderAt: null,
    creditNote: null,
    computedAt: NOW,
  });
const change = (seq: number, data: CustomerValueRecord): Change => ChangeSchema.parse({ seq, entity: 'customerValue', op: 'put', data });

describe('customer value in the desk cache', () => {
  const customer = makeCustomer();
  let db: SwitchboardDb;
  beforeEach(() => {
    db = openTestDb();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('keeps the last figures per customer from a page of changes', () => {
    const plan = planChanges([change(1, record(customer.id, 5)), change(2, record(customer.id, 9))], 0);
    expect(plan.customerValues.get(customer.id)?.pointsBalance).toBe(9);
  });

  it('stores them by customer for offline screens, and empties them with the rest of a reset cache', async () => {
    await applyChangePage(db, [change(1, record(customer.id, 7))], 1, { interactionsSince: 0 });
    expect(await db.customerValues.get(customer.id)).toMatchObject({ customerId: customer.id, tier: 'key', tierRank: 3, pointsBalance: 7 });
    await resetCache(db);
    expect(await db.customerValues.count()).toBe(0);
  });
});
