import type { Kysely } from 'kysely';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { SurveyEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import { readSurveySettings, saveSurveySettings } from './survey-settings';

/** The admin's survey settings over the socket; the roles are the contract's, checked by the dispatcher. */
export function createSurveyRoutes(deps: { db: Kysely<Database>; writeQueue: WriteQueue }): Record<SurveyEventName, EventRoute> {
  const { db, writeQueue } = deps;
  return {
    'admin:surveys:get': route(CLIENT_EVENTS['admin:surveys:get'], 'admin:surveys:get', (): Promise<EventResult<'admin:surveys:get'>> => readSurveySettings(db)),
    'admin:surveys:set': route(CLIENT_EVENTS['admin:surveys:set'], 'admin:surveys:set', (settings): Promise<EventResult<'admin:surveys:set'>> =>
      writeQueue(async () => {
        await saveSurveySettings(db, settings);
        return settings;
      }),
    ),
  };
}
