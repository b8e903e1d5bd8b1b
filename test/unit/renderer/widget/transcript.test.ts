import { describe, expect, it } from 'vitest';
import { chatFromState } from '../../../../renderer/widget/frame/chat-state';
import { buildTranscript } from '../../../../renderer/widget/frame/transcript';
import { chatState, conversation, line, receipts } from './fixtures';

const shape = (view: ReturnType<typeof chatFromState>) =>
  buildTranscript(view).map((item) => (item.kind === 'line' ? `${item.line.from}:${item.line.seq}:${item.tick ?? '-'}` : `pending:${item.line.clientId}`));

describe('the transcript', () => {
  it('ticks only the visitor lines, each by how far the agent side has got', () => {
    const view = chatFromState(
      chatState({
        conversation: conversation({ status: 'active', agentName: 'Li Na' }),
        lines: [line(1, 'system'), line(2, 'visitor'), line(3, 'system', { text: 'Li Na has joined the chat.' }), line(4, 'agent'), line(5, 'visitor'), line(6, 'visitor')],
        receipts: receipts({ agentDelivered: 5, agentRead: 2 }),
      }),
    );
    expect(shape(view)).toEqual(['system:1:-', 'visitor:2:read', 'system:3:-', 'agent:4:-', 'visitor:5:delivered', 'visitor:6:sent']);
  });

  it('puts lines still on their way after the stored ones', () => {
    const view = {
      ...chatFromState(chatState({ lines: [line(1, 'visitor')] })),
      pending: [{ clientId: 'c9', text: 'hello?', attachmentId: null, attachmentName: null, at: 1, failure: null }],
    };
    expect(shape(view)).toEqual(['visitor:1:sent', 'pending:c9']);
  });
});
