import { ulid } from 'ulid';
import type { ChatReceipts } from '../../shared/domain/chat';
import type { StartChatRequest, VisitorSession, WidgetInfo } from '../../shared/protocol/visitor';
import { isOpen, nextOpening } from '../../shared/routing';
import { findWidget, type StoredConversation, saveConversation } from '../db/chat-queries';
import { findCustomer, insertCustomers } from '../db/customer-queries';
import { findIdentityByValue, insertIdentities } from '../db/identity-queries';
import { listQueues } from '../db/routing-queries';
import { refuse } from '../sync/refusal';
import type { ChatDeps } from './chat-context';
import { systemLine } from './conversation-end';
import { appendLine } from './conversation-store';
import { type BucketPolicy, FloodGuard } from './flood-guard';
import { newIdentity, provisionalCustomer } from '../customers/provisional-customer';
import { signVisitorToken, VISITOR_TOKEN_TTL_MS } from './visitor-token';
import { originAllowed } from './widget-origin';

/** Who asks to start a chat: the client's address (for the flood limit) and, from the browser, the page's origin. */
export type ChatStarter = { address: string; origin: string | undefined; hubHost: string | undefined };

const VISITOR_NAME_FALLBACK = 'Web visitor / 网站访客';

const noReceipts = (conversationId: string): ChatReceipts => ({
  conversationId,
  visitorDelivered: 0,
  visitorRead: 0,
  agentDelivered: 0,
  agentRead: 0,
});

/** The widget's first screen, and a visitor starting a chat from it. */
export function createChatStart(deps: Pick<ChatDeps, 'db' | 'clock' | 'routing' | 'key'>, starts: BucketPolicy) {
  const { db, clock, routing, key } = deps;
  const startGuard = new FloodGuard(starts, clock);

  return {
    /** What the widget's first screen needs; refuses an unknown widget. */
    async widgetInfo(widgetId: string): Promise<WidgetInfo> {
      const widget = await findWidget(db, widgetId);
      const queue = widget ? (await listQueues(db)).find((candidate) => candidate.id === widget.queueId) : undefined;
      if (!widget || !queue) throw refuse('not-found', 'This chat is not available.');
      const now = clock();
      const open = isOpen(queue.businessHours, now);
      return {
        widgetId,
        askName: widget.askName,
        askEmail: widget.askEmail,
        greeting: widget.greeting,
        open,
        nextOpenAt: open ? null : nextOpening(queue.businessHours, now),
        closedMessage: widget.closedMessage,
      };
    },

    /**
     * A visitor starts a chat: identity resolution (their email names a
     * known customer, or a provisional one is made), the conversation and its
     * routing task, in one step; the greeting is the first line.
     */
    async start(request: StartChatRequest & { locale: 'en' | 'zh-CN' }, from: ChatStarter): Promise<VisitorSession> {
      const allowed = startGuard.take(from.address);
      if (!allowed.allowed) {
        throw refuse('rate-limited', 'Too many chats started from this address; try again later.', { retryAfterSec: allowed.retryAfterSec });
      }
      const widget = await findWidget(db, request.widgetId);
      if (!widget) throw refuse('not-found', 'This chat is not available.');
      if (!originAllowed(widget.allowedOrigins, from.origin, from.hubHost)) throw refuse('forbidden', 'This chat is not offered on this site.');
      const name = widget.askName === 'off' ? undefined : request.name || undefined;
      const email = widget.askEmail === 'off' ? undefined : request.email;
      const missing = [
        ...(widget.askName === 'required' && !name ? [{ path: 'name', message: 'required' }] : []),
        ...(widget.askEmail === 'required' && !email ? [{ path: 'email', message: 'required' }] : []),
      ];
      if (missing.length > 0) throw refuse('invalid-payload', 'Please fill in the required fields.', { issues: missing });

      return routing.act(async (ctx) => {
        const queue = ctx.queues.get(widget.queueId);
        if (!queue?.channels.includes('chat')) throw refuse('conflict', 'This chat is not taking conversations now.');
        const { trx, now } = ctx;
        const visitorId = ulid(now);
        const known = email ? await findIdentityByValue(trx, 'email', email) : null;
        let customer = known ? await findCustomer(trx, known.customerId) : null;
        const identities = [];
        if (!customer) {
          customer = await provisionalCustomer(trx, name ?? VISITOR_NAME_FALLBACK, now);
          await insertCustomers(trx, [customer]);
          ctx.drafts.push({ entity: 'customer', op: 'put', data: customer });
          if (email) identities.push(newIdentity(customer.id, 'email', email, now));
        }
        identities.push(newIdentity(customer.id, 'visitor', visitorId, now));
        await insertIdentities(trx, identities);
        for (const identity of identities) ctx.drafts.push({ entity: 'identity', op: 'put', data: identity });

        const visitorName = name ?? customer.name;
        const task = await ctx.openTask({ channel: 'chat', queueId: queue.id, customerId: customer.id, priority: 50, subject: `Chat — ${visitorName}` });
        const conversationId = ulid(now);
        const record: StoredConversation = {
          conversation: {
            id: conversationId,
            widgetId: widget.id,
            taskId: task.id,
            customerId: customer.id,
            visitorId,
            visitorName,
            visitorEmail: email ?? null,
            status: 'waiting',
            agentId: null,
            agentName: null,
            startedAt: now,
            endedAt: null,
            endReason: null,
          },
          receipts: noReceipts(conversationId),
          locale: request.locale,
          phone: null,
        };
        await saveConversation(trx, record, now);
        if (widget.greeting) await appendLine(trx, conversationId, systemLine(widget.greeting), now);
        const expiresAt = now + VISITOR_TOKEN_TTL_MS;
        const token = signVisitorToken({ visitorId, conversationId, widgetId: widget.id, exp: expiresAt }, key);
        return { token, visitorId, conversationId, expiresAt };
      });
    },

  };
}
