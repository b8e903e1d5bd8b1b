import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { UlidSchema } from '../../../shared/domain/ids';
import type { HubError } from '../../../shared/protocol/errors';
import { EMAIL_FILE_NAME_HEADER, EMAIL_PATHS, EMAIL_UPLOAD_MAX_BYTES, type EmailUpload } from '../../../shared/protocol/email-outbound';
import type { AttachmentStore } from '../../attachments/attachment-store';
import { serveStoredFile } from '../../attachments/serve-file';
import { sniffAttachmentType, textOf } from '../../attachments/sniff';
import type { AuthService } from '../../auth/auth-service';
import { bearerUser } from '../../auth/bearer-user';
import { cleanFileName } from '../../chat/chat-http';
import type { Clock } from '../../clock';
import { findAttachment, insertAttachment } from '../../db/attachment-queries';
import { findEmailMessage, findEmailThread } from '../../db/email-queries';
import type { Database } from '../../db/schema';
import type { WriteQueue } from '../../db/write-queue';
import { HTTP_STATUS } from '../../http/error-status';
import { sendJson } from '../../http/json-body';
import { readBody } from '../../http/raw-body';
import { Refusal, refuse } from '../../sync/refusal';
import { isDangerousAttachment } from '../dangerous-attachment';
import { worksThread } from '../thread-access';

export type EmailHttpDeps = { db: Kysely<Database>; writeQueue: WriteQueue; clock: Clock; auth: AuthService; store: AttachmentStore };

/** The desktop may be loaded from file:// (Electron); the token travels in a header, never a cookie. */
const EMAIL_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': `Content-Type, Authorization, ${EMAIL_FILE_NAME_HEADER}`,
  'Access-Control-Max-Age': '600',
};

const answerError = (response: ServerResponse, error: HubError, headers: Record<string, string> = {}) =>
  sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, { ...EMAIL_CORS, ...headers });

const header = (request: IncomingMessage, name: string): string => {
  const value = request.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

/**
 * Email over HTTP for the desktop: the composer's uploads (into the
 * attachment store, kind 'email', type sniffed, programs refused) and a
 * thread's files for whoever works the thread.
 */
export function createEmailHttp(deps: EmailHttpDeps) {
  const { db, writeQueue, clock, auth, store } = deps;

  async function upload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return answerError(response, { code: 'invalid-payload', message: 'Files are POSTed.' });
    try {
      const user = await bearerUser(auth, request);
      if (user.role !== 'agent' && user.role !== 'supervisor') throw refuse('forbidden', 'Only agents and supervisors send email.');
      const megabytes = Math.floor(EMAIL_UPLOAD_MAX_BYTES / (1024 * 1024));
      const bytes = await readBody(request, EMAIL_UPLOAD_MAX_BYTES, () => refuse('too-large', `Files up to ${megabytes} MB can be attached.`));
      if (bytes.length === 0) throw refuse('invalid-payload', 'The file is empty.');
      const name = cleanFileName(header(request, EMAIL_FILE_NAME_HEADER));
      const declared = header(request, 'content-type').split(';')[0]?.trim().toLowerCase() ?? '';
      const mimeType = sniffAttachmentType(bytes, declared);
      // What would be flagged dangerous coming in is not sent out either: customers' mail filters drop it, and it should not come from us.
      if (isDangerousAttachment({ name, declaredType: declared, sniffedType: mimeType, head: textOf(bytes) ?? '' })) {
        throw refuse('unsupported-type', 'Programs, scripts and macro documents cannot be sent by email.');
      }
      const { sha256, size } = await store.put(bytes);
      const filed: EmailUpload = { attachmentId: ulid(clock()), name, mimeType, size };
      await writeQueue(() =>
        insertAttachment(db, { id: filed.attachmentId, sha256, mimeType, size, kind: 'email', createdBy: user.id, createdAt: clock() }),
      );
      sendJson(response, 200, { ok: true, data: filed }, EMAIL_CORS);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      request.resume();
      answerError(response, error.error, { Connection: 'close' });
    }
  }

  async function file(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET') return answerError(response, { code: 'invalid-payload', message: 'Files are fetched with GET.' });
    try {
      const [emailId = '', attachmentId = ''] = pathname.slice(EMAIL_PATHS.file.length).split('/');
      if (!UlidSchema.safeParse(emailId).success || !UlidSchema.safeParse(attachmentId).success) throw refuse('not-found', 'No such file.');
      const user = await bearerUser(auth, request);
      const message = await findEmailMessage(db, emailId);
      const listed = message?.attachments.find((candidate) => candidate.attachmentId === attachmentId);
      const thread = message ? await findEmailThread(db, message.threadId) : null;
      if (!message || !listed || !thread) throw refuse('not-found', 'No such file.');
      if (!(await worksThread(db, thread, user))) throw refuse('forbidden', 'Only the agent working this conversation can open its files.');
      const stored = await findAttachment(db, attachmentId);
      if (!stored) throw refuse('not-found', 'The file is no longer kept.');
      // A file flagged dangerous when it came in is only ever a download.
      await serveStoredFile(request, response, store, { ...stored, name: listed.name, download: listed.dangerous }, EMAIL_CORS);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      answerError(response, error.error);
    }
  }

  return {
    handles: (pathname: string): boolean => pathname === EMAIL_PATHS.upload || pathname.startsWith(EMAIL_PATHS.file),
    async handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, EMAIL_CORS);
        response.end();
        return;
      }
      if (pathname === EMAIL_PATHS.upload) return upload(request, response);
      return file(request, response, pathname);
    },
  };
}

export type EmailHttp = ReturnType<typeof createEmailHttp>;
