import { describe, expect, it } from 'vitest';
import { demoReplies, demoWidget } from '../../../../hub/chat/demo-chat';
import { demoQueues } from '../../../../hub/routing/demo-routing';
import { CannedResponseSchema, ChatWidgetSchema } from '../../../../shared/domain/chat';

describe('the demo chat', () => {
  it('has a valid widget chatting into the General queue', () => {
    const widget = ChatWidgetSchema.parse(demoWidget());
    const queue = demoQueues().find((candidate) => candidate.id === widget.queueId);
    expect(queue?.name).toMatch(/^General/);
    expect(queue?.channels).toContain('chat');
    expect(widget).toMatchObject({ id: 'demo', askName: 'optional', askEmail: 'optional', followUpQueueId: null, allowedOrigins: [] });
    // One line for both languages: the widget shows the admin's text as written.
    expect(widget.greeting).toMatch(/[a-z]/i);
    expect(widget.greeting).toMatch(/\p{Script=Han}/u);
  });

  it('has shared replies with unique shortcuts and the same ids on every install', () => {
    const replies = demoReplies(1).map((reply) => CannedResponseSchema.parse(reply));
    expect(replies.map((reply) => reply.shortcut)).toEqual(expect.arrayContaining(['hello', 'wait', 'bye']));
    expect(new Set(replies.map((reply) => reply.shortcut)).size).toBe(replies.length);
    expect(replies.every((reply) => reply.ownerId === null)).toBe(true);
    expect(demoReplies(2).map((reply) => reply.id)).toEqual(replies.map((reply) => reply.id));
  });
});
