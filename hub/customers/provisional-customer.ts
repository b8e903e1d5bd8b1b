import { ulid } from 'ulid';
import type { Customer, Identity } from '../../shared/domain/customer';
import type { Queryable } from '../db/schema';

/**
 * Where an unknown contact came from: each source has its own number series
 * (`W…` web visitors, `P…` phone callers, `E…` email senders), apart from the imported `C` ones,
 * so an agent reading a customer number knows how the record began.
 */
export type ProvisionalSource = 'web' | 'phone' | 'email';

const PREFIX: Record<ProvisionalSource, string> = { web: 'W', phone: 'P', email: 'E' };
const DIGITS = 7;

/** The tag an agent sees until they save the customer's profile or link them to an existing customer. */
export const PROVISIONAL_TAG = 'provisional';

/**
 * A customer for a contact nobody knows yet: tagged provisional, tier small
 * until an agent links or edits them. The number is the next free one of the
 * source's series; callers run inside the write queue, so two contacts never
 * get the same one.
 */
export async function provisionalCustomer(db: Queryable, name: string, now: number, source: ProvisionalSource = 'web'): Promise<Customer> {
  const prefix = PREFIX[source];
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.max('number').as('number'))
    .where('number', 'like', `${prefix}%`)
    .executeTakeFirst();
  const last = Number(String(row?.number ?? `${prefix}0`).slice(prefix.length));
  const number = `${prefix}${String((Number.isFinite(last) ? last : 0) + 1).padStart(DIGITS, '0')}`;
  return { id: ulid(now), number, name, company: null, tags: [PROVISIONAL_TAG], tier: 'small', createdAt: now, updatedAt: now };
}

export const newIdentity = (customerId: string, kind: Identity['kind'], value: string, now: number): Identity => ({
  id: ulid(now),
  customerId,
  kind,
  value,
});
