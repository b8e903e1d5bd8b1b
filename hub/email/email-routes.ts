import type { Kysely } from 'kysely';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import { listEmailMessages, listQuarantined, readEmailSettings, saveEmailSettings } from '../db/email-queries';
import { listQueues } from '../db/routing-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { EmailInboundEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import { refuse } from '../sync/refusal';
import { mergeSettings, settingsView } from './email-settings';
import { agentThread } from './thread-access';

/** Inbound email's desktop events: opening an email task's thread, and the administrator's mailbox settings and quarantine. */
export function createEmailRoutes(deps: {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  /** Called after a save, so the IMAP pollers follow the new mailboxes. */
  settingsChanged: () => void;
}): Record<EmailInboundEventName, EventRoute> {
  const { db, writeQueue } = deps;

  const save = (input: Parameters<typeof mergeSettings>[1]) =>
    writeQueue(async () => {
      const queues = new Map((await listQueues(db)).map((queue) => [queue.id, queue]));
      for (const [index, mailbox] of input.mailboxes.entries()) {
        if (!queues.get(mailbox.queueId)?.channels.includes('email')) {
          throw refuse('invalid-payload', 'Each address needs a queue that takes email.', { issues: [{ path: `mailboxes.${index}.queueId`, message: 'not an email queue' }] });
        }
      }
      const next = mergeSettings(await readEmailSettings(db), input);
      await saveEmailSettings(db, next);
      return settingsView(next);
    });

  return {
    'email:open': route(CLIENT_EVENTS['email:open'], 'email:open', async (request, { user }): Promise<EventResult<'email:open'>> => {
      const thread = await agentThread(db, user, request.taskId, false);
      return { thread, messages: await listEmailMessages(db, thread.id) };
    }),
    'admin:email:get': route(CLIENT_EVENTS['admin:email:get'], 'admin:email:get', async (): Promise<EventResult<'admin:email:get'>> =>
      settingsView(await readEmailSettings(db)),
    ),
    'admin:email:set': route(CLIENT_EVENTS['admin:email:set'], 'admin:email:set', async (request): Promise<EventResult<'admin:email:set'>> => {
      const view = await save(request);
      deps.settingsChanged();
      return view;
    }),
    'admin:email:quarantine': route(CLIENT_EVENTS['admin:email:quarantine'], 'admin:email:quarantine', (request): Promise<EventResult<'admin:email:quarantine'>> =>
      listQuarantined(db, request.before, request.limit),
    ),
  };
}
