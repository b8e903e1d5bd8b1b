import type { Kysely } from 'kysely';
import type { CountryCode } from 'libphonenumber-js/min';
import type { Namespace } from 'socket.io';
import type { ChatLine } from '../../shared/domain/chat';
import type { HubToVisitorEvents, VisitorConversation, VisitorLine, VisitorSocketData, VisitorToHubEvents } from '../../shared/protocol/visitor';
import type { Clock } from '../clock';
import type { Presence } from '../cluster/presence';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { Logger } from '../log';
import type { RoutingService } from '../routing/routing-service';
import { type HubServer, userRoom } from '../socket/hub-socket';
import type { StoredConversation } from '../db/chat-queries';
import { conversationRoom } from './conversation-store';

export type VisitorServer = Namespace<VisitorToHubEvents, HubToVisitorEvents, Record<string, never>, VisitorSocketData>;

/** What every part of the chat channel shares. */
export type ChatDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  io: HubServer;
  visitors: VisitorServer;
  /** Whose widgets and desktops are connected, on every hub node. */
  presence: Presence;
  routing: RoutingService;
  /** The key visitor tokens and file links are signed with (visitor-token.ts). */
  key: string;
  log: Logger;
  defaultRegion: CountryCode;
};

export const toVisitorLine = ({ agentId: _agentId, ...line }: ChatLine): VisitorLine => line;

export const visitorView = (record: StoredConversation): VisitorConversation => ({
  id: record.conversation.id,
  status: record.conversation.status,
  agentName: record.conversation.agentName,
  endReason: record.conversation.endReason,
  contactKnown: record.conversation.visitorEmail !== null || record.phone !== null,
});

/** Announcements to both sides of one conversation. */
export function announcer({ io, visitors, presence }: Pick<ChatDeps, 'io' | 'visitors' | 'presence'>) {
  const agentRoom = (record: StoredConversation) => (record.conversation.agentId ? userRoom(record.conversation.agentId) : null);
  return {
    line(record: StoredConversation, line: ChatLine): void {
      visitors.to(conversationRoom(record.conversation.id)).emit('chat:line', toVisitorLine(line));
      const room = agentRoom(record);
      if (room && record.conversation.taskId) io.to(room).emit('chat:line', { taskId: record.conversation.taskId, line });
    },
    receipts(record: StoredConversation): void {
      visitors.to(conversationRoom(record.conversation.id)).emit('chat:receipts', record.receipts);
      const room = agentRoom(record);
      if (room && record.conversation.taskId) io.to(room).emit('chat:receipts', { taskId: record.conversation.taskId, receipts: record.receipts });
    },
    status(record: StoredConversation): void {
      visitors.to(conversationRoom(record.conversation.id)).emit('chat:status', visitorView(record));
      const room = agentRoom(record);
      if (room) io.to(room).emit('chat:conversation', record.conversation);
    },
    /** Whether anyone is there to receive a line: the visitor's widget, or the agent's desktop. */
    visitorPresent: (record: StoredConversation): boolean =>
      presence.visitors(conversationRoom(record.conversation.id)) > 0,
    agentPresent: (record: StoredConversation): boolean => {
      const room = agentRoom(record);
      return room !== null && presence.desktops(room) > 0;
    },
  };
}
export type Announcer = ReturnType<typeof announcer>;
