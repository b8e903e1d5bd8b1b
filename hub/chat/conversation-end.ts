import { ulid } from 'ulid';
import type { ConversationEnd } from '../../shared/domain/chat';
import { listLines, type StoredConversation, saveConversation } from '../db/chat-queries';
import { insertInteractions } from '../db/interaction-queries';
import type { StepContext } from '../routing/routing-service';
import type { Announcer } from './chat-context';
import { appendLine } from './conversation-store';
import { transcriptOf } from './transcript';

/**
 * Ends a conversation once, whatever ended it, inside a routing step: a last
 * system line when there is something to say, the status, and the transcript
 * as a `chat` interaction on the customer's timeline (through the change log,
 * so every desktop gets it). Answers the ended record; an ended one is returned as is.
 */
export async function endConversation(
  ctx: StepContext,
  announce: Announcer,
  record: StoredConversation,
  reason: ConversationEnd,
  lastWords: string | null,
): Promise<StoredConversation> {
  if (record.conversation.status === 'ended') return record;
  const { trx, now } = ctx;
  const said = lastWords ? await appendLine(trx, record.conversation.id, systemLine(lastWords), now) : null;
  const ended: StoredConversation = {
    ...record,
    conversation: { ...record.conversation, status: 'ended', endedAt: now, endReason: reason },
  };
  await saveConversation(trx, ended, now);
  const transcript = transcriptOf(ulid(now), ended.conversation, await listLines(trx, record.conversation.id));
  if (transcript.messages.length > 0) {
    await insertInteractions(trx, [transcript]);
    ctx.drafts.push({ entity: 'interaction', op: 'put', data: transcript });
  }
  ctx.afterCommit(() => {
    if (said) announce.line(ended, said);
    announce.status(ended);
  });
  return ended;
}

export const systemLine = (text: string) => ({ from: 'system' as const, agentId: null, authorName: '', text, clientId: null });
