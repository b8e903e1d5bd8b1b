import type { Kysely } from 'kysely';
import { customerFromRow } from '../../../../hub/db/customer-queries';
import type { Database } from '../../../../hub/db/schema';
import type { SwitchboardDb } from '../../../../renderer/db/schema';
import type { Complaint } from '../../../../shared/complaints/complaint';
import type { Customer, Identity } from '../../../../shared/domain/customer';
import type { Interaction } from '../../../../shared/domain/interaction';
import type { FollowUp } from '../../../../shared/follow-ups/follow-up';

/**
 * The state a desktop and the hub must agree on, normalised so the two can
 * be compared with one deep equality: every entity the mutations can touch,
 * each table sorted by id, the desktop's search terms left out (derived
 * there). Interactions are those inside the desktop's cache window.
 */
export type Projection = {
  customers: Customer[];
  identities: Identity[];
  complaints: Complaint[];
  followUps: FollowUp[];
  interactions: Interaction[];
};

const byId = <T extends { id: string }>(rows: T[]): T[] => rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const parse = <T>(data: string): T => JSON.parse(data) as T;

export async function hubProjection(db: Kysely<Database>, interactionsSince: number): Promise<Projection> {
  const [customers, identities, complaints, followUps, interactions] = await Promise.all([
    db.selectFrom('customers').selectAll().execute(),
    db.selectFrom('identities').selectAll().execute(),
    db.selectFrom('complaints').select(['data']).execute(),
    db.selectFrom('follow_ups').select(['data']).execute(),
    db.selectFrom('interactions').select(['data']).where('occurred_at', '>=', interactionsSince).execute(),
  ]);
  return {
    customers: byId(customers.map(customerFromRow)),
    identities: byId(identities.map((row): Identity => ({ id: row.id, customerId: row.customer_id, kind: row.kind as Identity['kind'], value: row.value }))),
    complaints: byId(complaints.map((row) => parse<Complaint>(row.data))),
    followUps: byId(followUps.map((row) => parse<FollowUp>(row.data))),
    interactions: byId(interactions.map((row) => parse<Interaction>(row.data))),
  };
}

export async function desktopProjection(db: SwitchboardDb, interactionsSince: number): Promise<Projection> {
  const [customers, identities, complaints, followUps, interactions] = await Promise.all([
    db.customers.toArray(),
    db.identities.toArray(),
    db.complaints.toArray(),
    db.followUps.toArray(),
    db.interactions.filter((interaction) => interaction.occurredAt >= interactionsSince).toArray(),
  ]);
  return {
    customers: byId(customers.map(({ terms: _terms, ...customer }) => customer)),
    identities: byId(identities),
    complaints: byId(complaints),
    followUps: byId(followUps),
    interactions: byId(interactions),
  };
}
