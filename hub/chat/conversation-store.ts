import { ulid } from 'ulid';
import type { ChatAttachment, ChatLine } from '../../shared/domain/chat';
import { insertLine, lastSeq } from '../db/chat-queries';
import type { Queryable } from '../db/schema';

export type NewLine = Pick<ChatLine, 'from' | 'agentId' | 'authorName' | 'text' | 'clientId'> & { attachment?: ChatAttachment | null };

/**
 * Appends a line with the conversation's next seq. Callers hold the write
 * queue, so seqs are gap-free; the unique (conversation, seq) index is the
 * backstop should two hub nodes ever race.
 */
export async function appendLine(db: Queryable, conversationId: string, line: NewLine, now: number): Promise<ChatLine> {
  const stored: ChatLine = {
    id: ulid(now),
    conversationId,
    seq: (await lastSeq(db, conversationId)) + 1,
    from: line.from,
    agentId: line.agentId,
    authorName: line.authorName,
    text: line.text,
    attachment: line.attachment ?? null,
    at: now,
    clientId: line.clientId,
  };
  await insertLine(db, stored);
  return stored;
}

export const conversationRoom = (conversationId: string): string => `conversation:${conversationId}`;
