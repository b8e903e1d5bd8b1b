import type { SmsSettings } from '../../shared/protocol/sms';
import { type SmsProvider, SmsSendError } from './provider';
import { signatureValid } from './signature';
import { parseInboundForm, parseReportForm } from './webhook-form';

/** How long the provider has to take a text before the send counts as failed (the agent can retry). */
const SEND_TIMEOUT_MS = 10_000;
const STATUSES = new Set(['queued', 'sending', 'accepted', 'sent', 'delivered', 'undelivered', 'failed']);

/**
 * The common webhook style (Twilio and the providers that copy it): form
 * posts both ways, HTTP Basic with the account and secret for sending, and
 * the same secret signing every webhook.
 */
export function webhookProvider(settings: Pick<SmsSettings, 'providerUrl' | 'account' | 'secret'>): SmsProvider {
  const basic = `Basic ${Buffer.from(`${settings.account}:${settings.secret}`).toString('base64')}`;
  const providerOrigin = settings.providerUrl ? new URL(settings.providerUrl).origin : null;

  return {
    verify: (request) => signatureValid(settings.secret, request.url, request.params, request.signature),
    parseInbound: parseInboundForm,
    parseReport: parseReportForm,

    async send(message) {
      if (!settings.providerUrl) throw new SmsSendError('no SMS provider is configured');
      const body = new URLSearchParams({ From: message.from, To: message.to, Body: message.text, StatusCallback: message.statusCallback });
      let response: Response;
      try {
        response = await fetch(settings.providerUrl, {
          method: 'POST',
          headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
      } catch (error) {
        throw new SmsSendError(`the provider could not be reached (${error instanceof Error ? error.message : String(error)})`);
      }
      const answer: unknown = await response.json().catch(() => null);
      const fields = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
      if (!response.ok) {
        const said = typeof fields.message === 'string' ? `: ${fields.message}` : '';
        throw new SmsSendError(`the provider refused the text (HTTP ${response.status}${said})`.slice(0, 500));
      }
      if (typeof fields.sid !== 'string' || fields.sid === '') throw new SmsSendError('the provider answered without a message id');
      const reported = typeof fields.status === 'string' && STATUSES.has(fields.status) ? fields.status : 'queued';
      const status = reported === 'sending' || reported === 'accepted' ? 'queued' : (reported as 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed');
      return { providerId: fields.sid.slice(0, 64), status };
    },

    mediaHeaders(url) {
      const headers: Record<string, string> = {};
      if (providerOrigin !== null && new URL(url).origin === providerOrigin) headers.Authorization = basic;
      return headers;
    },
  };
}
