import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { UlidSchema } from '../../shared/domain/ids';
import { PRIVACY_PATHS } from '../../shared/protocol/privacy';
import type { AuthService } from '../auth/auth-service';
import { bearerUser } from '../auth/bearer-user';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { DOWNLOAD_CORS, refuseDownload, sendDownload } from '../http/download';
import { Refusal, refuse } from '../sync/refusal';
import { exportCustomer } from './export-customer';

export type PrivacyHttpDeps = { db: Kysely<Database>; auth: AuthService; clock: Clock };


/**
 * GET /api/privacy/export/<customerId>: one customer's data as a JSON file
 * (export-customer.ts), for supervisors and administrators; agents are refused.
 */
export function createPrivacyHttp({ db, auth, clock }: PrivacyHttpDeps) {
  async function download(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET') return refuseDownload(response, { code: 'invalid-payload', message: `${PRIVACY_PATHS.export} takes GET.` });
    try {
      const user = await bearerUser(auth, request);
      if (user.role !== 'supervisor' && user.role !== 'admin') throw refuse('forbidden', 'Only supervisors and administrators export a customer\'s data.');
      const customerId = pathname.slice(PRIVACY_PATHS.export.length);
      if (!UlidSchema.safeParse(customerId).success) {
        throw refuse('invalid-payload', 'The customer id is not valid.', { issues: [{ path: 'customerId', message: 'not a customer id' }] });
      }
      const document = await exportCustomer(db, customerId, clock(), user.username);
      const name = `customer-${document.customer.number.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
      sendDownload(response, { name, type: 'application/json', text: JSON.stringify(document, null, 2) });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      refuseDownload(response, error.error);
    }
  }

  return {
    handles: (pathname: string): boolean => pathname.startsWith(PRIVACY_PATHS.export),

    async handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, DOWNLOAD_CORS);
        response.end();
        return;
      }
      return download(request, response, pathname);
    },
  };
}

export type PrivacyHttp = ReturnType<typeof createPrivacyHttp>;
