import type { ChatAttachment } from '../../../shared/domain/chat';
import { HubErrorSchema } from '../../../shared/protocol/errors';
import { type StartChatRequest, VISITOR_PATHS, type VisitorSession, type WidgetInfo } from '../../../shared/protocol/visitor';
import { SURVEY_PATHS } from '../../../shared/protocol/surveys';
import type { Refusal } from './refusal-text';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: Refusal };

const NETWORK: ApiResult<never> = { ok: false, error: { code: 'network' } };

/** The hub answers every call with `Response<T>`; anything else (a proxy's error page) counts as not reaching it. */
async function answer<T>(request: Promise<Response>): Promise<ApiResult<T>> {
  let body: unknown;
  try {
    body = await (await request).json();
  } catch {
    return NETWORK;
  }
  if (typeof body !== 'object' || body === null || !('ok' in body)) return NETWORK;
  if (body.ok === true && 'data' in body) return { ok: true, data: body.data as T };
  const error = HubErrorSchema.safeParse('error' in body ? body.error : null);
  return error.success ? { ok: false, error: error.data } : NETWORK;
}

const postJson = <T>(path: string, payload: unknown): Promise<ApiResult<T>> =>
  answer<T>(fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) }));

/** What the pre-chat form asks, and whether anyone is there to answer. */
export const fetchWidgetInfo = (widgetId: string) => postJson<WidgetInfo>(VISITOR_PATHS.widget, { widgetId });

/** The rating the chat's end asked for; the prompt's token is the only credential (hub/surveys/survey-http.ts). */
export const answerSurvey = (token: string, answer: { csat: number; nps: number | null; comment: string }) =>
  postJson<{ surveyId: string }>(SURVEY_PATHS.answer, { token, ...answer });

export const startChat = (request: StartChatRequest) => postJson<VisitorSession>(VISITOR_PATHS.start, request);

/** The file's bytes as the body; the visitor token says which conversation it belongs to. */
export const uploadAttachment = (token: string, file: File, mimeType: string) =>
  answer<ChatAttachment>(
    fetch(VISITOR_PATHS.upload, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': mimeType, 'X-File-Name': encodeURIComponent(file.name) },
      body: file,
    }),
  );
