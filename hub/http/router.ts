import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { API_PATHS } from '../../shared/protocol/auth';
import { fail } from '../../shared/protocol/errors';
import type { AuthService } from '../auth/auth-service';
import type { Database } from '../db/schema';
import type { Logger } from '../log';
import type { ChatHttp } from '../chat/chat-http';
import type { VoiceHttp } from '../voice/voice-http';
import type { RecordingHttp } from '../attachments/recording-http';
import type { AttachmentHttp } from '../attachments/attachment-http';
import type { SmsHttp } from '../sms/sms-http';
import type { EmailHttp } from '../email/outbound/email-http';
import type { ReportHttp } from '../reports/report-http';
import type { OrderImportHttp } from '../crm/order-import-http';
import type { SurveyHttp } from '../surveys/survey-http';
import type { CustomerExportHttp } from '../crm/analysis/customer-export-http';
import type { MetricsHttp } from '../ops/metrics-http';
import type { PrivacyHttp } from '../privacy/privacy-http';
import { findWidget } from '../db/chat-queries';
import { type ApiAnswer, createAuthRoutes } from './auth-routes';
import { HTTP_STATUS } from './error-status';
import { BodyError, readJsonBody, sendJson } from './json-body';
import { createStaticFiles } from './static-files';

export type HttpDeps = {
  db: Kysely<Database>;
  auth: AuthService;
  rendererDir: string;
  log: Logger;
  /** The web chat's own API (visitor start, uploads, files). */
  chat: ChatHttp;
  /** The SIP server's hook: who to ring, and what happened to a call. */
  voice: VoiceHttp;
  /** Call recordings: the desktop's upload and the timeline's player. */
  recordings: RecordingHttp;
  /** The attachment store for every channel: uploads and any contact file by id (hub/attachments/attachment-http.ts). */
  attachments: AttachmentHttp;
  /** The SMS provider's webhooks (texts, delivery reports) and MMS pictures by signed link. */
  sms: SmsHttp;
  /** The email composer's uploads and a thread's files (hub/email/outbound/email-http.ts). */
  emailFiles: EmailHttp;
  /** Historical reports' CSV export (hub/reports/report-http.ts). */
  reports: ReportHttp;
  /** The shop's order file import (hub/crm/order-import-http.ts). */
  orders: OrderImportHttp;
  // ── surveys (hub/surveys/): its HTTP routes ──
  /** The survey page customers open from a link, and the widget's answer (hub/surveys/survey-http.ts). */
  surveys: SurveyHttp;
  // ── customer value (hub/crm/): its HTTP routes ──
  /** The analysis customer list's CSV export (hub/crm/analysis/customer-export-http.ts). */
  customerExport: CustomerExportHttp;
  // ── data protection (hub/privacy/): its HTTP routes ──
  /** One customer's data as a JSON download (hub/privacy/privacy-http.ts). */
  privacy: PrivacyHttp;
  /** GET /metrics for Prometheus (hub/ops/metrics-http.ts). */
  metrics: MetricsHttp;
};

/**
 * The API answers any origin: credentials travel in request bodies, never in
 * cookies, so a foreign page gains nothing, and the Electron renderer (loaded
 * from file://) must be able to sign in.
 */
const API_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '600',
};

/** The path of a request target, or null when the URL parser cannot read it (`//` starts a host part). */
function pathOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://hub.invalid').pathname;
  } catch {
    return null;
  }
}

export function createHttpHandler(deps: HttpDeps) {
  const routes = createAuthRoutes(deps.auth);
  const serveStatic = createStaticFiles(deps.rendererDir, {
    widgetOrigins: async (widgetId) => (await findWidget(deps.db, widgetId))?.allowedOrigins ?? null,
  });
  const apiRoutes: Record<string, (body: unknown, request: IncomingMessage) => Promise<ApiAnswer>> = {
    [API_PATHS.login]: routes.login,
    [API_PATHS.refresh]: routes.refresh,
    [API_PATHS.logout]: routes.logout,
  };

  async function api(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, API_CORS);
      response.end();
      return;
    }
    const handle = Object.hasOwn(apiRoutes, pathname) ? apiRoutes[pathname] : undefined;
    if (!handle) return sendJson(response, 404, fail('not-found', `No API at ${pathname}.`), API_CORS);
    if (request.method !== 'POST') {
      return sendJson(response, 405, fail('invalid-payload', `${pathname} takes POST.`), { ...API_CORS, Allow: 'POST, OPTIONS' });
    }
    let body: unknown;
    try {
      body = await readJsonBody(request);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      // The rest of an oversized body is not read; closing stops the client sending it.
      return sendJson(response, error.status, { ok: false, error: error.error }, { ...API_CORS, Connection: 'close' });
    }
    const answer = await handle(body, request);
    if (answer.ok) return sendJson(response, 200, answer, API_CORS);
    const headers: Record<string, string> = { ...API_CORS };
    if (answer.error.retryAfterSec !== undefined) headers['Retry-After'] = String(answer.error.retryAfterSec);
    return sendJson(response, HTTP_STATUS[answer.error.code], answer, headers);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const pathname = pathOf(request.url);
    // A target the URL parser refuses (`//%`, `//[`) names nothing here; the areas below re-parse request.url, so it stops here.
    if (pathname === null) return sendJson(response, 400, fail('invalid-payload', 'The request target is not a valid path.'));
    if (deps.metrics.handles(pathname)) return deps.metrics.handle(request, response);
    if (deps.chat.handles(pathname)) return deps.chat.handle(request, response, pathname);
    if (deps.voice.handles(pathname)) return deps.voice.handle(request, response, pathname);
    if (deps.recordings.handles(pathname)) return deps.recordings.handle(request, response, pathname);
    if (deps.attachments.handles(pathname)) return deps.attachments.handle(request, response, pathname);
    if (deps.sms.handles(pathname)) return deps.sms.handle(request, response, pathname);
    if (deps.emailFiles.handles(pathname)) return deps.emailFiles.handle(request, response, pathname);
    if (deps.reports.handles(pathname)) return deps.reports.handle(request, response);
    // ── surveys (hub/surveys/): its HTTP routes ──
    if (deps.surveys.handles(pathname)) return deps.surveys.handle(request, response);
    // ── customer value (hub/crm/): its HTTP routes ──
    if (deps.customerExport.handles(pathname)) return deps.customerExport.handle(request, response);
    // ── data protection (hub/privacy/): its HTTP routes ──
    if (deps.privacy.handles(pathname)) return deps.privacy.handle(request, response, pathname);
    if (deps.orders.handles(pathname)) return deps.orders.handle(request, response);
    if (pathname === '/api' || pathname.startsWith('/api/')) return api(request, response, pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' });
      response.end();
      return;
    }
    return serveStatic(request, response, pathname);
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch((error: unknown) => {
      deps.log.error(`HTTP ${request.method} ${request.url} failed`, error);
      if (!response.headersSent) sendJson(response, 500, fail('internal', 'The hub hit an unexpected error; try again.'));
      else response.destroy();
    });
  };
}
