import { type Identity, IdentityKindSchema } from '../../shared/domain/customer';
import { batchesOf } from './batches';
import type { IdentitiesTable, Queryable } from './schema';

const identityToRow = (identity: Identity): IdentitiesTable => ({
  id: identity.id,
  customer_id: identity.customerId,
  kind: identity.kind,
  value: identity.value,
});

const identityFromRow = (row: IdentitiesTable): Identity => ({
  id: row.id,
  customerId: row.customer_id,
  kind: IdentityKindSchema.parse(row.kind),
  value: row.value,
});

export async function findIdentity(db: Queryable, id: string): Promise<Identity | null> {
  const row = await db.selectFrom('identities').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? identityFromRow(row) : null;
}

/** Identity resolution: who owns this (normalised) phone, email or visitor id. */
export async function findIdentityByValue(db: Queryable, kind: Identity['kind'], value: string): Promise<Identity | null> {
  const row = await db.selectFrom('identities').selectAll().where('kind', '=', kind).where('value', '=', value).executeTakeFirst();
  return row ? identityFromRow(row) : null;
}

export async function insertIdentities(db: Queryable, identities: readonly Identity[]): Promise<void> {
  for (const batch of batchesOf(identities.map(identityToRow), 4)) await db.insertInto('identities').values(batch).execute();
}

export async function deleteIdentity(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('identities').where('id', '=', id).execute();
}
