import type { Kysely } from 'kysely';
import type { EmailMessage } from '../../../shared/domain/email';
import type { Clock } from '../../clock';
import { claimOutbound, dueOutboundMessages, isBeingSent } from '../../db/email-outbox-queries';
import { findEmailMessage, findEmailThread, updateEmailMessage } from '../../db/email-queries';
import type { Database } from '../../db/schema';
import type { WriteQueue } from '../../db/write-queue';
import type { Logger } from '../../log';
import { refuse } from '../../sync/refusal';
import { afterAttempt, isPermanentRefusal, retryNow } from './delivery-schedule';
import type { RelaySender } from './relay';

export type EmailOutboxDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  /** Null when no relay is configured: mail waits, queued, until one is. */
  relay: RelaySender | null;
  /** Tells the mail's author (and whoever holds the thread's task) how it went. */
  announce: (taskId: string | null, message: EmailMessage) => void;
  log: Logger;
};

/** How long a mail being sent stays claimed; longer than any relay conversation (nodemailer's timeouts add up to under a minute). */
const SEND_LEASE_MS = 2 * 60_000;
const SWEEP_MS = 2_000;
const BATCH = 20;

/**
 * The hub's email outbox: mails filed by `email.send` wait here until the
 * relay takes them. A failure is written down with its reason and retried
 * on a schedule (delivery-schedule.ts); nothing leaves the table unsent
 * except by the relay's own permanent refusal, which the agent sees and can
 * retry by hand.
 */
export function createEmailOutbox(deps: EmailOutboxDeps) {
  const { db, writeQueue, clock, log } = deps;
  let running: Promise<void> | null = null;
  let again = false;

  async function record(message: EmailMessage): Promise<void> {
    await writeQueue(() => updateEmailMessage(db, message));
    const thread = await findEmailThread(db, message.threadId);
    deps.announce(thread?.taskId ?? null, message);
  }

  async function deliver(message: EmailMessage, relay: RelaySender): Promise<void> {
    const delivery = message.delivery;
    if (!delivery) return;
    if (!(await writeQueue(() => claimOutbound(db, message, clock() + SEND_LEASE_MS)))) return;
    let result: Parameters<typeof afterAttempt>[1];
    try {
      await relay(message);
      result = { ok: true };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      result = { ok: false, error: text, permanent: isPermanentRefusal(error) };
      log.warn(`email ${message.messageId} not sent (attempt ${delivery.attempts + 1}): ${text}`);
    }
    await record({ ...message, delivery: afterAttempt(delivery, result, clock()) });
  }

  async function drain(): Promise<void> {
    const relay = deps.relay;
    if (!relay) return;
    for (;;) {
      const due = await dueOutboundMessages(db, clock(), BATCH);
      for (const message of due) await deliver(message, relay);
      if (due.length < BATCH) return;
    }
  }

  /** Sends whatever is due; a call while a pass runs asks for one more pass after it, so nothing filed meanwhile waits a sweep. */
  function nudge(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again);
      } catch (error) {
        log.error('the email outbox could not run', error);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    nudge,
    /** Sweeps every 2 s for retries that came due; returns the stop. */
    start(): () => void {
      const timer = setInterval(() => void nudge(), SWEEP_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
    /** The agent's "retry now" on their own mail (supervisors on any). */
    async retry(emailId: string, user: { id: string; role: string }): Promise<EmailMessage> {
      const updated = await writeQueue(async () => {
        const message = await findEmailMessage(db, emailId);
        if (message?.direction !== 'outbound' || !message.delivery) throw refuse('not-found', 'No such outgoing mail.');
        if (user.role !== 'supervisor' && message.agentId !== user.id) throw refuse('forbidden', 'Only its author can send this mail again.');
        if (message.delivery.status === 'sent') throw refuse('conflict', 'This mail has been sent already.');
        if (await isBeingSent(db, message)) throw refuse('conflict', 'This mail is being sent right now.');
        const next = { ...message, delivery: retryNow(message.delivery, clock()) };
        await updateEmailMessage(db, next);
        return next;
      });
      void nudge();
      return updated;
    },
    /** Settles: resolves once no pass is running (tests and shutdown). */
    idle: (): Promise<void> => running ?? Promise.resolve(),
  };
}

export type EmailOutbox = ReturnType<typeof createEmailOutbox>;
