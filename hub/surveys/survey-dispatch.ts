import { ulid } from 'ulid';
import type { EmailMessage, EmailThread } from '../../shared/domain/email';
import { subjectWithToken } from '../../shared/domain/email';
import { ownMessageId } from '../../shared/email/reply-headers';
import type { SurveyChannel, SurveySettings } from '../../shared/protocol/surveys';
import { surveyPageText } from '../../shared/surveys/survey-page-text';
import { fillTemplate, guessLocale, isQuiet, type SurveyLocale, surveyLink } from '../../shared/surveys/survey-rules';
import { findCustomer } from '../db/customer-queries';
import { insertEmailMessage } from '../db/email-queries';
import { listQueues } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import { insertSurvey, lastSurveySentAt, type Survey } from './survey-queries';
import { newSurveyToken, surveyTokenHash } from './survey-token';

/** Where a survey goes: a mail on the task's email thread, a text to a number, or the chat widget still open on the page. */
export type SurveyTarget =
  | { kind: 'email'; thread: EmailThread }
  | { kind: 'sms'; number: string }
  | { kind: 'widget'; conversationId: string; locale: SurveyLocale };

/** What the rated contact was; `agentId`/`disposition` as it ended. */
export type SurveyFacts = Omit<Survey, 'id' | 'locale' | 'asksNps' | 'sentAt' | 'answeredAt' | 'csat' | 'nps' | 'comment'>;

/** What is left to do once the survey is committed: send the text, prompt the widget (a mail already waits in the outbox). */
export type SurveySend =
  | { kind: 'email'; survey: Survey; dueAt: number }
  | { kind: 'sms'; survey: Survey; number: string; text: string; dueAt: number }
  | { kind: 'widget'; survey: Survey; conversationId: string; token: string };

/**
 * Makes one survey inside the caller's transaction, or none: a customer
 * asked within the quiet period, or no way to reach them. A mail is filed
 * on the task's email thread here, due after the delay, so the hub's outbox
 * sends it and retries it like any other; a text or a widget prompt is
 * handed back for after the commit.
 */
export async function makeSurvey(
  trx: Queryable,
  facts: SurveyFacts,
  target: SurveyTarget,
  settings: SurveySettings,
  context: { now: number; baseUrl: string },
): Promise<SurveySend | null> {
  const { now } = context;
  if (isQuiet(await lastSurveySentAt(trx, facts.customerId), now, settings.quietDays)) return null;
  const customer = await findCustomer(trx, facts.customerId);
  if (!customer) return null;
  const token = newSurveyToken();
  const dueAt = now + settings.delayMin * 60_000;
  const build = (locale: SurveyLocale, channel: SurveyChannel): Survey => ({
    ...facts,
    channel,
    id: ulid(now),
    locale,
    asksNps: settings.nps,
    sentAt: now,
    answeredAt: null,
    csat: null,
    nps: null,
    comment: null,
  });

  if (target.kind === 'widget') {
    const survey = build(target.locale, facts.channel);
    await insertSurvey(trx, survey, surveyTokenHash(token));
    return { kind: 'widget', survey, conversationId: target.conversationId, token };
  }

  if (target.kind === 'sms') {
    const locale = guessLocale(customer.name);
    const survey = build(locale, facts.channel);
    const link = surveyLink(context.baseUrl, token, locale);
    const text = fillTemplate(locale === 'zh-CN' ? settings.smsTemplate.zh : settings.smsTemplate.en, { link, name: customer.name });
    await insertSurvey(trx, survey, surveyTokenHash(token));
    return { kind: 'sms', survey, number: target.number, text, dueAt };
  }

  const { thread } = target;
  const locale = guessLocale(customer.name, thread.subject);
  const survey = build(locale, 'email');
  const link = surveyLink(context.baseUrl, token, locale);
  const text = fillTemplate(locale === 'zh-CN' ? settings.emailTemplate.zh : settings.emailTemplate.en, { link, name: customer.name });
  const queue = (await listQueues(trx)).find((candidate) => candidate.id === thread.queueId);
  const id = ulid(now);
  const mail: EmailMessage = {
    id,
    threadId: thread.id,
    customerId: thread.customerId,
    direction: 'outbound',
    messageId: ownMessageId(id, thread.mailbox),
    inReplyTo: null,
    references: [],
    from: { address: thread.mailbox, name: queue?.name ?? '' },
    to: [{ address: thread.customerAddress, name: customer.name }],
    cc: [],
    bcc: [],
    // The thread's ticket token: a customer who answers by mail lands back in the same conversation.
    subject: subjectWithToken(surveyPageText(locale).mailSubject, thread.ref),
    text,
    html: null,
    attachments: [],
    autoKind: 'none',
    problems: [],
    // Sent by the hub, not an agent: nobody's desktop is told of its delivery.
    agentId: null,
    at: now,
    delivery: { status: 'queued', attempts: 0, lastError: null, nextAttemptAt: dueAt, sentAt: null },
  };
  await insertSurvey(trx, survey, surveyTokenHash(token));
  await insertEmailMessage(trx, mail);
  return { kind: 'email', survey, dueAt };
}
