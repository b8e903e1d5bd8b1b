import type { RetentionKind, RetentionSettings } from '../../shared/protocol/privacy';
import { RETENTION_KINDS } from '../../shared/protocol/privacy';

const DAY_MS = 86_400_000;

/** Which attachment kinds (hub/db/attachment-queries.ts) each retention setting governs; an agent's own uploads ('upload') follow no channel and are kept. */
export const ATTACHMENT_KINDS: Record<RetentionKind, readonly string[]> = {
  recordings: ['recording'],
  // A quarantined mail's raw message is an email file too.
  email: ['email', 'email-raw'],
  chat: ['chat'],
  sms: ['sms'],
};

/** One sweep step: files of these kinds that arrived before `before` go. */
export type RetentionCut = { setting: RetentionKind; kinds: readonly string[]; before: number };

/** The cut-offs a sweep at `now` applies; a setting left empty keeps its files forever and gives none. */
export function retentionCuts(settings: RetentionSettings, now: number): RetentionCut[] {
  return RETENTION_KINDS.flatMap((setting) => {
    const days = settings[setting];
    return days === null ? [] : [{ setting, kinds: ATTACHMENT_KINDS[setting], before: now - days * DAY_MS }];
  });
}
