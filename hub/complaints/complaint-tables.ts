/** `data`: the Complaint as JSON (shared/complaints/complaint.ts); the columns beside it are what lists filter on. */
export type ComplaintsTable = {
  id: string;
  customer_id: string;
  status: string;
  owner_id: string | null;
  team_id: string | null;
  opened_at: number;
  updated_at: number;
  data: string;
};

/** One row per escalation sent (shared/complaints/escalation.ts `escalationKey`): a key here is never sent again, even after a restart. */
export type ComplaintEscalationsTable = {
  key: string;
  complaint_id: string;
  sent_at: number;
};
