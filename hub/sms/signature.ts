import { createHmac } from 'node:crypto';
import { sameSecret } from '../auth/signed-token';

/**
 * The webhook signature of Twilio-style providers: HMAC-SHA1, keyed with the
 * account's secret, over the full URL the provider called followed by every
 * POST parameter as name+value, sorted by name; base64. Only the provider
 * knows the secret, so a request that verifies came from it.
 */
export function webhookSignature(secret: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  let signed = url;
  // A repeated parameter contributes each value, in the order sent (as the provider signs it).
  for (const name of names) for (const value of params.getAll(name)) signed += name + value;
  return createHmac('sha1', secret).update(signed, 'utf8').digest('base64');
}

/** Constant-time: how close a forged signature came never shows in the time taken. */
export function signatureValid(secret: string, url: string, params: URLSearchParams, given: string | undefined): boolean {
  if (!given || secret === '') return false;
  return sameSecret(given, webhookSignature(secret, url, params));
}
