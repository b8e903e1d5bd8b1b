import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { UlidSchema } from '../../shared/domain/ids';
import { ATTACHMENT_NAME_HEADER, ATTACHMENT_PATHS, type StoredAttachment } from '../../shared/protocol/attachments';
import type { HubError } from '../../shared/protocol/errors';
import type { AuthService } from '../auth/auth-service';
import { bearerUser } from '../auth/bearer-user';
import { cleanFileName } from '../chat/chat-http';
import type { Clock } from '../clock';
import { findAttachment, insertAttachment } from '../db/attachment-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { HTTP_STATUS } from '../http/error-status';
import { sendJson } from '../http/json-body';
import { readBody } from '../http/raw-body';
import { Refusal, refuse } from '../sync/refusal';
import { mayDownload, mayUpload } from './attachment-access';
import type { AttachmentStore } from './attachment-store';
import { serveStoredFile } from './serve-file';
import { sniffAttachmentType } from './sniff';

export type AttachmentHttpDeps = {
  db: Kysely<Database>;
  auth: AuthService;
  clock: Clock;
  writeQueue: WriteQueue;
  store: AttachmentStore;
  /** ATTACHMENT_MAX_BYTES: the largest upload kept. */
  maxBytes: number;
};

/** The desktop may be loaded from file:// (Electron); the token travels in a header, never a cookie. */
const ATTACHMENT_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
  'Access-Control-Allow-Headers': `Content-Type, Authorization, Range, ${ATTACHMENT_NAME_HEADER}`,
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, Content-Disposition',
  'Access-Control-Max-Age': '600',
};

const answerError = (response: ServerResponse, error: HubError, headers: Record<string, string> = {}) =>
  sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, { ...ATTACHMENT_CORS, ...headers });

/**
 * The attachment store over HTTP for every channel: an agent's upload (sniffed,
 * size-limited by setting) and the download of any stored contact file by id,
 * each behind a signed-in session and the role rule of attachment-access.ts.
 */
export function createAttachmentHttp(deps: AttachmentHttpDeps) {
  const { db, auth, clock, writeQueue, store, maxBytes } = deps;

  async function upload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return answerError(response, { code: 'invalid-payload', message: 'Files are POSTed.' });
    try {
      const user = await bearerUser(auth, request);
      const verdict = mayUpload(user.role);
      if (!verdict.ok) throw refuse('forbidden', verdict.message);
      const megabytes = Math.max(1, Math.floor(maxBytes / (1024 * 1024)));
      const bytes = await readBody(request, maxBytes, () => refuse('too-large', `Files up to ${megabytes} MB can be sent.`));
      if (bytes.length === 0) throw refuse('invalid-payload', 'The file is empty.');
      const declared = String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const mimeType = sniffAttachmentType(bytes, declared);
      const name = cleanFileName(request.headers[ATTACHMENT_NAME_HEADER] as string | undefined);
      const { sha256, size } = await store.put(bytes);
      const filed: StoredAttachment = { attachmentId: ulid(clock()), name, mimeType, size };
      await writeQueue(() => insertAttachment(db, { id: filed.attachmentId, sha256, mimeType, size, kind: 'upload', createdBy: user.id, createdAt: clock(), name }));
      sendJson(response, 200, { ok: true, data: filed }, ATTACHMENT_CORS);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      // Whatever of a refused body was sent is dropped; the connection closes so the client stops sending the rest.
      request.resume();
      answerError(response, error.error, { Connection: 'close' });
    }
  }

  async function download(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answerError(response, { code: 'invalid-payload', message: 'Files are fetched with GET.' });
    try {
      const user = await bearerUser(auth, request);
      const id = pathname.slice(ATTACHMENT_PATHS.file.length);
      const stored = UlidSchema.safeParse(id).success ? await findAttachment(db, id) : null;
      if (!stored) throw refuse('not-found', 'No such file.');
      const verdict = mayDownload(user.role, stored.kind);
      if (!verdict.ok) throw refuse('forbidden', verdict.message);
      await serveStoredFile(request, response, store, { ...stored, name: stored.name ?? `file-${stored.id}` }, ATTACHMENT_CORS);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      answerError(response, error.error);
    }
  }

  return {
    handles: (pathname: string): boolean => pathname === ATTACHMENT_PATHS.upload || pathname.startsWith(ATTACHMENT_PATHS.file),

    async handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, ATTACHMENT_CORS);
        response.end();
        return;
      }
      if (pathname === ATTACHMENT_PATHS.upload) return upload(request, response);
      return download(request, response, pathname);
    },
  };
}

export type AttachmentHttp = ReturnType<typeof createAttachmentHttp>;
