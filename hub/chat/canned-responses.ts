import type { Kysely } from 'kysely';
import type { CannedResponse } from '../../shared/domain/chat';
import type { User } from '../../shared/domain/user';
import type { Clock } from '../clock';
import { deleteCanned, findCanned, findCannedByShortcut, listCanned, saveCanned } from '../db/chat-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { refuse } from '../sync/refusal';

type Upsert = { id: string; scope: 'personal' | 'shared'; shortcut: string; title: string; text: string };

/** Shared replies are the centre's voice: supervisors and admins write them; an agent keeps personal ones. */
const maySharedWrite = (user: User): boolean => user.role === 'supervisor' || user.role === 'admin';

/** May `user` change or delete this response? */
function mayChange(user: User, canned: CannedResponse): boolean {
  return canned.ownerId === null ? maySharedWrite(user) : canned.ownerId === user.id;
}

export function createCannedResponses(db: Kysely<Database>, writeQueue: WriteQueue, clock: Clock) {
  return {
    list: (user: User): Promise<CannedResponse[]> => listCanned(db, user.id),

    upsert: (user: User, request: Upsert): Promise<CannedResponse> =>
      writeQueue(async () => {
        if (request.scope === 'shared' && !maySharedWrite(user)) throw refuse('forbidden', 'Only supervisors and admins write shared replies.');
        const existing = await findCanned(db, request.id);
        if (existing && !mayChange(user, existing)) throw refuse('forbidden', 'This reply belongs to someone else.');
        const ownerId = request.scope === 'shared' ? null : user.id;
        const clash = await findCannedByShortcut(db, ownerId, request.shortcut);
        if (clash && clash.id !== request.id) throw refuse('conflict', `The shortcut /${request.shortcut} is already taken.`);
        const canned: CannedResponse = { id: request.id, ownerId, shortcut: request.shortcut, title: request.title, text: request.text, updatedAt: clock() };
        await saveCanned(db, canned);
        return canned;
      }),

    remove: (user: User, id: string): Promise<null> =>
      writeQueue(async () => {
        const existing = await findCanned(db, id);
        if (!existing) throw refuse('not-found', 'No such reply.');
        if (!mayChange(user, existing)) throw refuse('forbidden', 'This reply belongs to someone else.');
        await deleteCanned(db, id);
        return null;
      }),
  };
}
