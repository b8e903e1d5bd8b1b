import { io, type Socket } from 'socket.io-client';
import { HubErrorSchema, type Response } from '../../../shared/protocol/errors';
import {
  type HubToVisitorEvents,
  VISITOR_NAMESPACE,
  type VisitorCallTicket,
  type VisitorChatState,
  type VisitorLine,
  type VisitorToHubEvents,
} from '../../../shared/protocol/visitor';
import type { SurveyPrompt } from '../../../shared/protocol/surveys';
import { backoffDelay } from '../../sync/backoff';
import type { ChatEvent } from './chat-state';
import type { Refusal } from './refusal-text';
import type { ApiResult } from './visitor-api';

type VisitorSocket = Socket<HubToVisitorEvents, VisitorToHubEvents>;

export type LinkListener = {
  /** The whole conversation, after every (re)connect: whatever happened while away is in it. */
  resumed: (state: VisitorChatState) => void;
  event: (event: ChatEvent) => void;
  connection: (online: boolean) => void;
  /** The token is no good any more (expired, or its conversation is gone): start over with the form. */
  expired: (refusal: Refusal) => void;
  /** The agent ended the chat and the hub asks for a rating (hub/surveys/). */
  survey: (prompt: SurveyPrompt) => void;
};

/** Refusals that no retry can cure: the token itself is the problem. */
const SESSION_REFUSALS = new Set<string>(['token-expired', 'token-invalid', 'not-found', 'forbidden']);
const ACK_TIMEOUT_MS = 15_000;
const NETWORK: ApiResult<never> = { ok: false, error: { code: 'network' } };

/**
 * The visitor's live connection to the hub's /visitor namespace. socket.io
 * reconnects by itself with backoff after a dropped transport; a refusal by
 * the hub's handshake check stops it, so that case is retried here (with the
 * same backoff) unless the refusal is about the token.
 */
export function openVisitorLink(token: string, listener: LinkListener) {
  const socket: VisitorSocket = io(`${location.origin}${VISITOR_NAMESPACE}`, {
    transports: ['websocket'],
    auth: { token },
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 15_000,
  });
  let failures = 0;
  let retryTimer: number | null = null;
  let closed = false;

  function close(): void {
    closed = true;
    if (retryTimer !== null) window.clearTimeout(retryTimer);
    socket.disconnect();
  }

  function expire(refusal: Refusal): void {
    close();
    listener.expired(refusal);
  }

  /** One request and its ack; fails fast when offline instead of waiting in socket.io's send buffer. */
  function call<T>(emit: (socket: VisitorSocket) => Promise<Response<T>>): Promise<ApiResult<T>> {
    if (!socket.connected) return Promise.resolve(NETWORK);
    return new Promise((resolve) => {
      const onDisconnect = () => resolve(NETWORK);
      socket.once('disconnect', onDisconnect);
      emit(socket.timeout(ACK_TIMEOUT_MS)).then(
        (response) => {
          socket.off('disconnect', onDisconnect);
          resolve(response);
        },
        () => {
          socket.off('disconnect', onDisconnect);
          resolve(NETWORK);
        },
      );
    });
  }

  socket.on('connect', async () => {
    failures = 0;
    listener.connection(true);
    const resumed = await call((s) => s.emitWithAck('chat:resume', {}));
    if (resumed.ok) listener.resumed(resumed.data);
    else if (SESSION_REFUSALS.has(resumed.error.code)) expire(resumed.error);
  });
  socket.on('disconnect', () => listener.connection(false));
  socket.on('connect_error', (error) => {
    listener.connection(false);
    const refusal = HubErrorSchema.safeParse('data' in error ? error.data : null);
    if (refusal.success && SESSION_REFUSALS.has(refusal.data.code)) return expire(refusal.data);
    if (socket.active || closed) return;
    retryTimer = window.setTimeout(() => socket.connect(), backoffDelay(failures));
    failures += 1;
  });
  socket.on('chat:line', (line) => listener.event({ type: 'line', line }));
  socket.on('chat:typing', ({ typing }) => listener.event({ type: 'typing', typing }));
  socket.on('chat:receipts', (receipts) => listener.event({ type: 'receipts', receipts }));
  socket.on('chat:queue', (standing) => listener.event({ type: 'queue', standing }));
  socket.on('chat:status', (conversation) => listener.event({ type: 'status', conversation }));
  socket.on('survey:prompt', (prompt) => listener.survey(prompt));

  return {
    send: (line: { clientId: string; text: string; attachmentId?: string }): Promise<ApiResult<VisitorLine>> =>
      call((s) => s.emitWithAck('chat:send', line)),
    /** Typing marks are fire-and-forget: a lost one is replaced by the next. */
    typing: (typing: boolean): void => {
      if (socket.connected) socket.emit('chat:typing', { typing }, () => undefined);
    },
    read: (upToSeq: number) => call((s) => s.emitWithAck('chat:read', { upToSeq })),
    contact: (contact: { email?: string; phone?: string }) => call((s) => s.emitWithAck('chat:contact', contact)),
    leave: () => call((s) => s.emitWithAck('chat:leave', {})),
    callTicket: (): Promise<ApiResult<VisitorCallTicket>> => call((s) => s.emitWithAck('call:ticket', {})),
    close,
  };
}

export type VisitorLink = ReturnType<typeof openVisitorLink>;
