import type { Kysely } from 'kysely';
import type { Complaint } from '../../shared/complaints/complaint';
import { UlidSchema } from '../../shared/domain/ids';
import type { TaskEvent } from '../../shared/domain/routing';
import { SMS_PATHS, type SmsSettings } from '../../shared/protocol/sms';
import type { SurveySettings } from '../../shared/protocol/surveys';
import { deliveryOf, surveyChannelOf } from '../../shared/surveys/survey-rules';
import type { VisitorServer } from '../chat/chat-context';
import { conversationRoom } from '../chat/conversation-store';
import type { Clock } from '../clock';
import type { Presence } from '../cluster/presence';
import { findConversationByTask } from '../db/chat-queries';
import { findEmailThread, findEmailThreadByTask } from '../db/email-queries';
import type { Database, Queryable } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import type { RoutingService, StepContext } from '../routing/routing-service';
import type { SmsProvider } from '../sms/provider';
import { readSmsSettings } from '../sms/sms-settings';
import { makeSurvey, type SurveyFacts, type SurveySend, type SurveyTarget } from './survey-dispatch';
import { customerIdentity, findSurveyBySubject, latestEmailThreadId, updateSurveyOutcome } from './survey-queries';
import { readSurveySettings } from './survey-settings';

export type SurveyServiceDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  routing: RoutingService;
  /** The chat widget's namespace: a visitor still on the page is prompted there. */
  visitors: VisitorServer;
  /** Whose widgets are connected, on every hub node. */
  presence: Presence;
  /** Asks the email outbox to send what is due now (a survey mail with no delay). */
  nudgeEmail: () => void;
  /** The SMS provider adapter for the current settings (tests point it at their stand-in). */
  smsProvider: (settings: SmsSettings) => SmsProvider;
  /** The hub's own address, for links when no public one is set. */
  hubUrl: () => string;
  log: Logger;
};

export type SurveyService = ReturnType<typeof createSurveyService>;

/**
 * Asks customers how it went once their contact closes (满意度调查). It
 * follows routing's steps: a task reaching `done` (a chat already at its
 * wrap-up, while the visitor may still be on the page) gets one survey by
 * its own channel, if the admin turned that channel on and the customer was
 * not asked within the quiet period. The survey row (and a mail) commit with
 * the step; texts and widget prompts leave after it.
 */
export function createSurveyService(deps: SurveyServiceDeps) {
  const { db, clock, log } = deps;

  const baseUrl = (settings: SurveySettings) => settings.publicUrl ?? deps.hubUrl();

  /** A visitor's widget is connected to the conversation's room: otherwise nobody is there to rate it. */
  const visitorHere = (conversationId: string): boolean => deps.presence.visitors(conversationRoom(conversationId)) > 0;

  async function targetOfTask(trx: Queryable, taskId: string, customerId: string, channel: 'email' | 'sms' | 'call' | 'chat'): Promise<SurveyTarget | null> {
    const delivery = deliveryOf(channel);
    if (delivery === 'widget') {
      const record = await findConversationByTask(trx, taskId);
      if (!record || !visitorHere(record.conversation.id)) return null;
      return { kind: 'widget', conversationId: record.conversation.id, locale: record.locale };
    }
    if (delivery === 'email') {
      const thread = await findEmailThreadByTask(trx, taskId);
      return thread ? { kind: 'email', thread } : null;
    }
    const number = await customerIdentity(trx, customerId, 'phone');
    return number ? { kind: 'sms', number } : null;
  }

  async function onTaskClosed(ctx: StepContext, event: Extract<TaskEvent, { kind: 'wrap-up' | 'done' }>, settings: SurveySettings): Promise<SurveySend | null> {
    const existing = await findSurveyBySubject(ctx.trx, 'task', event.taskId);
    if (existing) {
      if (event.kind === 'done') await updateSurveyOutcome(ctx.trx, existing.id, { agentId: event.agentId, disposition: event.disposition });
      return null;
    }
    const task = await ctx.task(event.taskId);
    const channel = task ? surveyChannelOf(task.channel) : null;
    if (!task || !channel || task.customerId === null || !settings.channels[channel]) return null;
    // Only a chat is rated at its wrap-up: the visitor is on the page now, and may not be once the agent's notes are done.
    if (event.kind === 'wrap-up' && channel !== 'chat') return null;
    const target = await targetOfTask(ctx.trx, task.id, task.customerId, channel);
    if (!target) return null;
    const facts: SurveyFacts = {
      kind: 'task',
      subjectId: task.id,
      customerId: task.customerId,
      queueId: task.queueId,
      agentId: event.agentId,
      channel,
      disposition: event.kind === 'done' ? event.disposition : null,
      arrivedAt: task.createdAt,
    };
    return makeSurvey(ctx.trx, facts, target, settings, { now: ctx.now, baseUrl: baseUrl(settings) });
  }

  deps.routing.observe('all', async (ctx, events) => {
    const closing = events.filter((event): event is Extract<TaskEvent, { kind: 'wrap-up' | 'done' }> => event.kind === 'done' || event.kind === 'wrap-up');
    if (closing.length === 0) return;
    const settings = await readSurveySettings(ctx.trx);
    for (const event of closing) {
      const send = await onTaskClosed(ctx, event, settings);
      if (send) ctx.afterCommit(() => dispatch(send));
    }
  });

  /** After the commit: the mail is due in the outbox, the text goes to the provider, the widget gets its prompt. */
  function dispatch(send: SurveySend): void {
    if (send.kind === 'email') {
      if (send.dueAt <= clock()) deps.nudgeEmail();
      return;
    }
    if (send.kind === 'widget') {
      deps.visitors.to(conversationRoom(send.conversationId)).emit('survey:prompt', { token: send.token, nps: send.survey.asksNps });
      return;
    }
    // A delayed text waits in memory: a hub restarted meanwhile does not send it (the survey stays unanswered).
    const wait = Math.max(0, send.dueAt - clock());
    const timer = setTimeout(() => void sendText(send).catch((error: unknown) => log.error(`survey ${send.survey.id}: the text was not sent`, error)), wait);
    timer.unref();
  }

  async function sendText(send: Extract<SurveySend, { kind: 'sms' }>): Promise<void> {
    const current = await readSmsSettings(db);
    const from = current.numbers.find((number) => number.queueId === send.survey.queueId) ?? current.numbers[0];
    if (!current.providerUrl || !from) {
      log.warn(`survey ${send.survey.id}: no SMS provider or number is set up; the survey text was not sent`);
      return;
    }
    const base = current.publicUrl ?? deps.hubUrl();
    // Delivery reports name no message of ours: the status route answers them and files nothing.
    const statusCallback = `${base.replace(/\/$/, '')}${SMS_PATHS.status}?survey=${send.survey.id}`;
    await deps.smsProvider(current).send({ from: from.number, to: send.number, text: send.text, statusCallback });
  }

  return {
    /**
     * A complaint was closed: survey its customer by mail (their latest email
     * conversation) or else by text, when the admin turned complaint surveys on.
     * Safe to call more than once for one complaint (it is surveyed once).
     */
    async requestComplaintSurvey(complaint: Pick<Complaint, 'id' | 'customerId' | 'ownerId' | 'openedAt'>): Promise<boolean> {
      const send = await deps.writeQueue(() =>
        db.transaction().execute(async (trx) => {
          const settings = await readSurveySettings(trx);
          if (!settings.complaints || (await findSurveyBySubject(trx, 'complaint', complaint.id))) return null;
          const threadId = await latestEmailThreadId(trx, complaint.customerId);
          const thread = threadId ? await findEmailThread(trx, threadId) : null;
          const number = thread ? null : await customerIdentity(trx, complaint.customerId, 'phone');
          const target: SurveyTarget | null = thread ? { kind: 'email', thread } : number ? { kind: 'sms', number } : null;
          if (!target) return null;
          const facts: SurveyFacts = {
            kind: 'complaint',
            subjectId: complaint.id,
            customerId: complaint.customerId,
            queueId: null,
            // The owner names a user or a team by name; only a user id can be an interaction's agent.
            agentId: complaint.ownerId !== null && UlidSchema.safeParse(complaint.ownerId).success ? complaint.ownerId : null,
            channel: target.kind === 'email' ? 'email' : 'sms',
            disposition: null,
            arrivedAt: complaint.openedAt,
          };
          return makeSurvey(trx, facts, target, settings, { now: clock(), baseUrl: baseUrl(settings) });
        }),
      );
      if (send) dispatch(send);
      return send !== null;
    },
  };
}
