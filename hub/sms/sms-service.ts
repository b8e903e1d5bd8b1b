import type { Kysely } from 'kysely';
import type { CountryCode } from 'libphonenumber-js/min';
import { ulid } from 'ulid';
import type { InteractionOf } from '../../shared/domain/interaction';
import type { User } from '../../shared/domain/user';
import { formatPhone } from '../../shared/phone/e164';
import {
  SMS_OPTED_OUT_ISSUE,
  SMS_PATHS,
  type SmsConversation,
  type SmsMedia,
  type SmsMessage,
  type SmsSettings,
  type SmsThread,
  type StoredSmsMessage,
} from '../../shared/protocol/sms';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { Clock } from '../clock';
import { type Attachment, insertAttachment } from '../db/attachment-queries';
import { findCustomer, insertCustomers } from '../db/customer-queries';
import { insertInteractions } from '../db/interaction-queries';
import { findTask } from '../db/routing-queries';
import type { Database, Queryable } from '../db/schema';
import {
  findOpenSmsConversation,
  findSmsConversation,
  findSmsConversationByTask,
  findSmsMessage,
  findSmsMessageByClientId,
  findSmsMessageByProviderId,
  insertSmsMessage,
  isOptedOut,
  lastSmsConversation,
  listSmsMessages,
  saveSmsConversation,
  setOptOut,
  updateSmsDelivery,
} from '../db/sms-queries';
import type { Logger } from '../log';
import type { RoutingService, StepContext } from '../routing/routing-service';
import { type HubServer, userRoom } from '../socket/hub-socket';
import { normaliseIdentityValue } from '../sync/mutations/identity-value';
import { refuse } from '../sync/refusal';
import { provisionalCustomer } from '../customers/provisional-customer';
import { resolveCustomer } from '../customers/resolve-customer';
import { nextStatus } from './delivery-status';
import { smsKeyword } from './keywords';
import { MEDIA_LINK_TTL_MS, signMediaLink } from './media-link';
import { fetchMedia } from './mms-media';
import type { DeliveryReport, InboundSms, SmsProvider } from './provider';
import { SmsSendError } from './provider';
import { readSmsSettings } from './sms-settings';
import { smsTaskObserver } from './task-observer';

export type SmsDeps = {
  db: Kysely<Database>;
  clock: Clock;
  io: HubServer;
  routing: RoutingService;
  store: AttachmentStore;
  log: Logger;
  defaultRegion: CountryCode;
  /** Builds the provider adapter from the current settings (tests point it at their stand-in). */
  provider: (settings: SmsSettings) => SmsProvider;
  /** Where the provider reaches this hub when no public URL is set: the hub's own address. */
  hubUrl: () => string;
  mediaKey: string;
};

export type SmsService = ReturnType<typeof createSmsService>;

/** Below chat (a visitor waits on the page) and calls; a text can wait a little. */
const SMS_PRIORITY = 40;

/**
 * The SMS channel: texts in from the provider's webhook thread into one open
 * conversation per customer number and our number, which is a routed `sms`
 * task; agents' replies go out through the provider and their delivery
 * reports come back; STOP-style keywords opt a number out. Every text is an
 * `sms` interaction on the customer's timeline.
 */
export function createSmsService(deps: SmsDeps) {
  const { db, clock, io, routing, log } = deps;

  routing.observe(['sms'], smsTaskObserver());

  const settings = () => readSmsSettings(db);

  function view(message: StoredSmsMessage, viewer: string): SmsMessage {
    const exp = clock() + MEDIA_LINK_TTL_MS;
    return {
      ...message,
      media: message.media.map((media) => ({ ...media, url: `${SMS_PATHS.media}${signMediaLink({ aid: media.attachmentId, sub: viewer, exp }, deps.mediaKey)}` })),
    };
  }

  /** Tells the agent on the conversation (if any) about a new or changed message. */
  function announce(conversation: SmsConversation, message: StoredSmsMessage): void {
    if (conversation.agentId && conversation.taskId) {
      io.to(userRoom(conversation.agentId)).emit('sms:message', { taskId: conversation.taskId, message: view(message, conversation.agentId) });
    }
  }

  /** One interaction per text, as the timeline has always shown SMS. */
  function timelineItem(conversation: Pick<SmsConversation, 'customerId' | 'customerNumber' | 'ourNumber'>, message: StoredSmsMessage): InteractionOf<'sms'> {
    const inbound = message.direction === 'inbound';
    const pictures = message.media.length > 0 ? ` [${message.media.length} 📷]` : '';
    return {
      id: ulid(message.at),
      customerId: conversation.customerId,
      occurredAt: message.at,
      agentId: message.agentId,
      channel: 'sms',
      direction: message.direction,
      from: inbound ? conversation.customerNumber : conversation.ourNumber,
      to: inbound ? conversation.ourNumber : conversation.customerNumber,
      text: `${message.text}${pictures}`.slice(0, 1600),
    };
  }

  async function onTimeline(ctx: StepContext, customerId: string, item: InteractionOf<'sms'>): Promise<void> {
    if (!(await findCustomer(ctx.trx, customerId))) return;
    await insertInteractions(ctx.trx, [item]);
    ctx.drafts.push({ entity: 'interaction', op: 'put', data: item });
  }

  /** The customer who owns the number, else a provisional (`P…`) one made for it, as for an unknown caller. */
  async function customerOf(ctx: StepContext, number: string): Promise<string> {
    const contact = { kind: 'phone' as const, value: number, name: formatPhone(number) };
    const resolved = await resolveCustomer({ trx: ctx.trx, drafts: ctx.drafts, now: ctx.now, defaultRegion: deps.defaultRegion }, contact);
    if (resolved) return resolved.customerId;
    // The number's identity names a customer that is gone; the text is still filed under someone (the identity stays as it is).
    const customer = await provisionalCustomer(ctx.trx, contact.name, ctx.now, 'phone');
    await insertCustomers(ctx.trx, [customer]);
    ctx.drafts.push({ entity: 'customer', op: 'put', data: customer });
    return customer.id;
  }

  /**
   * MMS pictures into the attachment store (their rows are written with the
   * message); the ones that could not be kept are named in the message's note.
   */
  async function keepMedia(provider: SmsProvider, urls: readonly string[]): Promise<{ media: SmsMedia[]; attachments: Attachment[]; problems: string[] }> {
    const media: SmsMedia[] = [];
    const attachments: Attachment[] = [];
    const problems: string[] = [];
    for (const [index, url] of urls.entries()) {
      const fetched = await fetchMedia(url, provider.mediaHeaders(url));
      if (!fetched.ok) {
        problems.push(`picture ${index + 1}: ${fetched.reason}`);
        continue;
      }
      const { sha256, size } = await deps.store.put(fetched.bytes);
      const attachment = { id: ulid(clock()), sha256, mimeType: fetched.mimeType, size, kind: 'sms', createdBy: 'sms', createdAt: clock() };
      attachments.push(attachment);
      media.push({ attachmentId: attachment.id, mimeType: attachment.mimeType, size });
    }
    return { media, attachments, problems };
  }

  /** The conversation behind a task, for the agent holding it or a supervisor. */
  async function agentConversation(q: Queryable, user: User, taskId: string): Promise<SmsConversation> {
    const task = await findTask(q, taskId);
    const conversation = task ? await findSmsConversationByTask(q, taskId) : null;
    if (!task || !conversation) throw refuse('not-found', 'No SMS conversation for this task.');
    const holds = task.assignedTo === user.id && task.status !== 'done';
    if (!holds && task.offeredTo !== user.id && user.role !== 'supervisor') throw refuse('forbidden', 'This conversation belongs to another agent.');
    return conversation;
  }

  /** Hands a queued text to the provider and files what it answered; a failure is kept on the message for a retry. */
  async function deliver(conversation: SmsConversation, message: StoredSmsMessage): Promise<void> {
    const current = await settings();
    const base = current.publicUrl ?? deps.hubUrl();
    const statusCallback = `${base.replace(/\/$/, '')}${SMS_PATHS.status}?message=${message.id}`;
    let outcome: { status: StoredSmsMessage['status']; error: string | null; providerId?: string };
    try {
      const sent = await deps.provider(current).send({ from: conversation.ourNumber, to: conversation.customerNumber, text: message.text, statusCallback });
      outcome = { status: sent.status, error: null, providerId: sent.providerId };
    } catch (error) {
      if (!(error instanceof SmsSendError)) throw error;
      outcome = { status: 'failed', error: error.reason };
    }
    const updated = await routing.act(async (ctx) => {
      const stored = await findSmsMessage(ctx.trx, message.id);
      if (!stored) return null;
      // A delivery report may have beaten the provider's answer here; keep whichever is further on.
      const status = outcome.status === 'failed' ? 'failed' : nextStatus(stored.status, outcome.status);
      await updateSmsDelivery(ctx.trx, message.id, { status, error: outcome.error, providerId: outcome.providerId ?? null });
      return { ...stored, status, error: outcome.error };
    });
    if (updated) announce((await findSmsConversation(db, conversation.id)) ?? conversation, updated);
  }

  function deliverLater(conversation: SmsConversation, message: StoredSmsMessage): void {
    deliver(conversation, message).catch((error: unknown) => log.error(`sending SMS ${message.id} failed`, error));
  }

  return {
    /** A text from a customer, from a request the provider signed (checked by sms-http.ts). */
    async receive(provider: SmsProvider, inbound: InboundSms, current: SmsSettings): Promise<{ messageId: string }> {
      const number = current.numbers.find((candidate) => candidate.number === inbound.to);
      if (!number) throw refuse('not-found', `${inbound.to} is not one of our SMS numbers.`);
      const from = normaliseIdentityValue('phone', inbound.from, deps.defaultRegion);
      if (!from.ok) throw refuse('invalid-payload', from.message, { issues: [{ path: 'From', message: 'not a phone number' }] });
      const already = await findSmsMessageByProviderId(db, inbound.providerId);
      if (already) return { messageId: already.id };
      const { media, attachments, problems } = await keepMedia(provider, inbound.mediaUrls);

      const outcome = await routing.act(async (ctx) => {
        // The provider re-posts a webhook it got no answer to; it may have raced this one in.
        const raced = await findSmsMessageByProviderId(ctx.trx, inbound.providerId);
        if (raced) return { message: raced, conversation: null, optOut: null };
        const keyword = smsKeyword(inbound.text);
        if (keyword) await setOptOut(ctx.trx, from.value, keyword === 'opt-out' ? { keyword: inbound.text.trim().slice(0, 32), at: ctx.now } : null);
        let conversation = await findOpenSmsConversation(ctx.trx, from.value, inbound.to);
        const customerId = conversation?.customerId ?? (await customerOf(ctx, from.value));
        // A keyword alone is the carrier's business, not an agent's: it opens no task.
        if (!conversation && !keyword) {
          const previous = await lastSmsConversation(ctx.trx, from.value, inbound.to);
          const customer = await findCustomer(ctx.trx, customerId);
          const task = await ctx.openTask({
            channel: 'sms',
            queueId: number.queueId,
            customerId,
            priority: SMS_PRIORITY,
            subject: `SMS — ${customer?.name ?? formatPhone(from.value)}`,
            preferredAgentId: previous?.agentId ?? null,
          });
          conversation = {
            id: ulid(ctx.now),
            customerId,
            customerNumber: from.value,
            ourNumber: inbound.to,
            queueId: number.queueId,
            taskId: task.id,
            agentId: null,
            status: 'open',
            startedAt: ctx.now,
          };
          await saveSmsConversation(ctx.trx, conversation, ctx.now);
        }
        const message: StoredSmsMessage = {
          id: ulid(ctx.now),
          conversationId: conversation?.id ?? '',
          direction: 'inbound',
          text: inbound.text,
          status: 'received',
          error: problems.length > 0 ? problems.join('; ').slice(0, 500) : null,
          clientId: null,
          agentId: null,
          media,
          at: ctx.now,
        };
        for (const attachment of attachments) await insertAttachment(ctx.trx, attachment);
        if (conversation) await insertSmsMessage(ctx.trx, { ...message, providerId: inbound.providerId });
        await onTimeline(ctx, customerId, timelineItem({ customerId, customerNumber: from.value, ourNumber: inbound.to }, message));
        return { message, conversation, optOut: keyword ? { number: from.value, optedOut: keyword === 'opt-out' } : null };
      });
      const { conversation, optOut } = outcome;
      if (conversation) {
        announce(conversation, outcome.message);
        if (optOut && conversation.agentId && conversation.taskId) {
          io.to(userRoom(conversation.agentId)).emit('sms:opt-out', { taskId: conversation.taskId, customerNumber: optOut.number, optedOut: optOut.optedOut });
        }
      }
      return { messageId: outcome.message.id };
    },

    /** A delivery report: `messageId` from our callback URL when present, else the provider's id. */
    async report(inbound: DeliveryReport, messageId: string | null): Promise<null> {
      const outcome = await routing.act(async (ctx) => {
        const message = messageId ? await findSmsMessage(ctx.trx, messageId) : await findSmsMessageByProviderId(ctx.trx, inbound.providerId);
        if (message?.direction !== 'outbound') throw refuse('not-found', 'No text we sent has this id.');
        const status = nextStatus(message.status, inbound.status);
        if (status === message.status) return null;
        const error = status === 'failed' || status === 'undelivered' ? (inbound.error ?? status) : null;
        await updateSmsDelivery(ctx.trx, message.id, { status, error, providerId: inbound.providerId });
        return { message: { ...message, status, error }, conversation: await findSmsConversation(ctx.trx, message.conversationId) };
      });
      if (outcome?.conversation) announce(outcome.conversation, outcome.message);
      return null;
    },

    async open(user: User, taskId: string): Promise<SmsThread> {
      const conversation = await agentConversation(db, user, taskId);
      const messages = await listSmsMessages(db, conversation.id);
      return { conversation, messages: messages.map((message) => view(message, user.id)), optedOut: await isOptedOut(db, conversation.customerNumber) };
    },

    /** An agent's reply: stored once per client id (the outbox re-sends it), then handed to the provider. */
    async send(user: User, request: { taskId: string; clientId: string; text: string }): Promise<SmsMessage> {
      const known = await findSmsMessageByClientId(db, request.clientId);
      if (known) return view(known, user.id);
      const outcome = await routing.act(async (ctx) => {
        const conversation = await agentConversation(ctx.trx, user, request.taskId);
        const task = await findTask(ctx.trx, request.taskId);
        if (task?.assignedTo !== user.id || conversation.status !== 'open') throw refuse('conflict', 'Accept the conversation before replying.');
        if (await isOptedOut(ctx.trx, conversation.customerNumber)) {
          throw refuse('forbidden', 'This customer has opted out of texts (STOP); they must text START first.', { issues: [SMS_OPTED_OUT_ISSUE] });
        }
        const raced = await findSmsMessageByClientId(ctx.trx, request.clientId);
        if (raced) return { conversation, message: raced, fresh: false };
        const message: StoredSmsMessage = {
          id: ulid(ctx.now),
          conversationId: conversation.id,
          direction: 'outbound',
          text: request.text,
          status: 'queued',
          error: null,
          clientId: request.clientId,
          agentId: user.id,
          media: [],
          at: ctx.now,
        };
        await insertSmsMessage(ctx.trx, { ...message, providerId: null });
        await onTimeline(ctx, conversation.customerId, timelineItem(conversation, message));
        return { conversation, message, fresh: true };
      });
      if (outcome.fresh) deliverLater(outcome.conversation, outcome.message);
      return view(outcome.message, user.id);
    },

    /** Sends a failed or undelivered text again, as the same message. */
    async retry(user: User, request: { taskId: string; messageId: string }): Promise<SmsMessage> {
      const outcome = await routing.act(async (ctx) => {
        const conversation = await agentConversation(ctx.trx, user, request.taskId);
        const message = await findSmsMessage(ctx.trx, request.messageId);
        if (!message || message.conversationId !== conversation.id || message.direction !== 'outbound') throw refuse('not-found', 'No such text in this conversation.');
        if (message.status !== 'failed' && message.status !== 'undelivered') throw refuse('conflict', 'Only a text that failed can be sent again.');
        if (await isOptedOut(ctx.trx, conversation.customerNumber)) {
          throw refuse('forbidden', 'This customer has opted out of texts (STOP); they must text START first.', { issues: [SMS_OPTED_OUT_ISSUE] });
        }
        await updateSmsDelivery(ctx.trx, message.id, { status: 'queued', error: null, providerId: null });
        return { conversation, message: { ...message, status: 'queued' as const, error: null } };
      });
      announce(outcome.conversation, outcome.message);
      deliverLater(outcome.conversation, outcome.message);
      return view(outcome.message, user.id);
    },
  };
}
