import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { isImage } from '../../shared/chat/attachment-check';
import { CHAT_ATTACHMENT_MAX_BYTES, ChatAttachmentTypeSchema } from '../../shared/domain/chat';
import type { z } from 'zod';
import type { HubError } from '../../shared/protocol/errors';
import { StartChatRequestSchema, VISITOR_PATHS, WidgetInfoRequestSchema } from '../../shared/protocol/visitor';
import type { AttachmentStore } from '../attachments/attachment-store';
import { serveStoredFile } from '../attachments/serve-file';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import { findAttachment, insertAttachment } from '../db/attachment-queries';
import { findFile, insertFile, type StoredFile } from '../db/chat-queries';
import type { Database } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { HTTP_STATUS } from '../http/error-status';
import { BodyError, readJsonBody, sendJson } from '../http/json-body';
import { readBody } from '../http/raw-body';
import { SECURITY_HEADERS } from '../http/security-headers';
import { invalidPayload } from '../sync/payload-issues';
import { Refusal } from '../sync/refusal';
import type { ChatService } from './chat-service';
import { bytesMatchType } from './file-type';
import { fileSignatureMatches, verifyVisitorToken } from './visitor-token';
import { clientAddress } from '../http/client-address';

export type ChatHttpDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  auth: AuthService;
  key: string;
  /** Where chat files' bytes are kept (the hub's one attachment store). */
  store: AttachmentStore;
  /** Bound once the hub's sockets exist (the HTTP server is made first). */
  chat: () => ChatService;
};

/** Headers the chat API answers any origin with: the widget runs on shops' pages, the desktop on file://. */
export const CHAT_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, X-Conversation, X-File-Name',
  'Access-Control-Max-Age': '600',
};

const answerError = (response: ServerResponse, error: HubError, headers: Record<string, string> = {}) => {
  const extra: Record<string, string> = { ...CHAT_CORS, ...headers };
  if (error.retryAfterSec !== undefined) extra['Retry-After'] = String(error.retryAfterSec);
  sendJson(response, HTTP_STATUS[error.code], { ok: false, error }, extra);
};

/** A file name as shown to people: no directories, no control characters, not empty. */
export function cleanFileName(raw: string | undefined): string {
  let decoded = raw ?? '';
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A malformed escape is kept as typed; it is only a label.
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is stripped
  const name = decoded.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).at(-1)?.trim() ?? '';
  return name.slice(0, 255) || 'file';
}

/**
 * The chat's HTTP side: the widget's first screen and start, uploads from
 * either side, and files behind their capability links.
 */
export function createChatHttp(deps: ChatHttpDeps) {
  const { db, writeQueue, clock, auth, key, store } = deps;

  async function json(request: IncomingMessage, response: ServerResponse, work: (body: unknown) => Promise<unknown>): Promise<void> {
    if (request.method !== 'POST') return answerError(response, { code: 'invalid-payload', message: 'This address takes POST.' });
    try {
      sendJson(response, 200, { ok: true, data: await work(await readJsonBody(request)) }, CHAT_CORS);
    } catch (error) {
      if (error instanceof BodyError) return answerError(response, error.error, { Connection: 'close' });
      if (error instanceof Refusal) return answerError(response, error.error);
      throw error;
    }
  }

  function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const result = schema.safeParse(body);
    if (!result.success) throw new Refusal(invalidPayload(result.error, what));
    return result.data;
  }

  /** Who is uploading, from the bearer token: a visitor (their chat) or an agent (the chat of the task they name). */
  async function uploader(request: IncomingMessage) {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (token.startsWith('vt1.')) {
      const check = verifyVisitorToken(token, key, clock());
      if (!check.ok) throw new Refusal({ code: check.code, message: 'Start a chat first.' });
      return deps.chat().uploadTarget({ visitor: check.claims });
    }
    const signedIn = await auth.authenticate(token);
    if (!signedIn.ok) throw new Refusal(signedIn.error);
    const taskId = String(request.headers['x-conversation'] ?? '');
    return deps.chat().uploadTarget({ user: signedIn.user, taskId });
  }

  async function upload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return answerError(response, { code: 'invalid-payload', message: 'Uploads are POSTed.' });
    try {
      const declared = ChatAttachmentTypeSchema.safeParse(String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase());
      if (!declared.success) throw new Refusal({ code: 'unsupported-type', message: 'Send images (PNG, JPEG, GIF, WebP), PDF or plain text.' });
      const target = await uploader(request);
      const bytes = await readBody(
        request,
        CHAT_ATTACHMENT_MAX_BYTES,
        () => new Refusal({ code: 'too-large', message: `Files up to ${CHAT_ATTACHMENT_MAX_BYTES / (1024 * 1024)} MB can be sent.` }),
      );
      if (bytes.length === 0) throw new Refusal({ code: 'invalid-payload', message: 'The file is empty.' });
      if (!bytesMatchType(bytes, declared.data)) {
        throw new Refusal({ code: 'unsupported-type', message: `The file is not really ${declared.data}.` });
      }
      // The bytes go to the attachment store (kept once however often sent); the chat keeps which conversation the file is in.
      const { sha256, size } = await store.put(bytes);
      const id = ulid(clock());
      const name = cleanFileName(request.headers['x-file-name'] as string | undefined);
      const file: StoredFile = { id, conversationId: target.conversation.id, name, mimeType: declared.data, size, attachmentId: id, bytes: null, createdAt: clock() };
      const createdBy = `chat:${target.conversation.id}`;
      await writeQueue(async () => {
        await insertAttachment(db, { id, sha256, mimeType: declared.data, size, kind: 'chat', createdBy, createdAt: file.createdAt, name });
        await insertFile(db, file);
      });
      sendJson(response, 200, { ok: true, data: deps.chat().attachmentOf(file) }, CHAT_CORS);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      // The rest of a refused body is not read: the connection closes so the client stops sending it.
      answerError(response, error.error, { Connection: 'close' });
    }
  }

  async function download(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    const id = pathname.slice(VISITOR_PATHS.file.length);
    const sig = new URL(request.url ?? '/', 'http://hub.invalid').searchParams.get('sig') ?? '';
    const file = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) && fileSignatureMatches(id, sig, key) ? await findFile(db, id) : null;
    if (!file) return answerError(response, { code: 'not-found', message: 'No such file.' });
    if (file.attachmentId !== null) {
      const stored = await findAttachment(db, file.attachmentId);
      if (!stored) return answerError(response, { code: 'not-found', message: 'The file is no longer kept.' });
      await serveStoredFile(request, response, store, { sha256: stored.sha256, mimeType: file.mimeType, size: stored.size, name: file.name }, { 'Access-Control-Allow-Origin': '*' });
      return;
    }
    // A file sent before the attachment store took chat files: its bytes are still in its row.
    const inline = isImage(file.mimeType);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Content-Type': file.mimeType,
      'Content-Length': String(file.size),
      // A file is shown as itself and never run as a page, whatever it holds.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Cache-Control': 'private, max-age=86400',
    });
    response.end(request.method === 'HEAD' ? undefined : file.bytes);
  }

  return {
    handles: (pathname: string): boolean =>
      pathname === VISITOR_PATHS.widget || pathname === VISITOR_PATHS.start || pathname === VISITOR_PATHS.upload || pathname.startsWith(VISITOR_PATHS.file),

    async handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, CHAT_CORS);
        response.end();
        return;
      }
      if (pathname === VISITOR_PATHS.widget) {
        return json(request, response, (body) => deps.chat().widgetInfo(parsed(WidgetInfoRequestSchema, body, 'The widget request').widgetId));
      }
      if (pathname === VISITOR_PATHS.start) {
        return json(request, response, (body) =>
          deps.chat().start(parsed(StartChatRequestSchema, body, 'The chat request'), {
            address: clientAddress(request),
            origin: request.headers.origin,
            hubHost: request.headers.host,
          }),
        );
      }
      if (pathname === VISITOR_PATHS.upload) return upload(request, response);
      if (request.method !== 'GET' && request.method !== 'HEAD') return answerError(response, { code: 'invalid-payload', message: 'Files are fetched with GET.' });
      return download(request, response, pathname);
    },
  };
}

export type ChatHttp = ReturnType<typeof createChatHttp>;
