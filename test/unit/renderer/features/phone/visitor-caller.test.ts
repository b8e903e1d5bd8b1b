// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChangePage } from '../../../../../renderer/db/apply-changes';
import type { SwitchboardDb } from '../../../../../renderer/db/schema';
import { callerAddress, callerLabel } from '../../../../../renderer/features/phone/caller-label';
import { lookUpCaller } from '../../../../../renderer/features/phone/screen-pop';
import { translate } from '../../../../../renderer/i18n/translate';
import { parseCallerId } from '../../../../../shared/phone/caller-id';
import { changesFrom, makeCustomer, makeIdentity, openTestDb } from '../../fixtures';

/** A web visitor calling from the chat widget: From `"Name" <sip:v~<visitorId>@…>`. */
const visitor = parseCallerId({ fromUser: 'v~01HZX5V8Q2M3N4P5R6S7T8V9WA', fromDisplay: 'Vera Visitor', assertedIdentity: '' }, 'CN');

describe('a web visitor on the call card', () => {
  it('is named by the name they gave the chat; their SIP user (an id) is not printed as an address', () => {
    const en = (key: Parameters<typeof translate>[1]) => translate('en', key);
    expect(visitor).toEqual({ kind: 'extension', user: 'v~01HZX5V8Q2M3N4P5R6S7T8V9WA', display: 'Vera Visitor' });
    expect(callerLabel(visitor, en)).toBe('Vera Visitor');
    expect(callerAddress(visitor)).toBe('');
  });

  it('leaves agents’ extensions as they were', () => {
    expect(callerAddress({ kind: 'extension', user: 'agent2', display: null })).toBe('agent2');
    expect(callerAddress({ kind: 'extension', user: 'v~not-a-visitor', display: null })).toBe('v~not-a-visitor');
  });
});

describe('the screen pop for a web visitor', () => {
  let db: SwitchboardDb;
  const chatCustomer = makeCustomer({ name: 'Vera Visitor', number: 'W000002', tier: 'small', tags: ['provisional'] });

  beforeEach(async () => {
    db = openTestDb();
    const changes = changesFrom(1, chatCustomer, makeIdentity(chatCustomer.id, 'visitor', '01HZX5V8Q2M3N4P5R6S7T8V9WA'));
    await applyChangePage(db, changes, changes.length, { interactionsSince: 0 });
  });

  afterEach(async () => {
    await db.delete();
  });

  it('is the chat’s customer, found by the visitor identity in the cache', async () => {
    expect(await lookUpCaller(db, visitor)).toEqual({ kind: 'known', customerId: chatCustomer.id, name: 'Vera Visitor', number: 'W000002', tier: 'small' });
  });

  it('is unknown for a visitor the cache does not know (yet)', async () => {
    expect(await lookUpCaller(db, { kind: 'extension', user: 'v~01HZX5V8Q2M3N4P5R6S7T8V9WB', display: 'Someone' })).toEqual({ kind: 'unknown' });
  });
});
