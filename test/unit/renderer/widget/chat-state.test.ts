import { describe, expect, it } from 'vitest';
import {
  type ChatView,
  chatFromState,
  chatReducer,
  linesToResend,
  type PendingLine,
  readMarkDue,
  tickFor,
  unreadCount,
} from '../../../../renderer/widget/frame/chat-state';
import { CONVERSATION_ID, chatState, conversation, line, receipts } from './fixtures';

const pending = (clientId: string, patch: Partial<PendingLine> = {}): PendingLine => ({
  clientId,
  text: `text of ${clientId}`,
  attachmentId: null,
  attachmentName: null,
  at: 1,
  failure: null,
  ...patch,
});

const active = (patch: Partial<ChatView> = {}): ChatView => ({
  ...chatFromState(chatState({ conversation: conversation({ status: 'active', agentName: 'Li Na' }), queue: null })),
  ...patch,
});

describe('the visitor chat state', () => {
  it('keeps each stored line once, in seq order, whatever order they arrive in', () => {
    let view = chatFromState(chatState({ lines: [line(2, 'system'), line(1, 'system')] }));
    view = chatReducer(view, { type: 'line', line: line(4, 'visitor') });
    view = chatReducer(view, { type: 'line', line: line(3, 'agent') });
    view = chatReducer(view, { type: 'line', line: line(3, 'agent') });
    expect(view.lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
  });

  it('drops a pending line once the hub stores it (matched by client id), live or on resume', () => {
    let view = chatReducer(active(), { type: 'pending', line: pending('c1') });
    view = chatReducer(view, { type: 'pending', line: pending('c2') });
    view = chatReducer(view, { type: 'line', line: line(1, 'visitor', { clientId: 'c1' }) });
    expect(view.pending.map((p) => p.clientId)).toEqual(['c2']);
    view = chatReducer(view, { type: 'resumed', state: chatState({ conversation: view.conversation, lines: [line(1, 'visitor', { clientId: 'c1' }), line(2, 'visitor', { clientId: 'c2' })] }) });
    expect(view.pending).toEqual([]);
    expect(view.lines.map((l) => l.clientId)).toEqual(['c1', 'c2']);
  });

  it('keeps lines not yet stored across a resume, so they can be sent again', () => {
    let view = chatReducer(active(), { type: 'pending', line: pending('c1') });
    view = chatReducer(view, { type: 'resumed', state: chatState({ conversation: view.conversation }) });
    expect(linesToResend(view).map((p) => p.clientId)).toEqual(['c1']);
  });

  it('re-sends lines lost with the connection but not lines the hub refused', () => {
    let view = active({ pending: [pending('sending'), pending('lost'), pending('refused')] });
    view = chatReducer(view, { type: 'failed', clientId: 'lost', failure: { code: 'network' } });
    view = chatReducer(view, { type: 'failed', clientId: 'refused', failure: { code: 'rate-limited', retryAfterSec: 5 } });
    expect(linesToResend(view).map((p) => p.clientId)).toEqual(['sending', 'lost']);
    view = chatReducer(view, { type: 'retrying', clientId: 'refused' });
    expect(linesToResend(view).map((p) => p.clientId)).toEqual(['sending', 'lost', 'refused']);
  });

  it('remembers an uploaded attachment, so a retry does not upload it again', () => {
    const view = chatReducer(active({ pending: [pending('photo', { attachmentName: 'tin.png' }), pending('other')] }), {
      type: 'uploaded',
      clientId: 'photo',
      attachmentId: '01JFILE0000000000000000001',
    });
    expect(view.pending.map((p) => p.attachmentId)).toEqual(['01JFILE0000000000000000001', null]);
  });

  it('starts afresh when a resume brings another conversation', () => {
    const view = active({ lines: [line(1, 'visitor')], pending: [pending('old')] });
    const other = chatState({ conversation: conversation({ id: '01JCHAT0000000000000000002' }) });
    expect(chatReducer(view, { type: 'resumed', state: other })).toEqual(chatFromState(other));
  });

  it('never moves a receipt mark backwards when an older one arrives late', () => {
    let view = active();
    view = chatReducer(view, { type: 'receipts', receipts: receipts({ agentDelivered: 5, agentRead: 4, visitorRead: 2 }) });
    view = chatReducer(view, { type: 'receipts', receipts: receipts({ agentDelivered: 3, agentRead: 5, visitorRead: 1 }) });
    expect(view.receipts).toEqual(receipts({ agentDelivered: 5, agentRead: 5, visitorRead: 2 }));
    view = chatReducer(view, { type: 'resumed', state: chatState({ conversation: view.conversation, receipts: receipts({ agentRead: 1 }) }) });
    expect(view.receipts.agentRead).toBe(5);
  });

  it('shows the queue standing only while waiting', () => {
    let view = chatFromState(chatState());
    view = chatReducer(view, { type: 'queue', standing: { position: 1, open: true } });
    expect(view.queue).toEqual({ position: 1, open: true });
    view = chatReducer(view, { type: 'status', conversation: conversation({ status: 'active', agentName: 'Li Na' }) });
    expect(view.queue).toBeNull();
    view = chatReducer(view, { type: 'queue', standing: { position: 2, open: true } });
    expect(view.queue).toBeNull();
    expect(chatFromState(chatState({ conversation: conversation({ status: 'ended', endReason: 'max-wait' }) })).queue).toBeNull();
  });

  it('shows the agent typing until their line arrives, and never after the chat ended', () => {
    let view = chatReducer(active(), { type: 'typing', typing: true });
    expect(view.agentTyping).toBe(true);
    view = chatReducer(view, { type: 'line', line: line(1, 'agent') });
    expect(view.agentTyping).toBe(false);
    view = chatReducer(view, { type: 'typing', typing: true });
    view = chatReducer(view, { type: 'status', conversation: conversation({ status: 'ended', endReason: 'agent-ended', agentName: 'Li Na' }) });
    expect(view.agentTyping).toBe(false);
    expect(chatReducer(view, { type: 'typing', typing: true }).agentTyping).toBe(false);
    expect(chatReducer(chatFromState(chatState()), { type: 'typing', typing: true }).agentTyping).toBe(false);
  });
});

describe('marks on the visitor side', () => {
  it('ticks a line sent, then delivered, then read as the agent side catches up', () => {
    const mine = line(3, 'visitor');
    expect(tickFor(mine, receipts({ agentDelivered: 2 }))).toBe('sent');
    expect(tickFor(mine, receipts({ agentDelivered: 3 }))).toBe('delivered');
    expect(tickFor(mine, receipts({ agentDelivered: 3, agentRead: 3 }))).toBe('read');
    expect(tickFor(mine, receipts({ agentDelivered: 9, agentRead: 7 }))).toBe('read');
  });

  it('counts unread replies and says up to where to mark read', () => {
    const view = active({ lines: [line(1, 'system'), line(2, 'visitor'), line(3, 'agent'), line(4, 'agent')], receipts: receipts({ visitorRead: 2 }) });
    expect(unreadCount(view)).toBe(2);
    expect(readMarkDue(view, 2)).toBe(4);
    expect(readMarkDue(view, 4)).toBeNull();
    const caughtUp = chatReducer(view, { type: 'receipts', receipts: receipts({ conversationId: CONVERSATION_ID, visitorRead: 4 }) });
    expect(unreadCount(caughtUp)).toBe(0);
    expect(readMarkDue(active(), 0)).toBeNull();
  });
});
