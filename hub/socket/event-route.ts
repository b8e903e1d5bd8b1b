import type { z } from 'zod';
import type { Role, User } from '../../shared/domain/user';
import { ok, type Response } from '../../shared/protocol/errors';
import type { ClientEventName, ClientToHubEvents } from '../../shared/protocol/events';
import { invalidPayload } from '../sync/payload-issues';
import { Refusal } from '../sync/refusal';

/** What a handler knows about its caller: who, and which of their desktops (a user may have several open). */
export type Caller = { user: User; socketId: string };

/** The `T` of an event's `Ack<T>`, read from the contract. */
export type EventResult<E extends ClientEventName> =
  Parameters<ClientToHubEvents[E]>[1] extends (response: Response<infer T>) => void ? T : never;

/**
 * One client event, ready to run: its allowed roles, its payload check and its
 * handler, behind an untyped door (payloads arrive as `unknown` off the wire).
 */
export type EventRoute = {
  roles: readonly Role[];
  run(payload: unknown, caller: Caller): Promise<Response<unknown>>;
};

export function route<T, R>(
  entry: { roles: readonly Role[]; schema: z.ZodType<T> },
  name: ClientEventName,
  handle: (request: T, caller: Caller) => Promise<R>,
): EventRoute {
  return {
    roles: entry.roles,
    async run(payload, caller) {
      const parsed = entry.schema.safeParse(payload);
      if (!parsed.success) return { ok: false, error: invalidPayload(parsed.error, `The ${name} payload`) };
      try {
        return ok(await handle(parsed.data, caller));
      } catch (error) {
        if (error instanceof Refusal) return { ok: false, error: error.error };
        throw error;
      }
    },
  };
}
