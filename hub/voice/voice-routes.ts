import type { Kysely } from 'kysely';
import type { VoiceSettings } from '../../shared/protocol/voice';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import { listQueues } from '../db/routing-queries';
import type { Database } from '../db/schema';
import { listUsers } from '../db/user-queries';
import { saveVoiceSettings } from '../db/voice-queries';
import type { WriteQueue } from '../db/write-queue';
import type { VoiceEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import { refuse } from '../sync/refusal';
import type { VoiceService } from './voice-service';

/**
 * Admin's voice settings, checked against what routing knows: each number
 * must reach a queue that takes calls, and must not be an agent's username
 * (it would hide their extension).
 */
async function checkedSettings(db: Kysely<Database>, settings: VoiceSettings): Promise<VoiceSettings> {
  const queues = new Map((await listQueues(db)).map((queue) => [queue.id, queue]));
  const usernames = new Set((await listUsers(db)).map((user) => user.username.toLowerCase()));
  const issues = settings.numbers.flatMap((number, index) => {
    if (!queues.get(number.queueId)?.channels.includes('call')) return [{ path: `numbers.${index}.queueId`, message: 'not a queue that takes calls' }];
    if (usernames.has(number.dialled.toLowerCase())) return [{ path: `numbers.${index}.dialled`, message: "an agent's extension" }];
    return [];
  });
  if (issues.length > 0) throw refuse('invalid-payload', 'Some numbers cannot be routed.', { issues });
  return settings;
}

/** The voice channel's desktop events: the softphone's registration, holds on a call, and the voice settings. */
export function createVoiceRoutes(deps: { db: Kysely<Database>; writeQueue: WriteQueue; voice: VoiceService }): Record<VoiceEventName, EventRoute> {
  const { db, writeQueue, voice } = deps;
  return {
    'agent:phone': route(CLIENT_EVENTS['agent:phone'], 'agent:phone', (request, { user }): Promise<EventResult<'agent:phone'>> =>
      voice.phone(user, request.registered),
    ),
    'call:hold': route(CLIENT_EVENTS['call:hold'], 'call:hold', (request, { user }): Promise<EventResult<'call:hold'>> =>
      writeQueue(() => voice.hold(user, request)),
    ),
    'customer:link': route(CLIENT_EVENTS['customer:link'], 'customer:link', (request): Promise<EventResult<'customer:link'>> => voice.linkCaller(request)),
    'voice:settings': route(CLIENT_EVENTS['voice:settings'], 'voice:settings', (): Promise<EventResult<'voice:settings'>> => voice.settings()),
    'admin:voice:set': route(CLIENT_EVENTS['admin:voice:set'], 'admin:voice:set', (request): Promise<EventResult<'admin:voice:set'>> =>
      writeQueue(async () => {
        const settings = await checkedSettings(db, request);
        await saveVoiceSettings(db, settings);
        voice.settingsSaved();
        return settings;
      }),
    ),
  };
}
