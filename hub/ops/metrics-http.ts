import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail } from '../../shared/protocol/errors';
import type { AuthService } from '../auth/auth-service';
import { HTTP_STATUS } from '../http/error-status';
import { sendJson } from '../http/json-body';
import { SECURITY_HEADERS } from '../http/security-headers';
import { sameToken } from './metrics-token';
import { type MetricFamily, PROMETHEUS_CONTENT_TYPE, renderPrometheus } from './prometheus-text';

export const METRICS_PATH = '/metrics';

export type MetricsHttp = ReturnType<typeof createMetricsHttp>;

export type MetricsHttpDeps = {
  auth: AuthService;
  /** METRICS_TOKEN, or null: then only supervisors' and admins' access tokens open it. */
  token: string | null;
  collect(): Promise<MetricFamily[]>;
};

/**
 * GET /metrics in Prometheus' text format. Queue sizes and agent counts are
 * the supervisor's business, so the figures need a supervisor's or admin's
 * access token, or the scrape token (METRICS_TOKEN) Prometheus is given.
 */
export function createMetricsHttp(deps: MetricsHttpDeps) {
  async function allowed(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!presented) {
      sendJson(response, 401, fail('token-invalid', 'Send a supervisor access token or the metrics token as a bearer token.'), { 'WWW-Authenticate': 'Bearer' });
      return false;
    }
    if (deps.token && sameToken(presented, deps.token)) return true;
    const signedIn = await deps.auth.authenticate(presented);
    if (!signedIn.ok) {
      sendJson(response, HTTP_STATUS[signedIn.error.code], { ok: false, error: signedIn.error }, { 'WWW-Authenticate': 'Bearer' });
      return false;
    }
    if (signedIn.user.role === 'agent') {
      sendJson(response, 403, fail('forbidden', 'Only supervisors and admins may read the metrics.'));
      return false;
    }
    return true;
  }

  return {
    handles: (pathname: string): boolean => pathname === METRICS_PATH,
    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' });
        response.end();
        return;
      }
      if (!(await allowed(request, response))) return;
      const text = renderPrometheus(await deps.collect());
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': PROMETHEUS_CONTENT_TYPE,
        'Content-Length': String(Buffer.byteLength(text)),
        'Cache-Control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : text);
    },
  };
}
