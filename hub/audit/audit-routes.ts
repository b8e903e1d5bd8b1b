import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Response } from '../../shared/protocol/errors';
import { type ClientEventName, isClientEventName } from '../../shared/protocol/events';
import { type MutationName, MutationSchema, type MutationResult } from '../../shared/protocol/mutations';
import type { AuthService, LoginAttempt } from '../auth/auth-service';
import type { Caller, EventRoute } from '../socket/event-route';
import type { AuditLog, AuditRecord } from './audit-log';
import { summarize } from './audit-summary';
import { EVENT_AUDIT, HTTP_AUDIT, MUTATION_AUDIT, recordedFor } from './audited-events';

const outcomeOf = (answer: Response<unknown>): string => (answer.ok ? 'ok' : answer.error.code);

const actorOf = ({ user }: Caller) => ({ id: user.id, username: user.username, role: user.role });

/**
 * Every socket event through the audit log, as EVENT_AUDIT classes it, without
 * the handlers or the dispatcher knowing: one wrapper over the route table
 * (like hub/ops/route-observer.ts). Payloads that fail their schema are not
 * recorded: nothing was attempted. The line is written before the answer goes
 * back, so whoever was answered can already read it.
 */
export function auditRoutes(routes: Record<ClientEventName, EventRoute>, audit: AuditLog): Record<ClientEventName, EventRoute> {
  const audited = { ...routes };
  for (const name of Object.keys(routes)) {
    if (!isClientEventName(name)) continue;
    const route = routes[name];
    const kind = EVENT_AUDIT[name];
    if (kind === 'read') continue;
    audited[name] = {
      roles: route.roles,
      run: async (payload, caller) => {
        const answer = await route.run(payload, caller);
        if (!answer.ok && answer.error.code === 'invalid-payload') return answer;
        if (kind === 'mutations') await recordMutations(audit, payload, answer, caller);
        else if (recordedFor(kind, caller.user.role)) await audit.record({ actor: actorOf(caller), action: name, ...summarize(payload), outcome: outcomeOf(answer) });
        return answer;
      },
    };
  }
  return audited;
}

/** One line per recorded mutation of a push, with that mutation's own outcome. */
async function recordMutations(audit: AuditLog, payload: unknown, answer: Response<unknown>, caller: Caller): Promise<void> {
  const list = typeof payload === 'object' && payload !== null && 'mutations' in payload && Array.isArray(payload.mutations) ? payload.mutations : [];
  const results = answer.ok && isResults(answer.data) ? new Map(answer.data.results.map((result) => [result.id, result])) : new Map<string, MutationResult>();
  for (const entry of list) {
    // An agent's notes and edits are not recorded: their names are read before any parse (a push may hold 500).
    const name: unknown = typeof entry === 'object' && entry !== null && 'name' in entry ? entry.name : null;
    if (typeof name !== 'string' || !Object.hasOwn(MUTATION_AUDIT, name) || !recordedFor(MUTATION_AUDIT[name as MutationName], caller.user.role)) continue;
    const mutation = MutationSchema.safeParse(entry);
    if (!mutation.success) continue;
    const result = results.get(mutation.data.id);
    // A re-sent mutation was recorded the first time.
    if (result?.status === 'duplicate') continue;
    const outcome = !result ? outcomeOf(answer) : result.status === 'applied' ? 'ok' : result.error.code;
    const { targetIds, summary } = summarize(mutation.data.args);
    await audit.record({ actor: actorOf(caller), action: `mutation:${mutation.data.name}`, targetIds: [mutation.data.id, ...targetIds], summary, outcome });
  }
}

function isResults(data: unknown): data is { results: MutationResult[] } {
  return typeof data === 'object' && data !== null && 'results' in data && Array.isArray(data.results);
}

/** Sign-ins the audit log keeps: the refused ones (wrong password, locked, disabled). Successful ones are not written, they are the everyday. */
export function auditLogins(auth: AuthService, audit: AuditLog): void {
  auth.observeLogins(async (attempt: LoginAttempt) => {
    if (attempt.outcome === 'ok') return;
    const record: AuditRecord = {
      actor: attempt.user ? { id: attempt.user.id, username: attempt.user.username, role: attempt.user.role } : { id: null, username: attempt.username.slice(0, 64), role: '' },
      action: 'login',
      targetIds: [],
      summary: { address: attempt.address },
      outcome: attempt.outcome,
    };
    await audit.record(record);
  });
}

/**
 * The HTTP routes of HTTP_AUDIT through the audit log: after the answer has
 * gone out, who sent it (their bearer token, checked again) and the status.
 * Like countHttpErrors, a wrapper over the whole handler, so no route knows.
 */
export function auditHttp(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  deps: { auth: AuthService; audit: AuditLog },
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const path = pathOf(request.url);
    const audited = path !== null && HTTP_AUDIT.some((route) => route.method === request.method && route.path === path);
    if (audited) {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      response.once('finish', () => {
        void recordHttp(deps, `${request.method} ${path}`, token, response.statusCode);
      });
    }
    handle(request, response);
  };
}

/** A target the URL parser refuses names no audited route (the router answers it 400). */
function pathOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://hub.invalid').pathname;
  } catch {
    return null;
  }
}

async function recordHttp(deps: { auth: AuthService; audit: AuditLog }, action: string, token: string | undefined, status: number): Promise<void> {
  const signedIn = token ? await deps.auth.authenticate(token) : null;
  // Nobody signed in was refused before reaching anything; only staff actions are the log's business.
  if (!signedIn?.ok) return;
  const { user } = signedIn;
  if (!recordedFor('change', user.role)) return;
  await deps.audit.record({ actor: { id: user.id, username: user.username, role: user.role }, action, targetIds: [], summary: { status }, outcome: status < 400 ? 'ok' : `http-${status}` });
}
