import type { SmsStatus } from '../../shared/protocol/sms';

/** A text from a customer as the provider's webhook describes it. */
export type InboundSms = {
  /** The provider's id for the message: a re-posted webhook is filed once. */
  providerId: string;
  from: string;
  to: string;
  text: string;
  /** MMS pictures, fetched by the hub (hub/sms/mms-media.ts). */
  mediaUrls: string[];
};

/** What the provider reports about a text we sent. */
export type DeliveryReport = { providerId: string; status: Exclude<SmsStatus, 'received'>; error: string | null };

export type OutboundSms = { from: string; to: string; text: string; statusCallback: string };

/** The provider's answer to a send: its id (delivery reports name it) and the status it gave. */
export type SentSms = { providerId: string; status: Exclude<SmsStatus, 'received'> };

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: { path: string; message: string }[] };

/** One webhook request as the adapter sees it: the URL the provider called, its form parameters and signature header. */
export type WebhookRequest = { url: string; params: URLSearchParams; signature: string | undefined };

/**
 * What the hub needs of an SMS provider. Each provider's wire format stays
 * in its adapter; the SMS service deals only in these shapes.
 */
export type SmsProvider = {
  /** True only for a request the provider signed with this account's secret. */
  verify(request: WebhookRequest): boolean;
  parseInbound(params: URLSearchParams): Parsed<InboundSms>;
  parseReport(params: URLSearchParams): Parsed<DeliveryReport>;
  /** Hands a text to the provider; throws SmsSendError when it refuses or cannot be reached. */
  send(message: OutboundSms): Promise<SentSms>;
  /** Headers to fetch an MMS media URL with: credentials only for the provider's own host. */
  mediaHeaders(url: string): Record<string, string>;
};

/** A send the provider refused or never answered; `reason` is kept on the message for the agent. */
export class SmsSendError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SmsSendError';
  }
}
