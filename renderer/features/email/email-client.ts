import { z } from 'zod';
import { EmailMessageSchema, EmailThreadSchema } from '../../../shared/domain/email';
import type { EmailThreadView } from '../../../shared/protocol/email';
import { EMAIL_FILE_NAME_HEADER, EMAIL_PATHS, type EmailUpload, emailFilePath, type Signatures } from '../../../shared/protocol/email-outbound';
import type { ErrorCode } from '../../../shared/protocol/errors';
import { type HubSocket, NetworkError, request } from '../../sync/hub-socket';
import { BadAnswerError, HubRefusalError, unwrapAck } from '../../sync/wire';
import type { EmailServices } from './email-context';

/** Why an email action did not happen: the hub's code, an unreadable answer, or no hub. */
export type EmailProblem = ErrorCode | 'bad-answer' | 'network';
export type EmailResult<T> = { ok: true; data: T } | { ok: false; problem: EmailProblem };

const ThreadViewSchema = z.object({ thread: EmailThreadSchema, messages: z.array(EmailMessageSchema) }) satisfies z.ZodType<EmailThreadView>;
export const AgentEmailMessageSchema = z.object({ taskId: z.string(), message: EmailMessageSchema });
const SignaturesSchema = z.object({ agent: z.string(), queue: z.string() }) satisfies z.ZodType<Signatures>;
const UploadSchema = z.object({ attachmentId: z.string(), name: z.string(), mimeType: z.string(), size: z.number() }) satisfies z.ZodType<EmailUpload>;

function problemOf(error: unknown): EmailProblem {
  if (error instanceof HubRefusalError) return error.error.code;
  if (error instanceof BadAnswerError) return 'bad-answer';
  if (error instanceof NetworkError || error instanceof TypeError) return 'network';
  throw error;
}

async function attempt<T>(work: () => Promise<T>): Promise<EmailResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

const ask = <T>(socket: HubSocket, event: string, send: (socket: HubSocket) => Promise<unknown>, schema: z.ZodType<T>) =>
  attempt(async () => unwrapAck(event, await request(socket, send), schema));

export const openThread = (socket: HubSocket, taskId: string) =>
  ask(socket, 'email:open', (s) => s.emitWithAck('email:open', { taskId }), ThreadViewSchema);

export const retryEmail = (socket: HubSocket, emailId: string) =>
  ask(socket, 'email:retry', (s) => s.emitWithAck('email:retry', { emailId }), EmailMessageSchema);

export const loadSignatures = (socket: HubSocket, queueId: string) =>
  ask(socket, 'email:signatures', (s) => s.emitWithAck('email:signatures', { queueId }), SignaturesSchema);

export const saveMySignature = (socket: HubSocket, text: string) =>
  ask(socket, 'email:signature:set', (s) => s.emitWithAck('email:signature:set', { scope: 'agent', text }), SignaturesSchema);

async function hubJson<T>(response: Response, schema: z.ZodType<T>, event: string): Promise<T> {
  return unwrapAck(event, await response.json().catch(() => null), schema);
}

/** Uploads one file for a reply; the hub sniffs its type and refuses programs. */
export function uploadFile(services: EmailServices, file: File): Promise<EmailResult<EmailUpload>> {
  return attempt(async () => {
    const response = await fetch(`${services.hubUrl}${EMAIL_PATHS.upload}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${services.getToken()}`,
        'content-type': file.type || 'application/octet-stream',
        [EMAIL_FILE_NAME_HEADER]: encodeURIComponent(file.name),
      },
      body: file,
    });
    return hubJson(response, UploadSchema, 'email upload');
  });
}

/** One of a thread's files, as a blob (the token stays in a header, never in a URL an <img> could leak). */
export function fetchFile(services: EmailServices, emailId: string, attachmentId: string): Promise<EmailResult<Blob>> {
  return attempt(async () => {
    const response = await fetch(`${services.hubUrl}${emailFilePath(emailId, attachmentId)}`, { headers: { authorization: `Bearer ${services.getToken()}` } });
    if (!response.ok) return hubJson(response, z.never(), 'email file');
    return response.blob();
  });
}

export const saveQueueSignature = (socket: HubSocket, queueId: string, text: string) =>
  ask(socket, 'email:signature:set', (s) => s.emitWithAck('email:signature:set', { scope: 'queue', queueId, text }), SignaturesSchema);
