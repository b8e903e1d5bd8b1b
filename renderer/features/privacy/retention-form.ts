import { RETENTION_KINDS, type RetentionKind, type RetentionSettings } from '../../../shared/protocol/privacy';
import type { DraftCheck } from '../admin/use-settings-draft';

/** The retention form as typed: one text per kind of file. */
export type RetentionDraft = Record<RetentionKind, string>;
/** The kinds whose text is not a number of days. */
export type RetentionErrors = Partial<Record<RetentionKind, true>>;

export const RETENTION_MAX_DAYS = 36_500;

export function draftFromRetention(settings: RetentionSettings): RetentionDraft {
  return { recordings: text(settings.recordings), email: text(settings.email), chat: text(settings.chat), sms: text(settings.sms) };
}

const text = (days: number | null): string => (days === null ? '' : String(days));

/** Empty or 0 keeps files forever (null); otherwise a whole number of days, 1 to RETENTION_MAX_DAYS. */
export function parseKeepDays(typed: string): number | null | undefined {
  const trimmed = typed.trim();
  if (trimmed === '' || /^0+$/.test(trimmed)) return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days >= 1 && days <= RETENTION_MAX_DAYS ? days : undefined;
}

export function retentionFromDraft(draft: RetentionDraft): DraftCheck<RetentionSettings, RetentionErrors> {
  const settings: RetentionSettings = { recordings: null, email: null, chat: null, sms: null };
  const errors: RetentionErrors = {};
  for (const kind of RETENTION_KINDS) {
    const days = parseKeepDays(draft[kind]);
    if (days === undefined) errors[kind] = true;
    else settings[kind] = days;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: settings };
}
