import { request } from 'node:http';
import type { z } from 'zod';
import { METRICS_PATH } from '../../../hub/ops/metrics-http';
import { ATTACHMENT_PATHS } from '../../../shared/protocol/attachments';
import { API_PATHS, LoginRequestSchema, RefreshRequestSchema } from '../../../shared/protocol/auth';
import { CUSTOMER_EXPORT_PATH, CustomerExportQuerySchema } from '../../../shared/protocol/customer-analysis';
import { EMAIL_PATHS } from '../../../shared/protocol/email-outbound';
import { ORDER_IMPORT_PATH, OrderImportQuerySchema } from '../../../shared/protocol/orders';
import { PRIVACY_PATHS } from '../../../shared/protocol/privacy';
import { RECORDING_PATHS } from '../../../shared/protocol/recording';
import { REPORT_EXPORT_PATH, ReportExportQuerySchema } from '../../../shared/protocol/reports';
import { SMS_PATHS } from '../../../shared/protocol/sms';
import { SURVEY_PATHS, SurveyAnswerRequestSchema } from '../../../shared/protocol/surveys';
import { StartChatRequestSchema, VISITOR_PATHS, WidgetInfoRequestSchema } from '../../../shared/protocol/visitor';
import { VOICE_KEY_HEADER, VOICE_PATHS, VoiceCallEventSchema, VoiceRouteRequestSchema } from '../../../shared/protocol/voice';

/** Who calls a route: nobody signed in, a forged token, or a signed-in role. */
export const HTTP_CALLERS = ['none', 'bad-token', 'agent', 'supervisor', 'admin'] as const;
export type HttpCaller = (typeof HTTP_CALLERS)[number];

/** What lets a request through: a role's bearer token, or something else that is not a role at all. */
export type HttpGuard = 'public' | 'bearer' | 'visitor-or-bearer' | 'voice-key' | 'signature' | 'signed-link' | 'survey-token';

/** Where a route takes its input, for the fuzzer: a JSON body, the query string, raw bytes, a form, or the path's tail. */
export type HttpInput = 'json' | 'query' | 'bytes' | 'form' | 'path';

export type HttpRoute = {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  guard: HttpGuard;
  input: HttpInput;
  /** The schema of a JSON body or query, for near-valid fuzzing. */
  schema?: z.ZodType;
  contentType?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** The status each caller gets for this exact request. */
  expect: Record<HttpCaller, number>;
};

const ULID = '01JA0000000000000000000000';
const same = (status: number): Record<HttpCaller, number> => ({ none: status, 'bad-token': status, agent: status, supervisor: status, admin: status });
const roles = (none: number, agent: number, supervisor: number, admin: number): Record<HttpCaller, number> => ({ none, 'bad-token': none, agent, supervisor, admin });
const WEBM = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);

/**
 * Every HTTP route the hub serves (hub/http/router.ts and each area's
 * `handles()`), with the status each caller gets for one representative
 * request. `voiceKey` is the hub's voice key, for the one row that has it.
 */
export function httpRoutes(voiceKey: string): HttpRoute[] {
  const report = new URLSearchParams({ from: '2026-01-01', to: '2026-01-31', timeZone: 'UTC', groupBy: 'queue' });
  return [
    { name: 'health', method: 'GET', path: API_PATHS.health, guard: 'public', input: 'query', expect: same(200) },
    // Without METRICS_TOKEN (as here) only supervisors' and admins' access tokens read the figures.
    { name: 'metrics', method: 'GET', path: METRICS_PATH, guard: 'bearer', input: 'query', expect: roles(401, 403, 200, 200) },
    { name: 'sign in (wrong password)', method: 'POST', path: API_PATHS.login, guard: 'public', input: 'json', schema: LoginRequestSchema, body: JSON.stringify({ username: 'nobody', password: 'wrong' }), expect: same(401) },
    { name: 'refresh (forged)', method: 'POST', path: API_PATHS.refresh, guard: 'public', input: 'json', schema: RefreshRequestSchema, body: JSON.stringify({ refreshToken: 'forged' }), expect: same(401) },
    { name: 'sign out (forged)', method: 'POST', path: API_PATHS.logout, guard: 'public', input: 'json', schema: RefreshRequestSchema, body: JSON.stringify({ refreshToken: 'forged' }), expect: same(200) },
    { name: 'unknown API', method: 'POST', path: '/api/nothing-here', guard: 'public', input: 'json', body: '{}', expect: same(404) },
    { name: 'widget info', method: 'POST', path: VISITOR_PATHS.widget, guard: 'public', input: 'json', schema: WidgetInfoRequestSchema, body: JSON.stringify({ widgetId: 'demo' }), expect: same(200) },
    { name: 'chat start (unknown widget)', method: 'POST', path: VISITOR_PATHS.start, guard: 'public', input: 'json', schema: StartChatRequestSchema, body: JSON.stringify({ widgetId: 'nope' }), expect: same(404) },
    // Staff upload into the chat of a task they hold; naming none finds no chat — after the token is checked.
    { name: 'chat upload (no task)', method: 'POST', path: VISITOR_PATHS.upload, guard: 'visitor-or-bearer', input: 'bytes', contentType: 'text/plain', body: 'hello', expect: roles(401, 404, 404, 404) },
    { name: 'chat file (bad signature)', method: 'GET', path: `${VISITOR_PATHS.file}${ULID}?sig=forged`, guard: 'signed-link', input: 'path', expect: same(404) },
    { name: 'voice route (no key)', method: 'POST', path: VOICE_PATHS.route, guard: 'voice-key', input: 'json', schema: VoiceRouteRequestSchema, body: '{}', expect: same(403) },
    { name: 'voice route (voice key)', method: 'POST', path: VOICE_PATHS.route, guard: 'voice-key', input: 'json', schema: VoiceRouteRequestSchema, body: '{}', headers: { [VOICE_KEY_HEADER]: voiceKey }, expect: same(400) },
    { name: 'voice event (no key)', method: 'POST', path: VOICE_PATHS.event, guard: 'voice-key', input: 'json', schema: VoiceCallEventSchema, body: '{}', expect: same(403) },
    { name: 'voice event (voice key)', method: 'POST', path: VOICE_PATHS.event, guard: 'voice-key', input: 'json', schema: VoiceCallEventSchema, body: '{}', headers: { [VOICE_KEY_HEADER]: voiceKey }, expect: same(400) },
    // Only the agent on the call may file its recording: an unknown call is not found for anyone signed in.
    {
      name: 'recording upload (unknown call)',
      method: 'POST',
      path: RECORDING_PATHS.upload,
      guard: 'bearer',
      input: 'bytes',
      contentType: 'audio/webm',
      body: WEBM,
      headers: { 'x-recording-id': ULID, 'x-call-id': 'no-such-call' },
      expect: roles(401, 404, 404, 404),
    },
    { name: 'recording file (unknown)', method: 'GET', path: `${RECORDING_PATHS.file}${ULID}`, guard: 'bearer', input: 'path', expect: roles(401, 404, 404, 404) },
    { name: 'attachment upload', method: 'POST', path: ATTACHMENT_PATHS.upload, guard: 'bearer', input: 'bytes', contentType: 'text/plain', body: 'a note', expect: roles(401, 200, 200, 403) },
    { name: 'attachment file (unknown)', method: 'GET', path: `${ATTACHMENT_PATHS.file}${ULID}`, guard: 'bearer', input: 'path', expect: roles(401, 404, 404, 404) },
    { name: 'sms inbound (unsigned)', method: 'POST', path: SMS_PATHS.inbound, guard: 'signature', input: 'form', contentType: 'application/x-www-form-urlencoded', body: 'From=%2B14155550100&To=%2B14155550199&Body=hi', expect: same(403) },
    { name: 'sms status (unsigned)', method: 'POST', path: SMS_PATHS.status, guard: 'signature', input: 'form', contentType: 'application/x-www-form-urlencoded', body: 'MessageSid=SM1&MessageStatus=delivered', expect: same(403) },
    { name: 'sms picture (forged link)', method: 'GET', path: `${SMS_PATHS.media}forged`, guard: 'signed-link', input: 'path', expect: same(401) },
    // Found by fuzzing: a malformed escape in the link answered 500.
    { name: 'sms picture (malformed escape)', method: 'GET', path: `${SMS_PATHS.media}%zz`, guard: 'signed-link', input: 'path', expect: same(401) },
    { name: 'email upload', method: 'POST', path: EMAIL_PATHS.upload, guard: 'bearer', input: 'bytes', contentType: 'text/plain', body: 'a note', expect: roles(401, 200, 200, 403) },
    { name: 'email file (unknown)', method: 'GET', path: `${EMAIL_PATHS.file}${ULID}/${ULID}`, guard: 'bearer', input: 'path', expect: roles(401, 404, 404, 404) },
    { name: 'report CSV', method: 'GET', path: `${REPORT_EXPORT_PATH}?${report}`, guard: 'bearer', input: 'query', schema: ReportExportQuerySchema, expect: roles(401, 403, 200, 200) },
    { name: 'customers CSV', method: 'GET', path: `${CUSTOMER_EXPORT_PATH}?filter=%7B%7D`, guard: 'bearer', input: 'query', schema: CustomerExportQuerySchema, expect: roles(401, 403, 200, 200) },
    // ── data protection (hub/privacy/) ──
    { name: 'customer data export (unknown)', method: 'GET', path: `${PRIVACY_PATHS.export}${ULID}`, guard: 'bearer', input: 'path', expect: roles(401, 403, 404, 404) },
    { name: 'order import (header only)', method: 'POST', path: ORDER_IMPORT_PATH, guard: 'bearer', input: 'bytes', schema: OrderImportQuerySchema, contentType: 'text/csv', body: 'order id,customer,date,amount\n', expect: roles(401, 403, 200, 200) },
    { name: 'survey page (forged)', method: 'GET', path: `${SURVEY_PATHS.page}AAAAAAAAAAAAAAAAAAAAAA`, guard: 'survey-token', input: 'path', expect: same(404) },
    { name: 'survey form post (forged)', method: 'POST', path: `${SURVEY_PATHS.page}AAAAAAAAAAAAAAAAAAAAAA`, guard: 'survey-token', input: 'form', contentType: 'application/x-www-form-urlencoded', body: 'csat=5', expect: same(404) },
    { name: 'survey answer (forged)', method: 'POST', path: SURVEY_PATHS.answer, guard: 'survey-token', input: 'json', schema: SurveyAnswerRequestSchema, body: JSON.stringify({ token: 'AAAAAAAAAAAAAAAAAAAAAA', csat: 5 }), expect: same(404) },
    { name: 'desktop page (static)', method: 'GET', path: '/', guard: 'public', input: 'path', expect: same(200) },
    { name: 'missing asset (static)', method: 'GET', path: '/assets/gone.js', guard: 'public', input: 'path', expect: same(404) },
  ];
}

export type RawAnswer = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/** A raw request, so paths reach the hub exactly as written (fetch would normalise `%` escapes and dot segments). */
export function rawRequest(
  port: number,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    // A refused upload closes the connection: the answer may already be in, so only a missing answer is an error.
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The request for a route as one caller makes it (`token` null: no Authorization header). */
export function callRoute(port: number, route: HttpRoute, token: string | null): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...route.headers };
  if (route.contentType) headers['content-type'] = route.contentType;
  else if (route.input === 'json') headers['content-type'] = 'application/json';
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return rawRequest(port, { method: route.method, path: route.path, headers, body: route.body });
}

/** A stack trace's tell-tale lines, or a file path of the hub's own source. */
export const LEAK = /\n\s+at\s|\bat (?:async )?[\w.<>]+ \(|node:internal|\/hub\/[\w/-]+\.ts/;
