import type { ChatReceipts } from '../../../../shared/domain/chat';
import type { VisitorChatState, VisitorConversation, VisitorLine } from '../../../../shared/protocol/visitor';

export const CONVERSATION_ID = '01JCHAT0000000000000000001';

export const conversation = (patch: Partial<VisitorConversation> = {}): VisitorConversation => ({
  id: CONVERSATION_ID,
  status: 'waiting',
  agentName: null,
  endReason: null,
  contactKnown: false,
  ...patch,
});

export const receipts = (patch: Partial<ChatReceipts> = {}): ChatReceipts => ({
  conversationId: CONVERSATION_ID,
  visitorDelivered: 0,
  visitorRead: 0,
  agentDelivered: 0,
  agentRead: 0,
  ...patch,
});

export function line(seq: number, from: VisitorLine['from'], patch: Partial<VisitorLine> = {}): VisitorLine {
  return {
    id: `01JLINE${String(seq).padStart(19, '0')}`,
    conversationId: CONVERSATION_ID,
    seq,
    from,
    authorName: from === 'agent' ? 'Li Na' : from === 'visitor' ? 'Wang Wei' : '',
    text: `line ${seq}`,
    attachment: null,
    at: 1_767_225_600_000 + seq * 1_000,
    clientId: null,
    ...patch,
  };
}

export const chatState = (patch: Partial<VisitorChatState> = {}): VisitorChatState => ({
  conversation: conversation(),
  lines: [],
  receipts: receipts(),
  queue: { position: 3, open: true },
  ...patch,
});
