import { customerByPhone } from '../../db/queries';
import type { SwitchboardDb } from '../../db/schema';
import type { CallerId } from '../../../shared/phone/caller-id';
import type { ScreenPop } from '../../softphone/call-state';

/**
 * What the cache says about a caller: a number is looked up by its E.164
 * identity (an index read, so it works offline and before the hub answers);
 * extensions and withheld numbers have nothing to look up.
 */
export async function lookUpCaller(db: SwitchboardDb, party: CallerId): Promise<ScreenPop> {
  if (party.kind !== 'number') return { kind: 'none' };
  const customer = await customerByPhone(db, party.e164);
  return customer
    ? { kind: 'known', customerId: customer.id, name: customer.name, number: customer.number, tier: customer.tier }
    : { kind: 'unknown' };
}
