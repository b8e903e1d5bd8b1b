import type { QuarantinedEmail } from '../../../shared/protocol/email';

/** Quarantined mail asked for at a time; a full page means there may be older ones. */
export const QUARANTINE_PAGE = 50;

/** A download's name: the mail's id (unique, safe in any file system) as an .eml the admin's mail tools open. */
export const quarantineFileName = (mail: Pick<QuarantinedEmail, 'id'>): string => `quarantined-${mail.id}.eml`;

/**
 * The list after a page came: the first page (no `before`) replaces what was
 * shown, an older one goes after it. A page shorter than asked for was the last.
 */
export function withPage(shown: readonly QuarantinedEmail[], page: readonly QuarantinedEmail[], before: number | undefined): { items: QuarantinedEmail[]; more: boolean } {
  return { items: before === undefined ? [...page] : [...shown, ...page], more: page.length === QUARANTINE_PAGE };
}

/** Where the next (older) page starts: the oldest mail shown; null when none is. */
export const olderThan = (shown: readonly QuarantinedEmail[]): number | null => shown.at(-1)?.receivedAt ?? null;
