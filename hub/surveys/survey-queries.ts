import { type SurveyChannel, SurveyChannelSchema } from '../../shared/protocol/surveys';
import type { SurveyLocale } from '../../shared/surveys/survey-rules';
import type { Queryable } from '../db/schema';
import type { SurveysTable } from './survey-tables';

export type Survey = {
  id: string;
  kind: 'task' | 'complaint';
  subjectId: string;
  customerId: string;
  queueId: string | null;
  agentId: string | null;
  channel: SurveyChannel;
  disposition: string | null;
  locale: SurveyLocale;
  asksNps: boolean;
  arrivedAt: number;
  sentAt: number;
  answeredAt: number | null;
  csat: number | null;
  nps: number | null;
  comment: string | null;
};

const toRow = (survey: Survey, tokenHash: string): SurveysTable => ({
  id: survey.id,
  kind: survey.kind,
  subject_id: survey.subjectId,
  customer_id: survey.customerId,
  queue_id: survey.queueId,
  agent_id: survey.agentId,
  channel: survey.channel,
  disposition: survey.disposition,
  locale: survey.locale,
  asks_nps: survey.asksNps ? 1 : 0,
  arrived_at: survey.arrivedAt,
  sent_at: survey.sentAt,
  answered_at: survey.answeredAt,
  csat: survey.csat,
  nps: survey.nps,
  comment: survey.comment,
  token_hash: tokenHash,
});

const fromRow = (row: SurveysTable): Survey => ({
  id: row.id,
  kind: row.kind === 'complaint' ? 'complaint' : 'task',
  subjectId: row.subject_id,
  customerId: row.customer_id,
  queueId: row.queue_id,
  agentId: row.agent_id,
  channel: SurveyChannelSchema.parse(row.channel),
  disposition: row.disposition,
  locale: row.locale === 'zh-CN' ? 'zh-CN' : 'en',
  asksNps: Number(row.asks_nps) === 1,
  // Postgres bigints come back as strings.
  arrivedAt: Number(row.arrived_at),
  sentAt: Number(row.sent_at),
  answeredAt: row.answered_at === null ? null : Number(row.answered_at),
  csat: row.csat === null ? null : Number(row.csat),
  nps: row.nps === null ? null : Number(row.nps),
  comment: row.comment,
});

export async function insertSurvey(db: Queryable, survey: Survey, tokenHash: string): Promise<void> {
  await db.insertInto('surveys').values(toRow(survey, tokenHash)).execute();
}

export async function findSurveyByTokenHash(db: Queryable, tokenHash: string): Promise<Survey | null> {
  const row = await db.selectFrom('surveys').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function findSurveyBySubject(db: Queryable, kind: Survey['kind'], subjectId: string): Promise<Survey | null> {
  const row = await db.selectFrom('surveys').selectAll().where('kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** When this customer was last sent a survey; null: never. */
export async function lastSurveySentAt(db: Queryable, customerId: string): Promise<number | null> {
  const row = await db.selectFrom('surveys').select('sent_at').where('customer_id', '=', customerId).orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.sent_at) : null;
}

/** The task's last word on who handled it and how it ended (a chat's survey is made at wrap-up, before the disposition). */
export async function updateSurveyOutcome(db: Queryable, id: string, outcome: { agentId: string; disposition: string | null }): Promise<void> {
  await db.updateTable('surveys').set({ agent_id: outcome.agentId, disposition: outcome.disposition }).where('id', '=', id).execute();
}

/** Records the answer once: false when another answer got there first. */
export async function recordSurveyAnswer(db: Queryable, id: string, answer: { at: number; csat: number; nps: number | null; comment: string }): Promise<boolean> {
  const result = await db
    .updateTable('surveys')
    .set({ answered_at: answer.at, csat: answer.csat, nps: answer.nps, comment: answer.comment })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type CsatGroup = 'queue' | 'agent' | 'channel' | 'disposition';

const GROUP_COLUMN = { queue: 'queue_id', agent: 'agent_id', channel: 'channel', disposition: 'disposition' } as const;

/** Sum and count of answered scores per group over surveys of contacts that arrived in [start, end); null keys read ''. */
export async function csatSums(db: Queryable, range: { start: number; end: number }, groupBy: CsatGroup): Promise<Map<string, { sum: number; count: number }>> {
  const column = GROUP_COLUMN[groupBy];
  const rows = await db
    .selectFrom('surveys')
    .select([column, (eb) => eb.fn.sum<number | string>('csat').as('sum'), (eb) => eb.fn.count<number | string>('csat').as('count')])
    .where('arrived_at', '>=', range.start)
    .where('arrived_at', '<', range.end)
    .where('kind', '=', 'task')
    .where('csat', 'is not', null)
    .groupBy(column)
    .execute();
  const sums = new Map<string, { sum: number; count: number }>();
  for (const row of rows) {
    const key = (row as Record<string, unknown>)[column];
    sums.set(typeof key === 'string' ? key : '', { sum: Number(row.sum), count: Number(row.count) });
  }
  return sums;
}

export async function anySurveyAnswered(db: Queryable): Promise<boolean> {
  const row = await db.selectFrom('surveys').select('id').where('answered_at', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The customer's first identity of this kind (a phone to text, an address to mail); null when they have none. */
export async function customerIdentity(db: Queryable, customerId: string, kind: 'phone' | 'email'): Promise<string | null> {
  const row = await db.selectFrom('identities').select('value').where('customer_id', '=', customerId).where('kind', '=', kind).orderBy('id').limit(1).executeTakeFirst();
  return row?.value ?? null;
}

/** The customer's latest email conversation: where a complaint's survey mail is filed. */
export async function latestEmailThreadId(db: Queryable, customerId: string): Promise<string | null> {
  const row = await db.selectFrom('email_threads').select('id').where('customer_id', '=', customerId).orderBy('last_message_at', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}
