import type { ChatReceipts } from '../../../shared/domain/chat';
import type { QueueStanding, VisitorChatState, VisitorConversation, VisitorLine } from '../../../shared/protocol/visitor';
import type { Refusal } from './refusal-text';

/**
 * A line the visitor has written that the hub has not stored yet. It keeps its
 * client id, so re-sending it after a reconnect is stored once, and it leaves
 * the list the moment the stored line (same client id) comes back.
 */
export type PendingLine = {
  clientId: string;
  text: string;
  attachmentId: string | null;
  attachmentName: string | null;
  at: number;
  /** null while on its way; the refusal once the hub (or the network) said no. */
  failure: Refusal | null;
};

export type ChatView = {
  conversation: VisitorConversation;
  /** Stored lines in `seq` order, each once. */
  lines: VisitorLine[];
  receipts: ChatReceipts;
  queue: QueueStanding | null;
  agentTyping: boolean;
  pending: PendingLine[];
};

export type ChatEvent =
  | { type: 'resumed'; state: VisitorChatState }
  | { type: 'line'; line: VisitorLine }
  | { type: 'receipts'; receipts: ChatReceipts }
  | { type: 'queue'; standing: QueueStanding }
  | { type: 'status'; conversation: VisitorConversation }
  | { type: 'typing'; typing: boolean }
  | { type: 'pending'; line: PendingLine }
  /** The picture or file is on the hub: a retry re-sends the line, not the bytes. */
  | { type: 'uploaded'; clientId: string; attachmentId: string }
  | { type: 'failed'; clientId: string; failure: Refusal }
  | { type: 'retrying'; clientId: string };

export const chatFromState = (state: VisitorChatState): ChatView => ({
  conversation: state.conversation,
  lines: mergeLines([], state.lines),
  receipts: state.receipts,
  queue: state.conversation.status === 'waiting' ? state.queue : null,
  agentTyping: false,
  pending: [],
});

function mergeLines(current: VisitorLine[], incoming: VisitorLine[]): VisitorLine[] {
  const byId = new Map(current.map((line) => [line.id, line]));
  for (const line of incoming) byId.set(line.id, line);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** Marks only move forward: a late, older receipt must not un-read a line. */
const laterReceipts = (a: ChatReceipts, b: ChatReceipts): ChatReceipts => ({
  conversationId: b.conversationId,
  visitorDelivered: Math.max(a.visitorDelivered, b.visitorDelivered),
  visitorRead: Math.max(a.visitorRead, b.visitorRead),
  agentDelivered: Math.max(a.agentDelivered, b.agentDelivered),
  agentRead: Math.max(a.agentRead, b.agentRead),
});

const withoutStored = (pending: PendingLine[], lines: VisitorLine[]): PendingLine[] => {
  const stored = new Set(lines.map((line) => line.clientId).filter((id) => id !== null));
  return pending.filter((line) => !stored.has(line.clientId));
};

const withConversation = (view: ChatView, conversation: VisitorConversation): ChatView => ({
  ...view,
  conversation,
  queue: conversation.status === 'waiting' ? view.queue : null,
  agentTyping: conversation.status === 'active' && view.agentTyping,
});

export function chatReducer(view: ChatView, event: ChatEvent): ChatView {
  switch (event.type) {
    case 'resumed': {
      const fresh = chatFromState(event.state);
      if (event.state.conversation.id !== view.conversation.id) return fresh;
      const lines = mergeLines(view.lines, event.state.lines);
      return { ...fresh, lines, receipts: laterReceipts(view.receipts, event.state.receipts), pending: withoutStored(view.pending, lines) };
    }
    case 'line': {
      const lines = mergeLines(view.lines, [event.line]);
      const agentTyping = event.line.from === 'agent' ? false : view.agentTyping;
      return { ...view, lines, agentTyping, pending: withoutStored(view.pending, lines) };
    }
    case 'receipts':
      return { ...view, receipts: laterReceipts(view.receipts, event.receipts) };
    case 'queue':
      return view.conversation.status === 'waiting' ? { ...view, queue: event.standing } : view;
    case 'status':
      return withConversation(view, event.conversation);
    case 'typing':
      return { ...view, agentTyping: event.typing && view.conversation.status === 'active' };
    case 'pending':
      return { ...view, pending: [...view.pending, event.line] };
    case 'uploaded':
      return {
        ...view,
        pending: view.pending.map((line) => (line.clientId === event.clientId ? { ...line, attachmentId: event.attachmentId } : line)),
      };
    case 'failed':
      return { ...view, pending: view.pending.map((line) => (line.clientId === event.clientId ? { ...line, failure: event.failure } : line)) };
    case 'retrying':
      return { ...view, pending: view.pending.map((line) => (line.clientId === event.clientId ? { ...line, failure: null } : line)) };
  }
}

export type Tick = 'sent' | 'delivered' | 'read';

/** A visitor's stored line is "read" once the agent's read mark reaches it, "delivered" once their desktop has it. */
export function tickFor(line: Pick<VisitorLine, 'seq'>, receipts: ChatReceipts): Tick {
  if (receipts.agentRead >= line.seq) return 'read';
  if (receipts.agentDelivered >= line.seq) return 'delivered';
  return 'sent';
}

/** Replies the visitor has not seen yet: the launcher's badge. */
export const unreadCount = (view: ChatView): number =>
  view.lines.filter((line) => line.from !== 'visitor' && line.seq > view.receipts.visitorRead).length;

/**
 * The seq to report as read when the chat is on screen, given the last mark
 * sent (the hub's own figure after a resume, so a mark lost offline goes
 * again); null when there is nothing new.
 */
export function readMarkDue(view: ChatView, sentUpTo: number): number | null {
  const last = view.lines.at(-1)?.seq ?? 0;
  return last > sentUpTo ? last : null;
}

/** Lines still on their way, or lost with a connection: sent again after a reconnect. A line the hub refused waits for the visitor. */
export const linesToResend = (view: ChatView): PendingLine[] =>
  view.pending.filter((line) => line.failure === null || line.failure.code === 'network');
