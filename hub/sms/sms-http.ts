import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { HubError } from '../../shared/protocol/errors';
import { SMS_PATHS, SMS_SIGNATURE_HEADER, type SmsSettings } from '../../shared/protocol/sms';
import type { AttachmentStore } from '../attachments/attachment-store';
import { serveStoredFile } from '../attachments/serve-file';
import { linkHolder } from '../auth/signed-link';
import type { Clock } from '../clock';
import { findAttachment } from '../db/attachment-queries';
import type { Database } from '../db/schema';
import { HTTP_STATUS } from '../http/error-status';
import { BodyError, sendJson } from '../http/json-body';
import { readBody } from '../http/raw-body';
import { SECURITY_HEADERS } from '../http/security-headers';
import { Refusal, refuse } from '../sync/refusal';
import { verifyMediaLink } from './media-link';
import type { SmsProvider } from './provider';
import type { SmsService } from './sms-service';
import { readSmsSettings } from './sms-settings';

/** A webhook is a few hundred bytes; MMS adds URLs. Anything near this is not a text. */
export const WEBHOOK_BODY_LIMIT = 32 * 1024;

export type SmsHttp = ReturnType<typeof createSmsHttp>;

const answerError = (response: ServerResponse, error: HubError, headers: Record<string, string> = {}) =>
  sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, headers);

/** What the URL the provider signed was: the configured public address, else the Host it called. */
function calledUrl(request: IncomingMessage, settings: SmsSettings): string {
  const base = settings.publicUrl?.replace(/\/$/, '') ?? `http://${request.headers.host ?? 'localhost'}`;
  return `${base}${request.url ?? '/'}`;
}

/** A link as it appeared in the path; a malformed escape (`%zz`) cannot be one the hub signed. */
function decodedLink(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw refuse('token-invalid', 'This link is not valid.');
  }
}

/**
 * The provider's door into the hub (webhooks for texts and delivery reports,
 * each signed with the account's secret: anything unsigned or wrongly signed
 * gets 403 and changes nothing) and the desktop's MMS pictures by signed link.
 */
export function createSmsHttp(deps: {
  db: Kysely<Database>;
  clock: Clock;
  store: AttachmentStore;
  mediaKey: string;
  provider: (settings: SmsSettings) => SmsProvider;
  sms: () => SmsService;
}) {
  async function webhook(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'POST') return answerError(response, { code: 'invalid-payload', message: `${pathname} takes POST.` }, { Allow: 'POST' });
    const settings = await readSmsSettings(deps.db);
    const provider = deps.provider(settings);
    const tooLarge = () => new BodyError(413, { code: 'too-large', message: `A webhook body is at most ${WEBHOOK_BODY_LIMIT} bytes.` });
    let params: URLSearchParams;
    try {
      params = new URLSearchParams((await readBody(request, WEBHOOK_BODY_LIMIT, tooLarge)).toString('utf8'));
    } catch (error) {
      if (error instanceof BodyError) return answerError(response, error.error, { Connection: 'close' });
      throw error;
    }
    const signature = request.headers[SMS_SIGNATURE_HEADER];
    if (!provider.verify({ url: calledUrl(request, settings), params, signature: typeof signature === 'string' ? signature : undefined })) {
      return answerError(response, { code: 'forbidden', message: 'Missing or wrong webhook signature.' });
    }
    try {
      if (pathname === SMS_PATHS.inbound) {
        const inbound = provider.parseInbound(params);
        if (!inbound.ok) throw refuse('invalid-payload', 'The inbound text is missing fields.', { issues: inbound.issues });
        await deps.sms().receive(provider, inbound.value, settings);
        // The provider reads an empty TwiML answer as "nothing to send back".
        response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'no-store' });
        response.end('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
        return;
      }
      const report = provider.parseReport(params);
      if (!report.ok) throw refuse('invalid-payload', 'The delivery report is missing fields.', { issues: report.issues });
      const messageId = new URL(request.url ?? '/', 'http://hub.invalid').searchParams.get('message');
      await deps.sms().report(report.value, messageId);
      sendJson(response, 200, { ok: true, data: null });
    } catch (error) {
      if (error instanceof Refusal) return answerError(response, error.error);
      throw error;
    }
  }

  async function media(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answerError(response, { code: 'invalid-payload', message: 'Pictures are fetched with GET.' });
    try {
      const link = decodedLink(pathname.slice(SMS_PATHS.media.length));
      const { claims } = await linkHolder(deps.db, verifyMediaLink(link, deps.mediaKey, deps.clock()), 'open the conversation again');
      const attachment = await findAttachment(deps.db, claims.aid);
      if (attachment?.kind !== 'sms') throw refuse('not-found', 'No such picture.');
      await serveStoredFile(request, response, deps.store, { ...attachment, name: attachment.name ?? `picture-${attachment.id}` }, {});
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      answerError(response, error.error);
    }
  }

  return {
    handles: (pathname: string): boolean => pathname === SMS_PATHS.inbound || pathname === SMS_PATHS.status || pathname.startsWith(SMS_PATHS.media),
    handle: (request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> =>
      pathname.startsWith(SMS_PATHS.media) ? media(request, response, pathname) : webhook(request, response, pathname),
  };
}
