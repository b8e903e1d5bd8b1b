import type { Kysely, Transaction } from 'kysely';

/**
 * Table shapes as Kysely sees them. Timestamps are epoch ms (bigint in
 * Postgres, parsed back to numbers); JSON lives in text columns so both stores
 * read and write it the same way.
 */
export type UsersTable = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: number;
};

export type RefreshTokensTable = {
  /** sha256 of the token: a stolen database does not yield usable tokens. */
  token_hash: string;
  user_id: string;
  expires_at: number;
  created_at: number;
};

export type CustomersTable = {
  id: string;
  number: string;
  name: string;
  company: string | null;
  /** JSON array of strings. */
  tags: string;
  tier: string;
  created_at: number;
  updated_at: number;
};

export type IdentitiesTable = {
  id: string;
  customer_id: string;
  kind: string;
  value: string;
};

export type InteractionsTable = {
  id: string;
  customer_id: string;
  occurred_at: number;
  channel: string;
  /** The whole Interaction as JSON. */
  data: string;
};

export type ChangesTable = {
  seq: number;
  entity: string;
  op: string;
  entity_id: string;
  customer_id: string | null;
  /** Set for interactions only, so a pull can skip history older than the desktop caches. */
  occurred_at: number | null;
  /** The change's `data` as JSON. */
  data: string;
};

export type SyncHeadTable = {
  id: number;
  seq: number;
};

export type MutationsTable = {
  id: string;
  user_id: string;
  name: string;
  status: 'applied' | 'rejected';
  seq: number | null;
  /** The HubError as JSON when rejected. */
  error: string | null;
  applied_at: number;
};

export type MetaTable = {
  key: string;
  value: string;
};

export type Database = {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  customers: CustomersTable;
  identities: IdentitiesTable;
  interactions: InteractionsTable;
  changes: ChangesTable;
  sync_head: SyncHeadTable;
  mutations: MutationsTable;
  meta: MetaTable;
};

export type StoreKind = 'sqlite' | 'postgres';

/** Queries take either the database or an open transaction. */
export type Queryable = Kysely<Database> | Transaction<Database>;
