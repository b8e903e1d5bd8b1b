import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fail, type HubError, ok, type Response } from '../../shared/protocol/errors';
import { isVisitorEventName, VISITOR_EVENTS, type VisitorEventName } from '../../shared/protocol/visitor';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { ackFrom, payloadFrom } from '../socket/ack';
import { invalidPayload } from '../sync/payload-issues';
import { Refusal } from '../sync/refusal';
import type { VisitorCalls } from '../voice/visitor-call';
import type { VisitorServer } from './chat-context';
import type { ChatService } from './chat-service';
import { conversationRoom } from './conversation-store';
import { type VisitorClaims, verifyVisitorToken } from './visitor-token';

const HandshakeSchema = z.object({ token: z.string().min(1).max(4096) });

const handshakeError = (error: HubError) => Object.assign(new Error(error.code), { data: error });

export type VisitorRoute = (visitor: VisitorClaims, payload: unknown) => Promise<Response<unknown>>;
export type VisitorRoutes = Record<VisitorEventName, VisitorRoute>;

/** One event: its payload checked against the schema, then the handler; refusals become the ack's error. */
function visitorRoute<T>(schema: z.ZodType<T>, name: VisitorEventName, handle: (visitor: VisitorClaims, request: T) => Promise<unknown>): VisitorRoute {
  return async (visitor, payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: invalidPayload(parsed.error, `The ${name} payload`) };
    try {
      return ok(await handle(visitor, parsed.data));
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.error };
      throw error;
    }
  };
}

/** The visitors' short list of events, each checked against its schema and answered with a Response. */
export function createVisitorRoutes(deps: { chat: ChatService; calls: VisitorCalls }): VisitorRoutes {
  const { chat, calls } = deps;
  return {
    // Whether to show "Call us" comes with every resume: the widget's setting or the queue's hours may have changed.
    'chat:resume': visitorRoute(VISITOR_EVENTS['chat:resume'], 'chat:resume', async (visitor) => ({
      ...(await chat.resume(visitor)),
      calls: await calls.available(visitor),
    })),
    'chat:send': visitorRoute(VISITOR_EVENTS['chat:send'], 'chat:send', (visitor, request) => chat.visitorSend(visitor, request)),
    'chat:typing': visitorRoute(VISITOR_EVENTS['chat:typing'], 'chat:typing', (visitor, request) => chat.visitorTyping(visitor, request.typing)),
    'chat:read': visitorRoute(VISITOR_EVENTS['chat:read'], 'chat:read', (visitor, request) => chat.visitorRead(visitor, request.upToSeq)),
    'chat:contact': visitorRoute(VISITOR_EVENTS['chat:contact'], 'chat:contact', (visitor, request) => chat.contact(visitor, request)),
    'chat:leave': visitorRoute(VISITOR_EVENTS['chat:leave'], 'chat:leave', (visitor) => chat.leave(visitor)),
    'call:ticket': visitorRoute(VISITOR_EVENTS['call:ticket'], 'call:ticket', (visitor) => calls.ticket(visitor)),
  };
}

/** One visitor event: refused once the chat's token has run out, else run. The namespace calls this, and the cluster's leader for a follower's widget. */
export async function answerVisitorEvent(
  routes: () => VisitorRoutes,
  name: VisitorEventName,
  visitor: VisitorClaims,
  payload: unknown,
  clock: Clock,
  log: Logger,
): Promise<Response<unknown>> {
  if (clock() >= visitor.exp) return fail('token-expired', 'This chat has expired; start a new one.');
  try {
    return await routes()[name](visitor, payload);
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    log.error(`visitor ${name} failed (ref ${reference})`, error);
    return fail('internal', `Something went wrong (ref ${reference}); try again.`);
  }
}

/**
 * The visitors' namespace: its own door (only visitor tokens open it) and
 * its own events (`routes()`: this node's, or the ones forwarded to the
 * cluster's leader). No agent event exists here, so none can be reached.
 */
export function attachVisitorNamespace(
  visitors: VisitorServer,
  deps: { routes: () => VisitorRoutes; key: string; clock: Clock; log: Logger },
): void {
  const { routes, key, clock, log } = deps;

  visitors.use((socket, next) => {
    const given = HandshakeSchema.safeParse(socket.handshake.auth);
    const check = given.success ? verifyVisitorToken(given.data.token, key, clock()) : null;
    if (!check?.ok) {
      const code = check?.code ?? 'token-invalid';
      next(handshakeError({ code, message: code === 'token-expired' ? 'This chat has expired; start a new one.' : 'Start a chat first.' }));
      return;
    }
    socket.data = { ...check.claims, expiresAt: check.claims.exp };
    next();
  });

  visitors.on('connection', (socket) => {
    const visitor = { ...socket.data, exp: socket.data.expiresAt };
    void socket.join(conversationRoom(visitor.conversationId));
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = ackFrom(args);
      if (!ack) return;
      if (!isVisitorEventName(event)) {
        ack(fail('unknown-event', `There is no "${event}" here.`));
        return;
      }
      answerVisitorEvent(routes, event, visitor, payloadFrom(args), clock, log)
        .then(ack)
        .catch((error: unknown) => log.error(`could not answer visitor ${event}`, error));
    });
  });
}
