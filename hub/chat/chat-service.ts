
import type { ChatAttachment, ChatLine, ChatReceipts } from '../../shared/domain/chat';
import type { User } from '../../shared/domain/user';
import type { ChatThread } from '../../shared/protocol/chat';
import type { QueueStanding, VisitorChatState, VisitorLine } from '../../shared/protocol/visitor';
import {
  findConversation,
  findConversationByTask,
  findFile,
  findLineByClientId,
  findWidget,
  lastSeq,
  listLines,
  type StoredConversation,
  type StoredFile,
  saveConversation,
  waitingConversations,
} from '../db/chat-queries';
import { findIdentityByValue, insertIdentities } from '../db/identity-queries';
import { findTask, listOpenTasks, listQueues } from '../db/routing-queries';
import type { Queryable } from '../db/schema';
import { readRoutingSettings } from '../db/settings-queries';
import { userRoom } from '../socket/hub-socket';
import { refuse } from '../sync/refusal';
import { normaliseIdentityValue } from '../sync/mutations/identity-value';
import { announcer, type ChatDeps, toVisitorLine, visitorView } from './chat-context';
import { createChatStart } from './chat-start';
import { endConversation } from './conversation-end';
import { appendLine, conversationRoom, type NewLine } from './conversation-store';
import { FloodGuard, VISITOR_MESSAGES, VISITOR_STARTS, type BucketPolicy } from './flood-guard';
import { followUpContactChanged } from './follow-up';
import { newIdentity } from '../customers/provisional-customer';
import { queueStandings } from './queue-standing';
import { systemLines } from './system-lines';
import { chatTaskObserver, queueStandingObserver } from './task-observer';
import { fileSignature, type VisitorClaims } from './visitor-token';

export type ChatService = ReturnType<typeof createChatService>;

export type ChatLimits = { messages?: BucketPolicy; starts?: BucketPolicy };

/**
 * The web chat channel. Starting a chat and everything that moves its task
 * run as routing steps (one transaction with the routing they cause); lines,
 * typing and read marks go through the write queue alone, since they do not
 * change who works on what.
 */
export function createChatService(deps: ChatDeps, limits: ChatLimits = {}) {
  const { db, writeQueue, clock, visitors, routing, key } = deps;
  const announce = announcer(deps);
  const messageGuard = new FloodGuard(limits.messages ?? VISITOR_MESSAGES, clock);

  /** A write that is not a routing step: one transaction in the write queue. */
  const write = <T>(work: (trx: Queryable) => Promise<T>): Promise<T> => writeQueue(() => db.transaction().execute(work));

  async function conversationOrThrow(q: Queryable, conversationId: string): Promise<StoredConversation> {
    const record = await findConversation(q, conversationId);
    if (!record) throw refuse('not-found', 'This chat no longer exists; start a new one.');
    return record;
  }

  /** The chat behind a task, for the agent holding it (or ringing with it), or any supervisor. */
  async function agentConversation(q: Queryable, user: User, taskId: string, mustHold: boolean): Promise<StoredConversation> {
    const task = await findTask(q, taskId);
    const record = task ? await findConversationByTask(q, taskId) : null;
    if (!task || !record) throw refuse('not-found', 'No chat for this task.');
    const holds = task.assignedTo === user.id && task.status !== 'done';
    const rings = !mustHold && task.offeredTo === user.id;
    if (!holds && !rings && user.role !== 'supervisor') throw refuse('forbidden', 'This chat belongs to another agent.');
    return record;
  }

  async function standing(record: StoredConversation): Promise<QueueStanding | null> {
    if (record.conversation.status !== 'waiting' || !record.conversation.taskId) return null;
    const task = await findTask(db, record.conversation.taskId);
    const queue = task ? (await listQueues(db)).find((candidate) => candidate.id === task.queueId) : undefined;
    if (!task || !queue) return null;
    const { policy } = await readRoutingSettings(db);
    return queueStandings(queue, await listOpenTasks(db), clock(), policy.priority).get(task.id) ?? null;
  }

  /** After a step changed these queues: every chat still waiting in them hears its place. */
  async function announceStandings(queueIds: ReadonlySet<string>): Promise<void> {
    // Most steps move calls and emails; with no chat waiting there is nobody to tell.
    const waiting = await waitingConversations(db);
    if (waiting.length === 0) return;
    const [queues, tasks, settings] = await Promise.all([listQueues(db), listOpenTasks(db), readRoutingSettings(db)]);
    const now = clock();
    const standings = new Map<string, QueueStanding>();
    for (const queue of queues) {
      if (!queueIds.has(queue.id)) continue;
      for (const [taskId, place] of queueStandings(queue, tasks, now, settings.policy.priority)) standings.set(taskId, place);
    }
    for (const record of waiting) {
      const place = record.conversation.taskId ? standings.get(record.conversation.taskId) : undefined;
      if (place) visitors.to(conversationRoom(record.conversation.id)).emit('chat:queue', place);
    }
  }

  routing.observe(['chat'], chatTaskObserver(announce, deps.log));
  routing.observe(
    'all',
    queueStandingObserver((queueIds) => {
      announceStandings(queueIds).catch((error: unknown) => deps.log.error('could not tell waiting visitors their place', error));
    }),
  );

  async function attachmentFor(q: Queryable, conversationId: string, attachmentId: string | undefined): Promise<ChatAttachment | null> {
    if (attachmentId === undefined) return null;
    const file = await findFile(q, attachmentId);
    if (!file || file.conversationId !== conversationId) throw refuse('not-found', 'The attachment was not uploaded to this chat.');
    return attachmentOf(file);
  }

  const attachmentOf = (file: Pick<StoredFile, 'id' | 'name' | 'mimeType' | 'size'>): ChatAttachment => ({
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    size: file.size,
    url: `/api/chat/file/${file.id}?sig=${fileSignature(file.id, key)}`,
  });

  /**
   * Appends a line from one side; a line re-sent with the same clientId is
   * answered with the stored one and not announced again. The other side's
   * "delivered" mark moves when a socket of theirs is connected as the line
   * is emitted (socket.io hands it over on that open connection); otherwise
   * it moves when they next load the conversation (resume, chat:open).
   */
  async function say(conversationId: string, line: NewLine & { clientId: string }, attachmentId: string | undefined): Promise<ChatLine> {
    const outcome = await write(async (trx) => {
      const record = await conversationOrThrow(trx, conversationId);
      const again = await findLineByClientId(trx, conversationId, line.clientId);
      if (again) return { line: again, record, fresh: false };
      if (record.conversation.status === 'ended') throw refuse('conflict', 'This chat has ended.');
      const attachment = await attachmentFor(trx, conversationId, attachmentId);
      const now = clock();
      const stored = await appendLine(trx, conversationId, { ...line, attachment }, now);
      const fromVisitor = line.from === 'visitor';
      const receipts: ChatReceipts = fromVisitor
        ? { ...record.receipts, visitorDelivered: stored.seq, visitorRead: stored.seq, agentDelivered: announce.agentPresent(record) ? stored.seq : record.receipts.agentDelivered }
        : { ...record.receipts, agentDelivered: stored.seq, agentRead: stored.seq, visitorDelivered: announce.visitorPresent(record) ? stored.seq : record.receipts.visitorDelivered };
      const next = { ...record, receipts };
      await saveConversation(trx, next, now);
      return { line: stored, record: next, fresh: true };
    });
    if (outcome.fresh) {
      announce.line(outcome.record, outcome.line);
      announce.receipts(outcome.record);
    }
    return outcome.line;
  }

  /**
   * Moves one side's marks forward (never back): `read` moves both marks (a
   * read line was delivered), `delivered` only that one, as when a widget
   * or desktop loads the whole conversation. Answers the receipts as they stand.
   */
  async function markSeen(conversationId: string, side: 'visitor' | 'agent', upToSeq: number, how: 'read' | 'delivered'): Promise<ChatReceipts> {
    const outcome = await write(async (trx) => {
      const record = await conversationOrThrow(trx, conversationId);
      const top = Math.min(upToSeq, await lastSeq(trx, conversationId));
      const read = side === 'visitor' ? 'visitorRead' : 'agentRead';
      const delivered = side === 'visitor' ? 'visitorDelivered' : 'agentDelivered';
      const receipts = {
        ...record.receipts,
        [delivered]: Math.max(top, record.receipts[delivered]),
        ...(how === 'read' ? { [read]: Math.max(top, record.receipts[read]) } : {}),
      };
      const changed = receipts[delivered] !== record.receipts[delivered] || receipts[read] !== record.receipts[read];
      if (!changed) return { record, changed };
      const next = { ...record, receipts };
      await saveConversation(trx, next, clock());
      return { record: next, changed };
    });
    if (outcome.changed) announce.receipts(outcome.record);
    return outcome.record.receipts;
  }

  return {
    ...createChatStart(deps, limits.starts ?? VISITOR_STARTS),

    /** Everything a (re)connecting widget shows; every line it is handed counts as delivered to the visitor. */
    async resume(visitor: VisitorClaims): Promise<VisitorChatState> {
      const lines = await listLines(db, visitor.conversationId);
      const receipts = await markSeen(visitor.conversationId, 'visitor', lines.at(-1)?.seq ?? 0, 'delivered');
      const record = await conversationOrThrow(db, visitor.conversationId);
      return { conversation: visitorView(record), lines: lines.map(toVisitorLine), receipts, queue: await standing(record) };
    },

    async visitorSend(visitor: VisitorClaims, request: { clientId: string; text: string; attachmentId?: string | undefined }): Promise<VisitorLine> {
      const allowed = messageGuard.take(visitor.conversationId);
      if (!allowed.allowed) {
        throw refuse('rate-limited', 'You are sending messages too quickly; wait a moment.', { retryAfterSec: allowed.retryAfterSec });
      }
      const record = await conversationOrThrow(db, visitor.conversationId);
      const line = await say(
        visitor.conversationId,
        { from: 'visitor', agentId: null, authorName: record.conversation.visitorName, text: request.text, clientId: request.clientId },
        request.attachmentId,
      );
      return toVisitorLine(line);
    },

    async visitorTyping(visitor: VisitorClaims, typing: boolean): Promise<null> {
      const record = await conversationOrThrow(db, visitor.conversationId);
      const { agentId, taskId } = record.conversation;
      if (agentId && taskId && record.conversation.status === 'active') {
        deps.io.to(userRoom(agentId)).emit('chat:typing', { taskId, conversationId: record.conversation.id, typing });
      }
      return null;
    },

    visitorRead: async (visitor: VisitorClaims, upToSeq: number): Promise<null> => {
      await markSeen(visitor.conversationId, 'visitor', upToSeq, 'read');
      return null;
    },

    /**
     * An email or phone left for a follow-up: kept on the conversation and,
     * when nobody else owns it, on the customer; a follow-up still waiting
     * learns it too (follow-up.ts).
     */
    async contact(visitor: VisitorClaims, given: { email?: string | undefined; phone?: string | undefined }): Promise<null> {
      const phone = given.phone === undefined ? null : normaliseIdentityValue('phone', given.phone, deps.defaultRegion);
      if (phone && !phone.ok) throw refuse('invalid-payload', phone.message, { issues: [{ path: 'phone', message: phone.message }] });
      const updated = await routing.act(async (ctx) => {
        const record = await conversationOrThrow(ctx.trx, visitor.conversationId);
        const customerId = record.conversation.customerId;
        const fresh = [];
        for (const [kind, value] of [['email', given.email], ['phone', phone?.ok ? phone.value : undefined]] as const) {
          if (value && !(await findIdentityByValue(ctx.trx, kind, value))) fresh.push(newIdentity(customerId, kind, value, ctx.now));
        }
        await insertIdentities(ctx.trx, fresh);
        for (const identity of fresh) ctx.drafts.push({ entity: 'identity', op: 'put', data: identity });
        const next: StoredConversation = {
          ...record,
          conversation: { ...record.conversation, visitorEmail: given.email ?? record.conversation.visitorEmail },
          phone: phone?.ok ? phone.value : record.phone,
        };
        await saveConversation(ctx.trx, next, ctx.now);
        await followUpContactChanged(ctx, next, await findWidget(ctx.trx, next.conversation.widgetId));
        return next;
      });
      visitors.to(conversationRoom(updated.conversation.id)).emit('chat:status', visitorView(updated));
      return null;
    },

    /** The visitor closes the chat: a waiting task is abandoned; one being worked stays with its agent, who sees the visitor left. */
    leave: (visitor: VisitorClaims): Promise<null> =>
      routing.act(async (ctx) => {
        const record = await conversationOrThrow(ctx.trx, visitor.conversationId);
        if (record.conversation.status === 'ended') return null;
        const task = record.conversation.taskId ? await ctx.task(record.conversation.taskId) : null;
        if (task && (task.status === 'queued' || task.status === 'offered')) {
          ctx.apply(task, { at: ctx.now, taskId: task.id, queueId: task.queueId, kind: 'abandoned', reason: 'the visitor left the chat' });
        }
        await endConversation(ctx, announce, record, 'visitor-left', systemLines(record.locale).visitorLeft());
        return null;
      }),

    /** The thread for the chat view; lines handed to the agent holding the chat count as delivered (a supervisor looking in does not move them). */
    async agentOpen(user: User, taskId: string): Promise<ChatThread> {
      const record = await agentConversation(db, user, taskId, false);
      const lines = await listLines(db, record.conversation.id);
      const receipts =
        record.conversation.agentId === user.id ? await markSeen(record.conversation.id, 'agent', lines.at(-1)?.seq ?? 0, 'delivered') : record.receipts;
      return { conversation: record.conversation, lines, receipts };
    },

    async agentSend(user: User, request: { taskId: string; clientId: string; text: string; attachmentId?: string | undefined }): Promise<ChatLine> {
      const record = await agentConversation(db, user, request.taskId, true);
      return say(
        record.conversation.id,
        { from: 'agent', agentId: user.id, authorName: user.displayName, text: request.text, clientId: request.clientId },
        request.attachmentId,
      );
    },

    async agentTyping(user: User, taskId: string, typing: boolean): Promise<null> {
      const record = await agentConversation(db, user, taskId, true);
      if (record.conversation.status === 'active') visitors.to(conversationRoom(record.conversation.id)).emit('chat:typing', { typing });
      return null;
    },

    /** Read marks tell the visitor their agent has read; a supervisor looking in does not move them. */
    async agentRead(user: User, taskId: string, upToSeq: number): Promise<null> {
      const record = await agentConversation(db, user, taskId, false);
      if (record.conversation.agentId === user.id) await markSeen(record.conversation.id, 'agent', upToSeq, 'read');
      return null;
    },

    /** For uploads: the conversation a visitor token or an agent's task names, if the caller may post to it. */
    async uploadTarget(caller: { visitor: VisitorClaims } | { user: User; taskId: string }): Promise<StoredConversation> {
      const record =
        'visitor' in caller ? await conversationOrThrow(db, caller.visitor.conversationId) : await agentConversation(db, caller.user, caller.taskId, true);
      if (record.conversation.status === 'ended') throw refuse('conflict', 'This chat has ended.');
      return record;
    },

    attachmentOf,
  };
}
