// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChangePage } from '../../../../../renderer/db/apply-changes';
import type { SwitchboardDb } from '../../../../../renderer/db/schema';
import { callerAddress, callerLabel } from '../../../../../renderer/features/phone/caller-label';
import { parseDialTarget } from '../../../../../renderer/features/phone/dial-target';
import { lookUpCaller } from '../../../../../renderer/features/phone/screen-pop';
import { translate } from '../../../../../renderer/i18n/translate';
import { parseCallerId } from '../../../../../shared/phone/caller-id';
import { changesFrom, makeCustomer, makeIdentity, openTestDb } from '../../fixtures';

describe('screen pop from the cache', () => {
  let db: SwitchboardDb;
  const vip = makeCustomer({ name: 'Zhao Lei', number: 'C000777', tier: 'vip' });

  beforeEach(async () => {
    db = openTestDb();
    const changes = changesFrom(1, vip, makeIdentity(vip.id, 'phone', '+8613812345678'), makeIdentity(vip.id, 'email', 'zhao@example.com'));
    await applyChangePage(db, changes, changes.length, { interactionsSince: 0 });
  });

  afterEach(async () => {
    await db.delete();
  });

  it('finds the customer whatever form the caller number arrives in', async () => {
    for (const fromUser of ['13812345678', '+8613812345678', '008613812345678']) {
      const party = parseCallerId({ fromUser, fromDisplay: '', assertedIdentity: '' }, 'CN');
      expect(await lookUpCaller(db, party)).toEqual({ kind: 'known', customerId: vip.id, name: 'Zhao Lei', number: 'C000777', tier: 'vip' });
    }
  });

  it('finds them by P-Asserted-Identity when From is withheld', async () => {
    const party = parseCallerId({ fromUser: 'anonymous', fromDisplay: '', assertedIdentity: '<tel:+86 138 1234 5678>' }, 'CN');
    expect(await lookUpCaller(db, party)).toMatchObject({ kind: 'known', customerId: vip.id });
  });

  it('says unknown for a number nobody has, and looks nothing up for extensions or withheld numbers', async () => {
    expect(await lookUpCaller(db, { kind: 'number', e164: '+8613900000000', display: null })).toEqual({ kind: 'unknown' });
    expect(await lookUpCaller(db, { kind: 'extension', user: 'agent2', display: null })).toEqual({ kind: 'none' });
    expect(await lookUpCaller(db, { kind: 'anonymous' })).toEqual({ kind: 'none' });
  });
});

describe('what the call card prints', () => {
  const en = (key: Parameters<typeof translate>[1]) => translate('en', key);
  const zh = (key: Parameters<typeof translate>[1]) => translate('zh-CN', key);

  it('names the caller by display name, else number, else "Withheld number"', () => {
    expect(callerLabel({ kind: 'number', e164: '+8613812345678', display: '<b>Li</b>' }, en)).toBe('<b>Li</b>');
    expect(callerLabel({ kind: 'number', e164: '+8613812345678', display: null }, en)).toBe('+86 138 1234 5678');
    expect(callerLabel({ kind: 'extension', user: 'agent2', display: null }, en)).toBe('agent2');
    expect(callerLabel({ kind: 'anonymous' }, en)).toBe('Withheld number');
    expect(callerLabel({ kind: 'anonymous' }, zh)).toBe('号码已隐藏');
    expect(callerAddress({ kind: 'anonymous' })).toBe('');
  });
});

describe('parseDialTarget', () => {
  it('dials numbers in E.164 and extensions or queues as typed', () => {
    expect(parseDialTarget('138 1234 5678', 'CN')).toEqual({
      target: '+8613812345678',
      party: { kind: 'number', e164: '+8613812345678', display: null },
    });
    expect(parseDialTarget(' agent2 ', 'CN')).toEqual({ target: 'agent2', party: { kind: 'extension', user: 'agent2', display: null } });
    expect(parseDialTarget('1001', 'CN')?.target).toBe('1001');
  });

  it('refuses what cannot be a SIP user part', () => {
    expect(parseDialTarget('', 'CN')).toBeNull();
    expect(parseDialTarget('a@b', 'CN')).toBeNull();
    expect(parseDialTarget('<script>', 'CN')).toBeNull();
  });
});
