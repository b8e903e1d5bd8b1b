import { ulid } from 'ulid';
import type { Customer, Identity } from '../../shared/domain/customer';
import type { Queryable } from '../db/schema';

/** Provisional customers get `W` numbers (web), apart from the imported `C` ones. */
const PREFIX = 'W';
const DIGITS = 7;

/**
 * A customer for a visitor nobody knows yet: tagged provisional, tier small
 * until an agent links or edits them. The number is the next free `W…`;
 * callers run inside the write queue, so two visitors never get the same one.
 */
export async function provisionalCustomer(db: Queryable, name: string, now: number): Promise<Customer> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.max('number').as('number'))
    .where('number', 'like', `${PREFIX}%`)
    .executeTakeFirst();
  const last = Number(String(row?.number ?? `${PREFIX}0`).slice(PREFIX.length));
  const number = `${PREFIX}${String((Number.isFinite(last) ? last : 0) + 1).padStart(DIGITS, '0')}`;
  return { id: ulid(now), number, name, company: null, tags: ['provisional'], tier: 'small', createdAt: now, updatedAt: now };
}

export const newIdentity = (customerId: string, kind: Identity['kind'], value: string, now: number): Identity => ({
  id: ulid(now),
  customerId,
  kind,
  value,
});
