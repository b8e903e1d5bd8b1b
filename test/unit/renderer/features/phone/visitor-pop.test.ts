// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChangePage } from '../../../../../renderer/db/apply-changes';
import type { SwitchboardDb } from '../../../../../renderer/db/schema';
import { cachedCaller, isProvisional, lookUpCaller, reResolvedPop } from '../../../../../renderer/features/phone/screen-pop';
import { parseCallerId } from '../../../../../shared/phone/caller-id';
import { visitorSipUser } from '../../../../../shared/protocol/visitor';
import { changesFrom, makeCustomer, makeIdentity, openTestDb } from '../../fixtures';

const VISITOR = '01HZX5V8Q2M3N4P5R6S7T8V9WA';
const visitorCaller = parseCallerId({ fromUser: visitorSipUser(VISITOR), fromDisplay: 'Vic', assertedIdentity: '' }, 'CN');
const agentCaller = parseCallerId({ fromUser: 'agent2', fromDisplay: 'Agent Two', assertedIdentity: '' }, 'CN');

/**
 * A web visitor calling from the chat widget is found by their visitor
 * identity; whose chat customer is provisional gets the same offers on the
 * pop ("Save as new", "Link to existing") as an unknown number's caller,
 * because the pop reads the same cached customer and its provisional tag.
 */
describe('a web visitor on the screen pop', () => {
  let db: SwitchboardDb;
  const provisional = makeCustomer({ name: 'Vic', number: 'P0000042', tags: ['provisional'], tier: 'small' });
  const visitor = makeIdentity(provisional.id, 'visitor', VISITOR);
  const other = makeCustomer({ name: 'Zhao Lei', number: 'C000777', tier: 'vip' });

  beforeEach(async () => {
    db = openTestDb();
    const changes = changesFrom(1, other);
    await applyChangePage(db, changes, changes.length, { interactionsSince: 0 });
  });

  afterEach(async () => {
    await db.delete();
  });

  it('reads the visitor’s provisional chat customer, so the pop offers to save or link them', async () => {
    expect(visitorCaller.kind).toBe('extension');
    const before = await lookUpCaller(db, visitorCaller);
    expect(before).toEqual({ kind: 'unknown' });
    expect(await cachedCaller(db, visitorCaller)).toBeNull();

    await applyChangePage(db, changesFrom(2, provisional, visitor), 3, { interactionsSince: 0 });
    const cached = await cachedCaller(db, visitorCaller);
    expect(cached?.id).toBe(provisional.id);
    expect(cached && isProvisional(cached)).toBe(true);
    expect(reResolvedPop(before, cached)).toEqual({ kind: 'known', customerId: provisional.id, name: 'Vic', number: 'P0000042', tier: 'small' });
  });

  it('follows the link to an existing customer, as for a phone caller', async () => {
    await applyChangePage(db, changesFrom(2, provisional, visitor), 3, { interactionsSince: 0 });
    const pop = await lookUpCaller(db, visitorCaller);
    await applyChangePage(
      db,
      [
        { seq: 4, entity: 'identity', op: 'put', data: { ...visitor, customerId: other.id } },
        { seq: 5, entity: 'customer', op: 'delete', data: { id: provisional.id } },
      ],
      5,
      { interactionsSince: 0 },
    );
    const linked = await cachedCaller(db, visitorCaller);
    expect(linked && isProvisional(linked)).toBe(false);
    expect(reResolvedPop(pop, linked)).toMatchObject({ kind: 'known', customerId: other.id, name: 'Zhao Lei', tier: 'vip' });
  });

  it('an agent’s extension has no customer to read', async () => {
    expect(await cachedCaller(db, agentCaller)).toBeNull();
    expect(await lookUpCaller(db, agentCaller)).toEqual({ kind: 'none' });
  });
});
