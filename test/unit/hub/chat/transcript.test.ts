import { describe, expect, it } from 'vitest';
import { transcriptOf } from '../../../../hub/chat/transcript';
import type { ChatConversation, ChatLine } from '../../../../shared/domain/chat';
import { InteractionSchema } from '../../../../shared/domain/interaction';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const conversation: ChatConversation = {
  id: ID,
  widgetId: 'demo',
  taskId: null,
  customerId: ID,
  visitorId: ID,
  visitorName: 'Lin',
  visitorEmail: null,
  status: 'ended',
  agentId: ID,
  agentName: 'Agent',
  startedAt: 1_000,
  endedAt: 2_000,
  endReason: 'agent-ended',
};
const line = (seq: number, from: ChatLine['from'], text: string): ChatLine => ({
  id: ID,
  conversationId: ID,
  seq,
  from,
  agentId: from === 'agent' ? ID : null,
  authorName: '',
  text,
  attachment: null,
  at: 1_000 + seq,
  clientId: null,
});

describe('chat transcript', () => {
  it('maps speakers and keeps attachments, as a valid chat interaction', () => {
    const withFile = {
      ...line(3, 'visitor', ''),
      attachment: { id: ID, name: 'a.png', mimeType: 'image/png' as const, size: 10, url: `/api/chat/file/${ID}?sig=s` },
    };
    const transcript = transcriptOf(ID, conversation, [line(1, 'system', 'Hello'), line(2, 'agent', 'Hi'), withFile]);
    expect(transcript.messages.map((message) => message.from)).toEqual(['system', 'agent', 'customer']);
    expect(transcript.messages[2]?.attachment).toEqual({ name: 'a.png', mimeType: 'image/png', size: 10, url: `/api/chat/file/${ID}?sig=s` });
    expect(transcript.occurredAt).toBe(1_000);
    expect(InteractionSchema.safeParse(transcript).success).toBe(true);
  });

  it('keeps a very long chat within the schema, saying what was left on the hub', () => {
    const lines = Array.from({ length: 2100 }, (_, i) => line(i + 1, 'visitor', `line ${i}`));
    const transcript = transcriptOf(ID, conversation, lines);
    expect(transcript.messages).toHaveLength(2000);
    expect(transcript.messages.at(-1)?.text).toContain('101 more lines');
    expect(InteractionSchema.safeParse(transcript).success).toBe(true);
  });
});
