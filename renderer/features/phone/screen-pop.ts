import { customerByPhone, getCustomer } from '../../db/queries';
import type { CustomerRow } from '../../db/rows';
import type { SwitchboardDb } from '../../db/schema';
import type { CallerId } from '../../../shared/phone/caller-id';
import { visitorIdOfSipUser } from '../../../shared/protocol/visitor';
import type { ScreenPop } from '../../softphone/call-state';

/** The tag the hub gives the customer it makes for an unknown caller (hub/customers/provisional-customer.ts). */
export const PROVISIONAL_TAG = 'provisional';

export const isProvisional = (customer: Pick<CustomerRow, 'tags'>): boolean => customer.tags.includes(PROVISIONAL_TAG);

/** The pop for what the cache holds for the caller's number. Pure. */
export const popFor = (customer: CustomerRow | null): ScreenPop =>
  customer ? { kind: 'known', customerId: customer.id, name: customer.name, number: customer.number, tier: customer.tier } : { kind: 'unknown' };

/**
 * What the cache says about a caller: a number is looked up by its E.164
 * identity (an index read, so it works offline and before the hub answers);
 * extensions and withheld numbers have nothing to look up.
 */
export async function lookUpCaller(db: SwitchboardDb, party: CallerId): Promise<ScreenPop> {
  if (!hasCustomerToLookUp(party)) return { kind: 'none' };
  return popFor(await cachedCaller(db, party));
}

const visitorOf = (party: CallerId): string | null => (party.kind === 'extension' ? visitorIdOfSipUser(party.user) : null);
const hasCustomerToLookUp = (party: CallerId): boolean => party.kind === 'number' || visitorOf(party) !== null;

/**
 * The caller's customer in the cache: a number's owner, or a web visitor's
 * chat customer; null for anybody else (an agent's extension, a withheld
 * number). The pop reads it again as the cache changes, so a provisional
 * visitor's customer gets the same offers as an unknown number's.
 */
export async function cachedCaller(db: SwitchboardDb, party: CallerId): Promise<CustomerRow | null> {
  const visitorId = visitorOf(party);
  if (visitorId) return customerByVisitor(db, visitorId);
  return party.kind === 'number' ? customerByPhone(db, party.e164) : null;
}

/**
 * A web visitor calling from the chat widget (SIP user `v~<visitorId>`):
 * the chat's customer, by the visitor identity the hub gave them when the
 * chat started (cached like every identity; it follows a customer link).
 */
async function customerByVisitor(db: SwitchboardDb, visitorId: string): Promise<CustomerRow | null> {
  const identity = await db.identities.where('[kind+value]').equals(['visitor', visitorId]).first();
  return identity ? getCustomer(db, identity.customerId) : null;
}

/**
 * The pop again once the cache learns more while the call is up: the hub's
 * provisional customer for an unknown caller arriving after the INVITE, the
 * number moving to the customer an agent linked it to, or the customer's
 * name or tier edited (a provisional caller saved as new). Null when the pop
 * stands (still looking, or nothing it shows changed). Pure.
 */
export function reResolvedPop(pop: ScreenPop, cached: CustomerRow | null): ScreenPop | null {
  if (!cached || (pop.kind !== 'unknown' && pop.kind !== 'known')) return null;
  const next = popFor(cached);
  if (pop.kind === 'known' && next.kind === 'known' && Object.entries(next).every(([key, value]) => pop[key as keyof typeof pop] === value)) return null;
  return next;
}
