import { CHAT_ATTACHMENT_MAX_BYTES } from '../../../shared/domain/chat';
import type { HubError } from '../../../shared/protocol/errors';
import type { VisitorLocale } from '../../../shared/protocol/visitor';
import type { WidgetText } from '../i18n/widget-text';
import type { AttachmentCheck } from '../../../shared/chat/attachment-check';

/** A hub refusal, or the hub not answering at all. */
export type Refusal = Pick<HubError, 'code' | 'retryAfterSec'> | { code: 'network'; retryAfterSec?: undefined };

/** Every refusal as a sentence a shop's visitor can act on. Codes a visitor cannot cause read as "something went wrong". */
export function refusalText(t: WidgetText, refusal: Refusal): string {
  switch (refusal.code) {
    case 'rate-limited':
      return refusal.retryAfterSec ? t('error.rate-limited', { seconds: refusal.retryAfterSec }) : t('error.rate-limited.later');
    case 'too-large':
    case 'unsupported-type':
    case 'forbidden':
    case 'not-found':
    case 'conflict':
    case 'invalid-payload':
    case 'network':
      return t(`error.${refusal.code}`);
    // A file removed under the retention policy (hub/privacy/): to a visitor it is simply no longer there.
    case 'gone':
      return t('error.not-found');
    case 'token-expired':
    case 'token-invalid':
      return t('error.session');
    case 'bad-credentials':
    case 'unknown-event':
    case 'cursor-ahead':
    case 'weak-password':
    case 'internal':
      return t('error.internal');
  }
}

/** A refused call ticket, in words about calling rather than chatting. */
export function callRefusalText(t: WidgetText, refusal: Refusal): string {
  switch (refusal.code) {
    case 'rate-limited':
      return t('call.refused.rate-limited', { seconds: refusal.retryAfterSec ?? 60 });
    case 'forbidden':
    case 'conflict':
      return t(`call.refused.${refusal.code}`);
    default:
      return refusalText(t, refusal);
  }
}

/** "5 MB" / "5 MB", in the visitor's number format. */
export const formatMegabytes = (bytes: number, locale: VisitorLocale): string =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));

/** A size next to a file link: kilobytes below a megabyte, megabytes above. */
export function formatFileSize(bytes: number, locale: VisitorLocale): string {
  if (bytes >= 1024 * 1024) return formatMegabytes(bytes, locale);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024));
}

export function attachmentRefusalText(t: WidgetText, locale: VisitorLocale, name: string, check: Extract<AttachmentCheck, { ok: false }>): string {
  switch (check.reason) {
    case 'too-large':
      return t('upload.tooLarge', { name, limit: formatMegabytes(CHAT_ATTACHMENT_MAX_BYTES, locale) });
    case 'unsupported-type':
      return t('upload.unsupported', { name });
    case 'empty':
      return t('upload.empty', { name });
  }
}
