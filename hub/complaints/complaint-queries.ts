import type { Complaint } from '../../shared/complaints/complaint';
import { DEFAULT_COMPLAINT_SETTINGS } from '../../shared/complaints/settings-defaults';
import { type ComplaintSettings, ComplaintSettingsSchema } from '../../shared/protocol/complaints';
import { readSetting, saveSetting } from '../db/meta-queries';
import type { Queryable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';

const SETTINGS_KEY = 'complaint-settings';

/** The administrator's complaint settings, or the defaults until one saves some. */
export const readComplaintSettings = (db: Queryable): Promise<ComplaintSettings> =>
  readSetting(db, SETTINGS_KEY, ComplaintSettingsSchema, DEFAULT_COMPLAINT_SETTINGS);

export const saveComplaintSettings = (db: Queryable, settings: ComplaintSettings): Promise<void> => saveSetting(db, SETTINGS_KEY, settings);

/** Open: not yet resolved or closed; the clocks of these still run. */
export const OPEN_COMPLAINT_STATUSES = ['new', 'acknowledged', 'investigating'] as const;

const complaintRow = (complaint: Complaint) => ({
  customer_id: complaint.customerId,
  status: complaint.status,
  owner_id: complaint.ownerId,
  team_id: complaint.teamId,
  opened_at: complaint.openedAt,
  updated_at: complaint.updatedAt,
  data: JSON.stringify(complaint),
});

export async function insertComplaint(db: Queryable, complaint: Complaint): Promise<void> {
  await db
    .insertInto('complaints')
    .values({ id: complaint.id, ...complaintRow(complaint) })
    .execute();
}

export async function updateComplaint(db: Queryable, complaint: Complaint): Promise<void> {
  await db.updateTable('complaints').set(complaintRow(complaint)).where('id', '=', complaint.id).execute();
}

export async function findComplaint(db: Queryable, id: string): Promise<Complaint | null> {
  const row = await db.selectFrom('complaints').select('data').where('id', '=', id).executeTakeFirst();
  return row ? readStoredJson<Complaint>(row.data) : null;
}

export type ComplaintFilter = {
  openOnly: boolean;
  customerId?: string | undefined;
  /** Owned by this user, or (with `teamIds`) held by one of these teams; both absent: everyone's. */
  ownerId?: string | undefined;
  teamIds?: readonly string[] | undefined;
  limit: number;
};

/** Newest first. */
export async function listComplaints(db: Queryable, filter: ComplaintFilter): Promise<Complaint[]> {
  let query = db.selectFrom('complaints').select('data');
  if (filter.openOnly) query = query.where('status', 'in', [...OPEN_COMPLAINT_STATUSES]);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  const { ownerId, teamIds } = filter;
  if (ownerId !== undefined || teamIds !== undefined) {
    query = query.where((eb) => {
      const mine = ownerId !== undefined ? [eb('owner_id', '=', ownerId)] : [];
      const team = teamIds !== undefined && teamIds.length > 0 ? [eb('team_id', 'in', [...teamIds])] : [];
      return eb.or([...mine, ...team, eb.lit(false)]);
    });
  }
  const rows = await query.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => readStoredJson<Complaint>(row.data));
}

/** Every open complaint: what the escalation scheduler watches. */
export async function listOpenComplaints(db: Queryable): Promise<Complaint[]> {
  const rows = await db.selectFrom('complaints').select('data').where('status', 'in', [...OPEN_COMPLAINT_STATUSES]).execute();
  return rows.map((row) => readStoredJson<Complaint>(row.data));
}

export async function sentEscalationKeys(db: Queryable, complaintIds: readonly string[]): Promise<Set<string>> {
  if (complaintIds.length === 0) return new Set();
  const rows = await db.selectFrom('complaint_escalations').select('key').where('complaint_id', 'in', [...complaintIds]).execute();
  return new Set(rows.map((row) => row.key));
}

/** Records a sent escalation; false when another pass (or hub node) recorded it first, so only one of them sends. */
export async function recordEscalation(db: Queryable, key: string, complaintId: string, at: number): Promise<boolean> {
  const result = await db
    .insertInto('complaint_escalations')
    .values({ key, complaint_id: complaintId, sent_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
