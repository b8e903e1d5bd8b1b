import type { EmailAutoKind } from '../../shared/domain/email';

/**
 * The headers that tell a person's mail from a machine's. Header names are
 * lower-cased; each value as the parser gave it.
 */
export type MailHeaders = ReadonlyMap<string, string>;

/** Subjects out-of-office replies use when they carry no header (English and Chinese mail clients). */
const OUT_OF_OFFICE = /^\s*(auto(matic)?[\s-]*reply|autoreply|out of (the )?office|away from (the )?office|自动回复|自動回覆|自动答复|休假|不在办公室)/i;
const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;
const BOUNCE_SUBJECT = /^\s*(undeliver(ed|able)|delivery (status notification|failure|has failed)|returned mail|failure notice|mail delivery failed|退信|投递失败|无法投递)/i;

/**
 * Bounce, auto-reply or a person's mail. Bounces: a DSN (multipart/report;
 * report-type=delivery-status) or the mailer daemon's address with a bounce
 * subject. Auto-replies: RFC 3834 `Auto-Submitted` other than `no`,
 * `X-Autoreply`/`X-Autorespond`, `Precedence: auto_reply/bulk/junk/list`, or
 * an out-of-office subject. Neither ever opens a task or gets a reply.
 */
export function autoKindOf(headers: MailHeaders, from: string, subject: string): EmailAutoKind {
  const contentType = (headers.get('content-type') ?? '').toLowerCase();
  if (contentType.startsWith('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(contentType)) return 'bounce';
  if (BOUNCE_SENDER.test(from.trim()) || (from.trim() === '' && BOUNCE_SUBJECT.test(subject))) return 'bounce';
  if (BOUNCE_SUBJECT.test(subject) && headers.has('x-failed-recipients')) return 'bounce';
  const submitted = (headers.get('auto-submitted') ?? '').trim().toLowerCase();
  if (submitted !== '' && !submitted.startsWith('no')) return 'auto-reply';
  if (headers.has('x-autoreply') || headers.has('x-autorespond') || headers.has('x-auto-response-suppress-reply')) return 'auto-reply';
  const precedence = (headers.get('precedence') ?? '').trim().toLowerCase();
  if (['auto_reply', 'bulk', 'junk', 'list'].includes(precedence)) return 'auto-reply';
  if (OUT_OF_OFFICE.test(subject)) return 'auto-reply';
  return 'none';
}
