/** `audit_log` (0019, hub/audit/audit-migration.ts): append-only, no API updates or deletes it. */
export type AuditLogTable = {
  id: string;
  at: number;
  /** Null for an attempt nobody could be named for (a sign-in with an unknown username). */
  actor_id: string | null;
  actor_username: string;
  /** The actor's role then, or '' for no signed-in user. */
  actor_role: string;
  /** A socket event name, `mutation:<name>`, or `<METHOD> <path>` for HTTP. */
  action: string;
  /** JSON array of the ids the action touched. */
  target_ids: string;
  /** JSON object: the payload's non-secret shape (hub/audit/audit-summary.ts). */
  summary: string;
  /** `ok`, or the refusal's error code. */
  outcome: string;
};
