import { z } from 'zod';
import { type Customer, TierSchema } from '../../shared/domain/customer';
import { batchesOf } from './batches';
import type { CustomersTable, Queryable } from './schema';

const TagsColumnSchema = z.array(z.string());

export const customerToRow = (customer: Customer): CustomersTable => ({
  id: customer.id,
  number: customer.number,
  name: customer.name,
  company: customer.company,
  tags: JSON.stringify(customer.tags),
  tier: customer.tier,
  created_at: customer.createdAt,
  updated_at: customer.updatedAt,
});

export const customerFromRow = (row: CustomersTable): Customer => ({
  id: row.id,
  number: row.number,
  name: row.name,
  company: row.company,
  tags: TagsColumnSchema.parse(JSON.parse(row.tags)),
  tier: TierSchema.parse(row.tier),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function findCustomer(db: Queryable, id: string): Promise<Customer | null> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? customerFromRow(row) : null;
}

export async function customerExists(db: Queryable, id: string): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function saveCustomer(db: Queryable, customer: Customer): Promise<void> {
  const { id, ...fields } = customerToRow(customer);
  await db.updateTable('customers').set(fields).where('id', '=', id).execute();
}

export async function insertCustomers(db: Queryable, customers: readonly Customer[]): Promise<void> {
  for (const batch of batchesOf(customers.map(customerToRow), 8)) await db.insertInto('customers').values(batch).execute();
}
