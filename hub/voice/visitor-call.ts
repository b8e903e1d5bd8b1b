import type { Kysely } from 'kysely';
import type { ChatWidget } from '../../shared/domain/chat';
import type { Queue, TaskChannel } from '../../shared/domain/routing';
import { type VisitorCallTicket, visitorIdOfSipUser, visitorSipUser } from '../../shared/protocol/visitor';
import type { VoiceRouteAnswer, VoiceSettings } from '../../shared/protocol/voice';
import { isOpen } from '../../shared/routing';
import { type BucketPolicy, FloodGuard } from '../chat/flood-guard';
import type { VisitorClaims } from '../chat/visitor-token';
import type { Clock } from '../clock';
import { findConversation, findWidget, type StoredConversation } from '../db/chat-queries';
import { listQueues } from '../db/routing-queries';
import type { Database, Queryable } from '../db/schema';
import { readVoiceSettings } from '../db/voice-queries';
import { type Refusal, refuse } from '../sync/refusal';
import { mintVisitorSipCredentials } from './sip-credentials';

/**
 * "Call us" from the web chat widget. A visitor with an open chat asks for
 * SIP credentials on their own namespace; the hub mints them for
 * `v~<visitorId>` (a name no agent can have), good for minutes, and says which
 * number to dial: the one that reaches the widget's queue. Kamailio marks
 * calls from such a user as a visitor's, and the hub lets them reach only that
 * queue, as the chat's customer (visitorArrival below). Sockets and SIP are at
 * the edges; the decisions are the pure functions here.
 */

/** Calls one chat may ask for: three at once, then one every two minutes. */
export const VISITOR_CALLS: BucketPolicy = { burst: 3, refillMs: 120_000 };

/** Why a visitor cannot call now. */
export type CallBar = 'calls-off' | 'no-number' | 'closed' | 'ended';

/**
 * The number a visitor of this widget dials now: one that reaches the widget's
 * queue (which must take calls), while the queue is open and the chat is not
 * over. Pure.
 */
export function visitorCallNumber(
  widget: Pick<ChatWidget, 'calls' | 'queueId'>,
  queue: Queue | undefined,
  numbers: VoiceSettings['numbers'],
  chatEnded: boolean,
  now: number,
): { ok: true; dial: string } | { ok: false; bar: CallBar } {
  if (widget.calls !== true) return { ok: false, bar: 'calls-off' };
  const number = queue?.channels.includes('call') ? numbers.find((candidate) => candidate.queueId === queue.id) : undefined;
  if (!queue || !number) return { ok: false, bar: 'no-number' };
  if (chatEnded) return { ok: false, bar: 'ended' };
  if (!isOpen(queue.businessHours, now)) return { ok: false, bar: 'closed' };
  return { ok: true, dial: number.dialled };
}

const BAR_REFUSALS: Record<CallBar, () => Refusal> = {
  'calls-off': () => refuse('forbidden', 'Calls are not offered in this chat.'),
  'no-number': () => refuse('forbidden', 'Calls are not offered in this chat.'),
  closed: () => refuse('conflict', 'We cannot take calls right now; we are closed.'),
  ended: () => refuse('conflict', 'This chat has ended.'),
};

async function conversationOfVisitor(q: Queryable, visitorId: string): Promise<StoredConversation | null> {
  const row = await q.selectFrom('chat_conversations').select('id').where('visitor_id', '=', visitorId).executeTakeFirst();
  return row ? findConversation(q, row.id) : null;
}

export type VisitorCallChannel = Extract<TaskChannel, 'call' | 'video'>;

/**
 * The task a visitor's call opens: a video call (the INVITE offers video) is a
 * `video` task where the queue takes video, so routing counts it against the
 * agents' video capacity; a queue that takes calls only still answers it as a
 * call (the agent can answer with pictures all the same). Pure.
 */
export function visitorCallChannel(video: boolean, queue: Pick<Queue, 'channels'> | undefined): VisitorCallChannel {
  return video && queue?.channels.includes('video') ? 'video' : 'call';
}

type Reject = { reject: Extract<VoiceRouteAnswer, { action: 'reject' }> };
const forbidden = (reason: string): Reject => ({ reject: { action: 'reject', status: 403, reason } });

/**
 * A call Kamailio marked as a visitor's (From `v~<visitorId>`, proven by the
 * hub's credentials): it may reach only the number of its chat's widget
 * queue while the chat is open, and the call belongs to the chat's customer
 * (no provisional phone customer). An agent's extension, another queue, an
 * ended chat: 403. Called inside the call's first routing step.
 */
export async function visitorArrival(
  q: Queryable,
  fromUser: string,
  dialledQueueId: string | null,
  queues: ReadonlyMap<string, Queue>,
  video = false,
): Promise<{ customerId: string; queueId: string; name: string; channel: VisitorCallChannel } | Reject> {
  const visitorId = visitorIdOfSipUser(fromUser);
  const record = visitorId ? await conversationOfVisitor(q, visitorId) : null;
  if (!record) return forbidden('not a visitor with a chat');
  const { conversation } = record;
  if (conversation.status === 'ended') return forbidden('the chat has ended');
  const widget = await findWidget(q, conversation.widgetId);
  if (widget?.calls !== true) return forbidden('calls are not offered in this chat');
  if (dialledQueueId !== widget.queueId || !queues.get(widget.queueId)?.channels.includes('call')) return forbidden('a visitor may call only their chat’s queue');
  const channel = visitorCallChannel(video, queues.get(widget.queueId));
  return { customerId: conversation.customerId, queueId: widget.queueId, name: conversation.visitorName, channel };
}

export type VisitorCallDeps = {
  db: Kysely<Database>;
  clock: Clock;
  /** Kamailio's auth_ephemeral secret (hub/voice/sip-credentials.ts). */
  secret: string;
  /** The SIP domain until an admin saves voice settings. */
  sipDomain: string;
  /** Where browsers reach Kamailio's WebSocket (SIP_WS_URL); null: the widget uses the hub's host, port 5066. */
  wsUrl: string | null;
  limits?: BucketPolicy;
};

export type VisitorCalls = ReturnType<typeof createVisitorCalls>;

/** The visitor namespace's side: may this chat call now, and a ticket to do so. */
export function createVisitorCalls(deps: VisitorCallDeps) {
  const { db, clock } = deps;
  const guard = new FloodGuard(deps.limits ?? VISITOR_CALLS, clock);

  async function plan(visitor: VisitorClaims) {
    const record = await findConversation(db, visitor.conversationId);
    if (!record) throw refuse('not-found', 'This chat no longer exists; start a new one.');
    const widget = await findWidget(db, record.conversation.widgetId);
    if (!widget) throw refuse('not-found', 'This chat is not available.');
    const queue = (await listQueues(db)).find((candidate) => candidate.id === widget.queueId);
    const settings = await readVoiceSettings(db, deps.sipDomain);
    return { record, settings, number: visitorCallNumber(widget, queue, settings.numbers, record.conversation.status === 'ended', clock()) };
  }

  return {
    /** Whether the widget shows its call buttons now. */
    async available(visitor: VisitorClaims): Promise<boolean> {
      return (await plan(visitor)).number.ok;
    },

    /** Credentials for one call from this chat, and where to place it; limited per chat. */
    async ticket(visitor: VisitorClaims): Promise<VisitorCallTicket> {
      const { record, settings, number } = await plan(visitor);
      if (!number.ok) throw BAR_REFUSALS[number.bar]();
      const allowed = guard.take(visitor.conversationId);
      if (!allowed.allowed) throw refuse('rate-limited', 'You have called several times just now; wait a little.', { retryAfterSec: allowed.retryAfterSec });
      const credentials = mintVisitorSipCredentials(deps.secret, visitor.visitorId, clock());
      return {
        sipUser: visitorSipUser(visitor.visitorId),
        displayName: record.conversation.visitorName,
        domain: settings.domain,
        dial: number.dial,
        wsUrl: deps.wsUrl,
        ...credentials,
      };
    },
  };
}
