import type { IncomingMessage, ServerResponse } from 'node:http';
import { UlidSchema } from '../../shared/domain/ids';
import type { User } from '../../shared/domain/user';
import type { HubError } from '../../shared/protocol/errors';
import {
  RECORDING_CALL_HEADER,
  RECORDING_DURATION_HEADER,
  RECORDING_ID_HEADER,
  RECORDING_PATHS,
  RECORDING_TYPES,
  SipCallIdSchema,
} from '../../shared/protocol/recording';
import type { AuthService } from '../auth/auth-service';
import { bearerUser } from '../auth/bearer-user';
import { linkHolder } from '../auth/signed-link';
import type { Clock } from '../clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { HTTP_STATUS } from '../http/error-status';
import { sendJson } from '../http/json-body';
import { readBody } from '../http/raw-body';
import { Refusal, refuse } from '../sync/refusal';
import type { RecordingService } from '../voice/recording-service';
import type { AttachmentStore } from './attachment-store';
import { verifyRecordingLink } from './recording-link';
import { serveStoredFile } from './serve-file';

export type RecordingHttpDeps = {
  db: Kysely<Database>;
  auth: AuthService;
  clock: Clock;
  store: AttachmentStore;
  linkKey: string;
  maxBytes: number;
  recordings: RecordingService;
};

/** The desktop may be loaded from file:// (Electron) or another origin; credentials travel in headers or signed links, never cookies. */
const RECORDING_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
  'Access-Control-Allow-Headers': `Content-Type, Authorization, Range, ${RECORDING_CALL_HEADER}, ${RECORDING_ID_HEADER}, ${RECORDING_DURATION_HEADER}`,
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges',
  'Access-Control-Max-Age': '600',
};

const answerError = (response: ServerResponse, error: HubError, headers: Record<string, string> = {}) =>
  sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, { ...RECORDING_CORS, ...headers });

const header = (request: IncomingMessage, name: string): string => {
  const value = request.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

/**
 * Recordings over HTTP: the desktop's upload (bearer token, the agent of that
 * call only, size-limited, type sniffed) and the download an <audio> element
 * plays (bearer token or signed link, the access rule, byte ranges).
 */
export function createRecordingHttp(deps: RecordingHttpDeps) {
  const { auth, clock, store, linkKey, maxBytes } = deps;

  async function upload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return answerError(response, { code: 'invalid-payload', message: 'Recordings are POSTed.' });
    try {
      const user = await bearerUser(auth, request);
      const id = UlidSchema.safeParse(header(request, RECORDING_ID_HEADER));
      const callId = SipCallIdSchema.safeParse(decodeHeader(header(request, RECORDING_CALL_HEADER)));
      if (!id.success || !callId.success) throw refuse('invalid-payload', `Name the recording (${RECORDING_ID_HEADER}: a ULID) and its call (${RECORDING_CALL_HEADER}).`);
      const declared = header(request, 'content-type').split(';')[0]?.trim().toLowerCase() ?? '';
      if (declared !== '' && declared !== 'application/octet-stream' && !(RECORDING_TYPES as readonly string[]).includes(declared)) {
        throw refuse('unsupported-type', 'A recording must be WebM or Ogg audio.');
      }
      const bytes = await readBody(request, maxBytes, () => refuse('too-large', `Recordings up to ${Math.floor(maxBytes / (1024 * 1024))} MB are kept.`));
      if (bytes.length === 0) throw refuse('invalid-payload', 'The recording is empty.');
      const duration = Number(header(request, RECORDING_DURATION_HEADER));
      const durationMs = Number.isSafeInteger(duration) && duration >= 0 ? duration : null;
      const filed = await deps.recordings.file(user, { id: id.data, callId: callId.data, bytes, durationMs });
      sendJson(response, 200, { ok: true, data: filed }, RECORDING_CORS);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      // Whatever of a refused body was sent is dropped, and the connection closes so the client stops sending the rest.
      request.resume();
      answerError(response, error.error, { Connection: 'close' });
    }
  }

  /** Who is asking for a file: a signed link names them (re-checked here), else a bearer token. */
  async function downloader(request: IncomingMessage, id: string): Promise<User> {
    const link = new URL(request.url ?? '/', 'http://hub.invalid').searchParams.get('link');
    if (link === null) return bearerUser(auth, request);
    const { user, claims } = await linkHolder(deps.db, verifyRecordingLink(link, linkKey, clock()), 'open the call again');
    if (claims.rid !== id) throw refuse('token-invalid', 'This link is for another recording.');
    return user;
  }

  async function download(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answerError(response, { code: 'invalid-payload', message: 'Recordings are fetched with GET.' });
    const id = pathname.slice(RECORDING_PATHS.file.length);
    try {
      if (!UlidSchema.safeParse(id).success) throw refuse('not-found', 'No such recording.');
      const user = await downloader(request, id);
      const { attachment } = await deps.recordings.open(user, id);
      const name = `recording-${id}.${attachment.mimeType === 'audio/ogg' ? 'ogg' : 'webm'}`;
      await serveStoredFile(request, response, store, { ...attachment, name }, RECORDING_CORS);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      answerError(response, error.error);
    }
  }

  return {
    handles: (pathname: string): boolean => pathname === RECORDING_PATHS.upload || pathname.startsWith(RECORDING_PATHS.file),

    async handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, RECORDING_CORS);
        response.end();
        return;
      }
      if (pathname === RECORDING_PATHS.upload) return upload(request, response);
      return download(request, response, pathname);
    },
  };
}

export type RecordingHttp = ReturnType<typeof createRecordingHttp>;

/** Call-IDs may hold characters a header cannot: the desktop sends them URI-encoded. */
function decodeHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
