import { Inviter, SessionState, UserAgent, Web } from 'sip.js';
import type { VisitorCallTicket } from '../../../shared/protocol/visitor';
import { type CallEnd, endOfRefusal } from './call-state';

/**
 * The widget's SIP side, in its own chunk: sip.js loads only when a visitor
 * presses call. One UserAgent that never registers (nobody calls a visitor),
 * one INVITE to the queue number, with the microphone (and camera) the
 * visitor has already allowed; Kamailio and the hub decide who answers.
 */

export type SipCallEvents = {
  ringing: () => void;
  connected: (remote: MediaStream) => void;
  ended: (end: CallEnd) => void;
};

export type SipCall = { hangUp: () => void };

export async function placeSipCall(ticket: VisitorCallTicket, wsUrl: string, local: MediaStream, video: boolean, events: SipCallEvents): Promise<SipCall> {
  const userAgent = new UserAgent({
    uri: UserAgent.makeURI(`sip:${ticket.sipUser}@${ticket.domain}`),
    displayName: ticket.displayName,
    transportOptions: { server: wsUrl },
    authorizationUsername: ticket.authorizationUsername,
    authorizationPassword: ticket.authorizationPassword,
    // The tracks the visitor allowed before the call was placed: sip.js asks for no others.
    sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(async () => local),
    logBuiltinEnabled: false,
  });
  let end: CallEnd | null = null;
  let over = false;
  const finish = (why: CallEnd) => {
    if (over) return;
    over = true;
    events.ended(end ?? why);
    userAgent.stop().catch(() => undefined);
  };

  try {
    await userAgent.start();
  } catch {
    finish('unreachable');
    return { hangUp: () => undefined };
  }
  const target = UserAgent.makeURI(`sip:${ticket.dial}@${ticket.domain}`);
  if (!target) {
    finish('refused');
    return { hangUp: () => undefined };
  }
  const inviter = new Inviter(userAgent, target, { sessionDescriptionHandlerOptions: { constraints: { audio: true, video } } });
  inviter.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      const handler = inviter.sessionDescriptionHandler;
      if (handler instanceof Web.SessionDescriptionHandler) events.connected(handler.remoteMediaStream);
    }
    if (state === SessionState.Terminated) finish('hung-up');
  });
  inviter
    .invite({
      requestDelegate: {
        onProgress: (response) => {
          if (response.message.statusCode === 180 || response.message.statusCode === 183) events.ringing();
        },
        onReject: (response) => {
          end = endOfRefusal(response.message.statusCode ?? 0);
        },
      },
    })
    .catch(() => finish('unreachable'));

  return {
    hangUp() {
      if (inviter.state === SessionState.Established) inviter.bye().catch(() => finish('hung-up'));
      else if (inviter.state === SessionState.Initial || inviter.state === SessionState.Establishing) inviter.cancel().catch(() => finish('hung-up'));
      else finish('hung-up');
    },
  };
}
