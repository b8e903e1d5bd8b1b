import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { SmsSettingsInputSchema, SmsSettingsView } from '../../shared/protocol/sms';
import { listQueues } from '../db/routing-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { SmsEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import { refuse } from '../sync/refusal';
import type { SmsService } from './sms-service';
import { readSmsSettings, saveSmsSettings, settingsView } from './sms-settings';

/** The SMS channel's desktop events: the agent's side of a conversation, and the admin's numbers and provider. */
export function createSmsRoutes(deps: { db: Kysely<Database>; writeQueue: WriteQueue; sms: SmsService }): Record<SmsEventName, EventRoute> {
  const { db, writeQueue, sms } = deps;

  const saveSettings = (input: z.infer<typeof SmsSettingsInputSchema>): Promise<SmsSettingsView> =>
    writeQueue(async () => {
      const queues = new Map((await listQueues(db)).map((queue) => [queue.id, queue]));
      const issues = input.numbers.flatMap((number, index) =>
        queues.get(number.queueId)?.channels.includes('sms') ? [] : [{ path: `numbers.${index}.queueId`, message: 'not a queue that takes SMS' }],
      );
      if (issues.length > 0) throw refuse('invalid-payload', 'Each number needs a queue that takes SMS.', { issues });
      const stored = await readSmsSettings(db);
      const settings = { ...input, secret: input.secret ?? stored.secret };
      await saveSmsSettings(db, settings);
      return settingsView(settings);
    });

  return {
    'sms:open': route(CLIENT_EVENTS['sms:open'], 'sms:open', (request, { user }): Promise<EventResult<'sms:open'>> => sms.open(user, request.taskId)),
    'sms:send': route(CLIENT_EVENTS['sms:send'], 'sms:send', (request, { user }): Promise<EventResult<'sms:send'>> => sms.send(user, request)),
    'sms:retry': route(CLIENT_EVENTS['sms:retry'], 'sms:retry', (request, { user }): Promise<EventResult<'sms:retry'>> => sms.retry(user, request)),
    'admin:sms:get': route(CLIENT_EVENTS['admin:sms:get'], 'admin:sms:get', async (): Promise<EventResult<'admin:sms:get'>> =>
      settingsView(await readSmsSettings(db)),
    ),
    'admin:sms:set': route(CLIENT_EVENTS['admin:sms:set'], 'admin:sms:set', (request): Promise<EventResult<'admin:sms:set'>> => saveSettings(request)),
  };
}
