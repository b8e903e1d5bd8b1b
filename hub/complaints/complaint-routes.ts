import type { Kysely } from 'kysely';
import type { ComplaintSettings } from '../../shared/protocol/complaints';
import { CLIENT_EVENTS } from '../../shared/protocol/events';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { listUsers } from '../db/user-queries';
import type { WriteQueue } from '../db/write-queue';
import type { ComplaintEventName } from '../socket/event-handlers';
import { type EventResult, type EventRoute, route } from '../socket/event-route';
import { refuse } from '../sync/refusal';
import { seesAll, teamsOf } from './complaint-access';
import { listComplaints, readComplaintSettings, saveComplaintSettings } from './complaint-queries';
import { settingsIssues } from './complaint-settings-check';
import { complaintViews } from './complaint-view';

export type ComplaintRouteDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  /** After the settings change: targets and the chain move the escalation timer. */
  settingsSaved: () => void;
};

/** Complaint settings and lists; logging and every step are mutations (log-complaint.ts, act-complaint.ts). */
export function createComplaintRoutes(deps: ComplaintRouteDeps): Record<ComplaintEventName, EventRoute> {
  const { db, writeQueue, clock } = deps;

  async function saveSettings(settings: ComplaintSettings): Promise<ComplaintSettings> {
    const issues = settingsIssues(settings, new Set((await listUsers(db)).map((user) => user.id)));
    if (issues.length > 0) {
      throw refuse('invalid-payload', `The complaint settings are not valid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}.`, { issues });
    }
    await writeQueue(() => saveComplaintSettings(db, settings));
    deps.settingsSaved();
    return settings;
  }

  return {
    'complaint:settings': route(CLIENT_EVENTS['complaint:settings'], 'complaint:settings', (): Promise<EventResult<'complaint:settings'>> => readComplaintSettings(db)),
    'admin:complaints:set': route(CLIENT_EVENTS['admin:complaints:set'], 'admin:complaints:set', (request): Promise<EventResult<'admin:complaints:set'>> =>
      saveSettings(request),
    ),
    'complaint:list': route(CLIENT_EVENTS['complaint:list'], 'complaint:list', async (request, { user }): Promise<EventResult<'complaint:list'>> => {
      if (request.scope === 'all' && !seesAll(user)) throw refuse('forbidden', 'Only supervisors and administrators can see every complaint.');
      const scope =
        request.scope === 'mine' ? { ownerId: user.id } : request.scope === 'team' ? { teamIds: await teamsOf(db, user) } : {};
      const complaints = await listComplaints(db, { openOnly: request.status === 'open', customerId: request.customerId, limit: request.limit, ...scope });
      return complaintViews(db, complaints, await readComplaintSettings(db), clock());
    }),
  };
}
