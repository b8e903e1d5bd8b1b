import { z } from 'zod';
import type { User } from '../domain/user';
import { PasswordSchema, RoleSchema, type Role, UsernameSchema } from '../domain/user';
import type { Change, HistoryRequest, PullRequest, PullResult } from './changes';
import { HistoryRequestSchema, PullRequestSchema } from './changes';
import type { Response } from './errors';
import type { Interaction } from '../domain/interaction';
import type { MutationResult, PushRequest } from './mutations';
import { PushRequestSchema } from './mutations';

type Ack<T> = (response: Response<T>) => void;

export const CreateUserRequestSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(120),
  role: RoleSchema,
  password: PasswordSchema,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** Desktop → hub. Event names are `"entity:verb"`; every one takes a payload and an ack. */
export interface ClientToHubEvents {
  'sync:pull': (req: PullRequest, ack: Ack<PullResult>) => void;
  'mutation:push': (req: PushRequest, ack: Ack<{ results: MutationResult[] }>) => void;
  'history:page': (req: HistoryRequest, ack: Ack<{ interactions: Interaction[]; more: boolean }>) => void;
  'session:whoami': (req: Record<string, never>, ack: Ack<User>) => void;
  'admin:user:list': (req: Record<string, never>, ack: Ack<User[]>) => void;
  'admin:user:create': (req: CreateUserRequest, ack: Ack<User>) => void;
}

/** Hub → desktop. */
export interface HubToClientEvents {
  /** Committed changes, in seq order. A desktop that sees a gap pulls. */
  'sync:changes': (changes: Change[]) => void;
  /** The access token has expired mid-session: refresh and reconnect. */
  'session:expired': () => void;
}

export type ClientEventName = keyof ClientToHubEvents;

/**
 * Who may call what, and the schema each payload must pass. The hub checks
 * both before any handler runs; a new event without an entry here is a type error.
 */
export const CLIENT_EVENTS = {
  'sync:pull': { roles: ['agent', 'supervisor', 'admin'], schema: PullRequestSchema },
  'mutation:push': { roles: ['agent', 'supervisor', 'admin'], schema: PushRequestSchema },
  'history:page': { roles: ['agent', 'supervisor', 'admin'], schema: HistoryRequestSchema },
  'session:whoami': { roles: ['agent', 'supervisor', 'admin'], schema: z.object({}).strict() },
  'admin:user:list': { roles: ['admin', 'supervisor'], schema: z.object({}).strict() },
  'admin:user:create': { roles: ['admin'], schema: CreateUserRequestSchema },
} as const satisfies Record<ClientEventName, { roles: readonly Role[]; schema: z.ZodType }>;

export const isClientEventName = (name: string): name is ClientEventName => Object.hasOwn(CLIENT_EVENTS, name);

/** Data the hub keeps on each authenticated socket. */
export type SocketData = { user: User; accessExpiresAt: number };
