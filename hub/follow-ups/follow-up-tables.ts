/**
 * Follow-ups (migration 0013_follow_ups). The record is kept whole in `data`;
 * the columns are what the scheduler and the lists look up by.
 */
export type FollowUpsTable = {
  id: string;
  customer_id: string;
  assignee_id: string | null;
  queue_id: string | null;
  status: string;
  due_at: number;
  task_id: string | null;
  /** `rule:subject` for a follow-up a rule scheduled: one per rule and subject, whatever fires it again. Null for hand-made ones. */
  rule_key: string | null;
  updated_at: number;
  data: string;
};

