import type { Kysely } from 'kysely';
import type { ChatWidget } from '../../shared/domain/chat';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { Clock } from '../clock';
import { listWidgets, saveWidget } from '../db/chat-queries';
import { listQueues } from '../db/routing-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { ChatEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import { refuse } from '../sync/refusal';
import { createCannedResponses } from './canned-responses';
import type { ChatService } from './chat-service';

/** The chat channel's desktop events: the agent's side of a chat, canned replies, and the widgets' settings. */
export function createChatRoutes(deps: { db: Kysely<Database>; writeQueue: WriteQueue; clock: Clock; chat: ChatService }): Record<ChatEventName, EventRoute> {
  const { db, writeQueue, chat } = deps;
  const canned = createCannedResponses(db, writeQueue, deps.clock);

  const upsertWidget = (widget: ChatWidget): Promise<ChatWidget> =>
    writeQueue(async () => {
      const queues = new Map((await listQueues(db)).map((queue) => [queue.id, queue]));
      if (!queues.get(widget.queueId)?.channels.includes('chat')) {
        throw refuse('invalid-payload', 'The widget needs a queue that takes chat.', { issues: [{ path: 'queueId', message: 'not a chat queue' }] });
      }
      if (widget.followUpQueueId !== null && !queues.has(widget.followUpQueueId)) {
        throw refuse('invalid-payload', 'The follow-up queue does not exist.', { issues: [{ path: 'followUpQueueId', message: 'unknown queue' }] });
      }
      await saveWidget(db, widget);
      return widget;
    });

  return {
    'chat:open': route(CLIENT_EVENTS['chat:open'], 'chat:open', (request, { user }): Promise<EventResult<'chat:open'>> => chat.agentOpen(user, request.taskId)),
    'chat:send': route(CLIENT_EVENTS['chat:send'], 'chat:send', (request, { user }): Promise<EventResult<'chat:send'>> => chat.agentSend(user, request)),
    'chat:typing': route(CLIENT_EVENTS['chat:typing'], 'chat:typing', (request, { user }): Promise<EventResult<'chat:typing'>> =>
      chat.agentTyping(user, request.taskId, request.typing),
    ),
    'chat:read': route(CLIENT_EVENTS['chat:read'], 'chat:read', (request, { user }): Promise<EventResult<'chat:read'>> =>
      chat.agentRead(user, request.taskId, request.upToSeq),
    ),
    'canned:list': route(CLIENT_EVENTS['canned:list'], 'canned:list', (_request, { user }): Promise<EventResult<'canned:list'>> => canned.list(user)),
    'canned:upsert': route(CLIENT_EVENTS['canned:upsert'], 'canned:upsert', (request, { user }): Promise<EventResult<'canned:upsert'>> =>
      canned.upsert(user, request),
    ),
    'canned:delete': route(CLIENT_EVENTS['canned:delete'], 'canned:delete', (request, { user }): Promise<EventResult<'canned:delete'>> =>
      canned.remove(user, request.id),
    ),
    'admin:widget:list': route(CLIENT_EVENTS['admin:widget:list'], 'admin:widget:list', (): Promise<EventResult<'admin:widget:list'>> => listWidgets(db)),
    'admin:widget:upsert': route(CLIENT_EVENTS['admin:widget:upsert'], 'admin:widget:upsert', (request): Promise<EventResult<'admin:widget:upsert'>> =>
      upsertWidget(request),
    ),
  };
}
