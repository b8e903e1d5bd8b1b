import type { DeliveryReport, InboundSms, Parsed } from './provider';
import { SMS_TEXT_MAX } from '../../shared/protocol/sms';

/** Twilio sends at most 10 media per MMS. */
const MAX_MEDIA = 10;
const REPORTED = new Set(['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'accepted']);

type Issue = { path: string; message: string };

const required = (params: URLSearchParams, name: string, issues: Issue[], max: number): string => {
  const value = params.get(name)?.trim() ?? '';
  if (value === '') issues.push({ path: name, message: 'required' });
  else if (value.length > max) issues.push({ path: name, message: `longer than ${max}` });
  return value;
};

/** A Twilio-style inbound webhook: From, To, Body, MessageSid, and NumMedia/MediaUrlN for MMS. */
export function parseInboundForm(params: URLSearchParams): Parsed<InboundSms> {
  const issues: Issue[] = [];
  const providerId = required(params, 'MessageSid', issues, 64);
  const from = required(params, 'From', issues, 64);
  const to = required(params, 'To', issues, 64);
  const text = params.get('Body') ?? '';
  if (text.length > SMS_TEXT_MAX) issues.push({ path: 'Body', message: `longer than ${SMS_TEXT_MAX}` });
  const count = Number(params.get('NumMedia') ?? '0');
  if (!Number.isInteger(count) || count < 0 || count > MAX_MEDIA) issues.push({ path: 'NumMedia', message: `0 to ${MAX_MEDIA}` });
  const mediaUrls: string[] = [];
  for (let i = 0; i < (issues.some((issue) => issue.path === 'NumMedia') ? 0 : count); i += 1) {
    const url = params.get(`MediaUrl${i}`) ?? '';
    if (!/^https?:\/\//.test(url)) issues.push({ path: `MediaUrl${i}`, message: 'an http(s) URL' });
    else mediaUrls.push(url);
  }
  // A broken media list is its own issue; an empty body is only wrong when nothing else came.
  if (text.trim() === '' && mediaUrls.length === 0 && !issues.some((issue) => /Media/.test(issue.path))) {
    issues.push({ path: 'Body', message: 'a text or a picture' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { providerId, from, to, text, mediaUrls } };
}

/** A delivery-status callback: MessageSid and MessageStatus (and ErrorCode when it failed). */
export function parseReportForm(params: URLSearchParams): Parsed<DeliveryReport> {
  const issues: Issue[] = [];
  const providerId = required(params, 'MessageSid', issues, 64);
  const reported = required(params, 'MessageStatus', issues, 32).toLowerCase();
  if (reported !== '' && !REPORTED.has(reported)) issues.push({ path: 'MessageStatus', message: 'not a status we know' });
  if (issues.length > 0) return { ok: false, issues };
  // "sending" and "accepted" are steps before "sent" that we do not show apart from queued.
  const status = reported === 'sending' || reported === 'accepted' ? 'queued' : (reported as DeliveryReport['status']);
  const code = params.get('ErrorCode')?.trim();
  return { ok: true, value: { providerId, status, error: code ? code.slice(0, 500) : null } };
}
