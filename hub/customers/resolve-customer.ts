import type { CountryCode } from 'libphonenumber-js/min';
import type { IdentityKind } from '../../shared/domain/customer';
import type { ChangeDraft } from '../db/change-log';
import { findCustomer, insertCustomers } from '../db/customer-queries';
import { findIdentityByValue, insertIdentities } from '../db/identity-queries';
import type { Queryable } from '../db/schema';
import { normaliseIdentityValue } from '../sync/mutations/identity-value';
import { newIdentity, type ProvisionalSource, provisionalCustomer } from './provisional-customer';

/** What a channel knows when a contact arrives: the step's transaction, its change drafts, the clock and the site's region. */
export type ResolveContext = {
  readonly trx: Queryable;
  readonly drafts: ChangeDraft[];
  readonly now: number;
  readonly defaultRegion: CountryCode;
};

/** A contact as a channel sees it: a caller's number, a sender's address or a chat visitor's id, and the name they gave. */
export type ContactHandle = { kind: IdentityKind; value: string; name: string };

export type ResolvedCustomer = {
  customerId: string;
  /** True when this contact was unknown and a provisional customer was made for them. */
  created: boolean;
  /** The value as stored on the identity (E.164 phone, lower-cased address, trimmed visitor id). */
  value: string;
};

/** Each kind of contact starts its own number series (W… / P… / E…), so the customer number says how the record began. */
const SOURCE_OF: Record<IdentityKind, ProvisionalSource> = { phone: 'phone', email: 'email', visitor: 'web' };

/**
 * Identity resolution for every channel: a phone number, email address or
 * visitor id that an identity already holds attaches to that customer; an
 * unknown one gets a new provisional customer with that identity. Values are
 * normalised first (the same rules as an agent adding an identity), so
 * `020 7946 0000` and `+442079460000`, or `Ann@Example.COM` and
 * `ann@example.com`, are one contact. Null when the value cannot be an
 * identity (not a number, not an address) or its identity points at a
 * customer that is gone. Callers run it inside their write step, so two
 * contacts never both create a customer for one value.
 */
export async function resolveCustomer(ctx: ResolveContext, contact: ContactHandle): Promise<ResolvedCustomer | null> {
  const normalised = normaliseIdentityValue(contact.kind, contact.value, ctx.defaultRegion);
  if (!normalised.ok) return null;
  const value = normalised.value;
  const identity = await findIdentityByValue(ctx.trx, contact.kind, value);
  if (identity) return (await findCustomer(ctx.trx, identity.customerId)) ? { customerId: identity.customerId, created: false, value } : null;
  const customer = await provisionalCustomer(ctx.trx, contact.name.trim() || value, ctx.now, SOURCE_OF[contact.kind]);
  const added = newIdentity(customer.id, contact.kind, value, ctx.now);
  await insertCustomers(ctx.trx, [customer]);
  await insertIdentities(ctx.trx, [added]);
  ctx.drafts.push({ entity: 'customer', op: 'put', data: customer }, { entity: 'identity', op: 'put', data: added });
  return { customerId: customer.id, created: true, value };
}
