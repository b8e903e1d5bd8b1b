import type { EmailAttachment, EmailMessage } from '../../../shared/domain/email';
import type { User } from '../../../shared/domain/user';
import { findAttachment } from '../../db/attachment-queries';
import { findEmailMessage, findEmailThread, insertEmailMessage, listEmailMessages, updateEmailThread } from '../../db/email-queries';
import { insertInteractions } from '../../db/interaction-queries';
import { listQueues } from '../../db/routing-queries';
import type { Queryable } from '../../db/schema';
import { applied, type MutationHandler, refused } from '../../sync/mutations/mutation-handler';
import { emailInteractionOf } from '../email-interaction';
import { worksThread } from '../thread-access';
import { outgoingMessage } from './outgoing-message';

type Resolved = { ok: true; files: EmailAttachment[] } | { ok: false; index: number };

/**
 * The files a mail may carry: the agent's own uploads (kind 'email'), or
 * files already in this thread (a forward). Never another agent's upload or
 * another customer's file, whatever id the desktop sends.
 */
async function resolveAttachments(trx: Queryable, wanted: { attachmentId: string; name: string }[], user: User, thread: EmailMessage[]): Promise<Resolved> {
  const inThread = new Map(thread.flatMap((message) => message.attachments.map((file) => [file.attachmentId, file] as const)));
  const files: EmailAttachment[] = [];
  for (const [index, { attachmentId, name }] of wanted.entries()) {
    const known = inThread.get(attachmentId);
    if (known) {
      files.push({ ...known, name, cid: null });
      continue;
    }
    const stored = await findAttachment(trx, attachmentId);
    if (stored?.kind !== 'email' || stored.createdBy !== user.id) return { ok: false, index };
    files.push({ attachmentId, name, mimeType: stored.mimeType, size: stored.size, cid: null, dangerous: false });
  }
  return { ok: true, files };
}

/**
 * Files the agent's mail on the thread and the customer's timeline, waiting
 * in the hub's outbox (hub/email/outbound/email-outbox.ts sends it after the
 * commit). Applied once per mutation id, like every mutation.
 */
export const sendEmail: MutationHandler<'email.send'> = async (args, { trx, user, now }) => {
  const thread = await findEmailThread(trx, args.threadId);
  if (!thread || thread.customerId !== args.customerId) return refused('not-found', 'No such email conversation for this customer; it may have been moved.');
  if (!(await worksThread(trx, thread, user))) return refused('forbidden', 'Only the agent working this email conversation can write in it.');
  if (await findEmailMessage(trx, args.emailId)) return refused('conflict', 'A mail with this id already exists.');
  const messages = await listEmailMessages(trx, thread.id);
  const parent = messages.find((message) => message.id === args.parentId);
  if (!parent) return refused('not-found', 'The mail being answered is not in this conversation.');
  const files = await resolveAttachments(trx, args.attachments, user, messages);
  if (!files.ok) {
    const message = 'An attached file is not one you uploaded for email; attach it again.';
    return refused('not-found', message, { issues: [{ path: `args.attachments.${files.index}`, message }] });
  }
  const queue = (await listQueues(trx)).find((candidate) => candidate.id === thread.queueId);
  const message = outgoingMessage({ args, thread, parent, attachments: files.files, agentId: user.id, fromName: queue?.name ?? '', now });
  await insertEmailMessage(trx, message);
  await updateEmailThread(trx, { ...thread, lastMessageAt: now });
  const interaction = emailInteractionOf(message);
  await insertInteractions(trx, [interaction]);
  return applied({ entity: 'interaction', op: 'put', data: interaction });
};
