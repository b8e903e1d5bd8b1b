import type { ChatConversation, ChatLine } from '../../shared/domain/chat';
import type { InteractionOf } from '../../shared/domain/interaction';

/** The schema's cap on one chat interaction; a longer chat keeps its first lines and says so. */
const MAX_MESSAGES = 2000;

const SPEAKER = { visitor: 'customer', agent: 'agent', system: 'system' } as const;

/**
 * A finished conversation as the interaction on the customer's timeline.
 * Pure: the id and time come from the caller.
 */
export function transcriptOf(id: string, conversation: ChatConversation, lines: readonly ChatLine[]): InteractionOf<'chat'> {
  const kept = lines.length > MAX_MESSAGES ? lines.slice(0, MAX_MESSAGES - 1) : lines;
  const messages: InteractionOf<'chat'>['messages'] = kept.map((line) => ({
    from: SPEAKER[line.from],
    text: line.text,
    at: line.at,
    ...(line.attachment
      ? { attachment: { name: line.attachment.name, mimeType: line.attachment.mimeType, size: line.attachment.size, url: line.attachment.url } }
      : {}),
  }));
  if (kept.length < lines.length) {
    const last = lines[lines.length - 1] as ChatLine;
    messages.push({ from: 'system', text: `${lines.length - kept.length} more lines are kept on the hub.`, at: last.at });
  }
  return {
    id,
    customerId: conversation.customerId,
    occurredAt: conversation.startedAt,
    agentId: conversation.agentId,
    channel: 'chat',
    direction: 'inbound',
    messages,
  };
}
