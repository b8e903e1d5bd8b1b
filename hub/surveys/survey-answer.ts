import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import type { InteractionOf } from '../../shared/domain/interaction';
import type { Change } from '../../shared/protocol/changes';
import { SurveyTokenSchema, type SurveyAnswer } from '../../shared/protocol/surveys';
import { surveyState } from '../../shared/surveys/survey-rules';
import { appendChanges } from '../db/change-log';
import { customerExists } from '../db/customer-queries';
import { insertInteractions } from '../db/interaction-queries';
import type { Database, Queryable } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { findSurveyByTokenHash, recordSurveyAnswer, type Survey } from './survey-queries';
import { readSurveySettings } from './survey-settings';
import { surveyTokenHash } from './survey-token';

export type SurveyAnswerDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  /** Sends committed changes to the desktops (the same path as pushed mutations). */
  broadcast: (changes: Change[]) => void;
};

/** Why a link cannot be answered: forged or mistyped, answered already, or too old. */
export type SurveyLinkProblem = 'invalid' | 'answered' | 'expired';

export type SurveyLookup = { ok: true; survey: Survey } | { ok: false; problem: SurveyLinkProblem; survey: Survey | null };

/** The survey a link names and whether it can still be answered. */
export async function lookUpSurvey(db: Queryable, token: string, now: number): Promise<SurveyLookup> {
  if (!SurveyTokenSchema.safeParse(token).success) return { ok: false, problem: 'invalid', survey: null };
  const survey = await findSurveyByTokenHash(db, surveyTokenHash(token));
  if (!survey) return { ok: false, problem: 'invalid', survey: null };
  const state = surveyState(survey, now, (await readSurveySettings(db)).expiryDays);
  return state === 'open' ? { ok: true, survey } : { ok: false, problem: state, survey };
}

export type AnswerOutcome =
  | { ok: true; survey: Survey }
  | { ok: false; problem: SurveyLinkProblem; survey: Survey | null }
  | { ok: false; problem: 'nps-missing'; survey: Survey };

/**
 * Files the customer's answer: the survey row and a `survey` line on the
 * customer's timeline in one transaction, then to every desktop. A second
 * answer through the same link (a double click, a reused link) is refused
 * as answered; the first stands.
 */
export async function answerSurvey(deps: SurveyAnswerDeps, token: string, answer: SurveyAnswer, now: number): Promise<AnswerOutcome> {
  return deps.writeQueue(async () => {
    const outcome = await deps.db.transaction().execute(async (trx): Promise<{ result: AnswerOutcome; changes: Change[] }> => {
      const found = await lookUpSurvey(trx, token, now);
      if (!found.ok) return { result: found, changes: [] };
      const { survey } = found;
      if (survey.asksNps && (answer.nps === null || answer.nps === undefined)) return { result: { ok: false, problem: 'nps-missing', survey }, changes: [] };
      const nps = survey.asksNps ? (answer.nps ?? null) : null;
      if (!(await recordSurveyAnswer(trx, survey.id, { at: now, csat: answer.csat, nps, comment: answer.comment }))) {
        return { result: { ok: false, problem: 'answered', survey }, changes: [] };
      }
      const answered: Survey = { ...survey, answeredAt: now, csat: answer.csat, nps, comment: answer.comment };
      // A customer merged away since the survey went out: the answer still counts in the figures, with no timeline to show it on.
      if (!(await customerExists(trx, survey.customerId))) return { result: { ok: true, survey: answered }, changes: [] };
      const line: InteractionOf<'survey'> = {
        id: ulid(now),
        customerId: survey.customerId,
        occurredAt: now,
        agentId: survey.agentId,
        channel: 'survey',
        surveyId: survey.id,
        csat: answer.csat,
        nps,
        comment: answer.comment,
        about: { kind: survey.kind, id: survey.subjectId },
        queueId: survey.queueId,
      };
      await insertInteractions(trx, [line]);
      const changes = await appendChanges(trx, [{ entity: 'interaction', op: 'put', data: line }]);
      return { result: { ok: true, survey: answered }, changes };
    });
    // Still inside the write queue, so broadcasts leave in seq order.
    if (outcome.changes.length > 0) deps.broadcast(outcome.changes);
    return outcome.result;
  });
}
