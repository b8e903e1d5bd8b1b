import { describe, expect, it } from 'vitest';
import { followUpSubject } from '../../../../hub/chat/follow-up';
import type { StoredConversation } from '../../../../hub/db/chat-queries';

const record = (visitorEmail: string | null, phone: string | null): StoredConversation => ({
  conversation: {
    id: '01BX5ZZKBKACTAV9WEVGEMMVRZ',
    widgetId: 'demo',
    taskId: null,
    customerId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    visitorId: '01ARZ3NDEKTSV4RRFFQ69G5FAW',
    visitorName: 'Lin Mei',
    visitorEmail,
    status: 'ended',
    agentId: null,
    agentName: null,
    startedAt: 1,
    endedAt: 2,
    endReason: 'max-wait',
  },
  receipts: { conversationId: '01BX5ZZKBKACTAV9WEVGEMMVRZ', visitorDelivered: 0, visitorRead: 0, agentDelivered: 0, agentRead: 0 },
  locale: 'zh-CN',
  phone,
});

describe('follow-up subjects', () => {
  it('name the visitor, and how to reach them once known', () => {
    expect(followUpSubject(record(null, null))).toBe('Follow-up: chat from Lin Mei');
    expect(followUpSubject(record('lin@example.com', null))).toBe('Follow-up: chat from Lin Mei (lin@example.com)');
    expect(followUpSubject(record('lin@example.com', '+8613800138000'))).toBe('Follow-up: chat from Lin Mei (lin@example.com, +8613800138000)');
  });
});
