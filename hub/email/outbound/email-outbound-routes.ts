import type { Kysely } from 'kysely';
import { CLIENT_EVENTS } from '../../../shared/protocol/events';
import { readSignature, saveSignature } from '../../db/email-outbox-queries';
import { listQueues } from '../../db/routing-queries';
import type { Database } from '../../db/schema';
import type { WriteQueue } from '../../db/write-queue';
import type { EmailOutboundEventName } from '../../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../../socket/event-route';
import { refuse } from '../../sync/refusal';
import type { EmailOutbox } from './email-outbox';

export type EmailOutboundRouteDeps = { db: Kysely<Database>; writeQueue: WriteQueue; outbox: EmailOutbox };

/** The reply side's desktop events: retrying a mail, and the signatures the composer appends. */
export function createEmailOutboundRoutes({ db, writeQueue, outbox }: EmailOutboundRouteDeps): Record<EmailOutboundEventName, EventRoute> {
  async function signatures(userId: string, queueId: string): Promise<EventResult<'email:signatures'>> {
    return { agent: await readSignature(db, 'agent', userId), queue: await readSignature(db, 'queue', queueId) };
  }
  return {
    'email:retry': route(CLIENT_EVENTS['email:retry'], 'email:retry', (request, { user }): Promise<EventResult<'email:retry'>> =>
      outbox.retry(request.emailId, user),
    ),
    'email:signatures': route(CLIENT_EVENTS['email:signatures'], 'email:signatures', (request, { user }) => signatures(user.id, request.queueId)),
    'email:signature:set': route(CLIENT_EVENTS['email:signature:set'], 'email:signature:set', async (request, { user }): Promise<EventResult<'email:signature:set'>> => {
      if (request.scope === 'agent') {
        await writeQueue(() => saveSignature(db, 'agent', user.id, request.text));
        return { agent: request.text, queue: '' };
      }
      if (user.role !== 'admin') throw refuse('forbidden', "Only an administrator can change a queue's signature.");
      if (!(await listQueues(db)).some((queue) => queue.id === request.queueId)) throw refuse('not-found', 'No such queue.');
      await writeQueue(() => saveSignature(db, 'queue', request.queueId, request.text));
      return signatures(user.id, request.queueId);
    }),
  };
}
