/**
 * One survey sent to a customer about a closed task or complaint. Only the
 * link's hash is kept: a leaked database cannot answer surveys. `arrived_at`
 * is when the rated contact arrived (reports group answers by it, as they
 * group the task's own figures); agent and disposition are as the task ended.
 */
export type SurveysTable = {
  id: string;
  kind: string;
  subject_id: string;
  customer_id: string;
  queue_id: string | null;
  agent_id: string | null;
  channel: string;
  disposition: string | null;
  locale: string;
  asks_nps: number;
  arrived_at: number;
  sent_at: number;
  answered_at: number | null;
  csat: number | null;
  nps: number | null;
  comment: string | null;
  token_hash: string;
};
