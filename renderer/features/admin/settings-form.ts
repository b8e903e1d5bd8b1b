import { type AwayReason, MISSED_OFFERS_REASON, type TaskChannel } from '../../../shared/domain/routing';
import { type RoutingSettings, RoutingSettingsSchema } from '../../../shared/protocol/admin';
import { errorsFromZod, type FieldErrors, type FieldProblem, type FormResult } from './field-errors';
import { numberFrom, textFrom } from './form-numbers';

/**
 * Routing settings as the form holds them. Field paths are the schema's own
 * (`policy.priority.vipBoost`, `awayReasons.2.code`), so no mapping is needed.
 */
export type SettingsDraft = {
  awayReasons: AwayReason[];
  declineCountsAsMiss: boolean;
  oneLiveConversation: boolean;
  offerTimeoutSec: Record<TaskChannel, string>;
  vipBoost: string;
  keyBoost: string;
  agingPerMinute: string;
};

export function draftFromSettings(settings: RoutingSettings): SettingsDraft {
  const { priority, offerTimeoutSec, oneLiveConversation } = settings.policy;
  return {
    awayReasons: settings.awayReasons.map((reason) => ({ ...reason })),
    declineCountsAsMiss: settings.declineCountsAsMiss,
    oneLiveConversation,
    offerTimeoutSec: {
      call: textFrom(offerTimeoutSec.call),
      video: textFrom(offerTimeoutSec.video),
      chat: textFrom(offerTimeoutSec.chat),
      sms: textFrom(offerTimeoutSec.sms),
      email: textFrom(offerTimeoutSec.email),
    },
    vipBoost: textFrom(priority.vipBoost),
    keyBoost: textFrom(priority.keyBoost),
    agingPerMinute: textFrom(priority.agingPerMinute),
  };
}

/**
 * The schema says "codes must be unique" of the whole list (and only once the
 * rows themselves are valid); the form marks the very row that repeats a code
 * or takes the hub's own `missed-offers`.
 */
function codeProblems(codes: readonly string[]): Map<string, FieldProblem> {
  const seen = new Set<string>();
  const problems = new Map<string, FieldProblem>();
  codes.forEach((code, index) => {
    if (code === MISSED_OFFERS_REASON) problems.set(`awayReasons.${index}.code`, { kind: 'reserved' });
    else if (seen.has(code)) problems.set(`awayReasons.${index}.code`, { kind: 'duplicate' });
    seen.add(code);
  });
  return problems;
}

export function settingsFromDraft(draft: SettingsDraft): FormResult<RoutingSettings> {
  const timeout = (channel: TaskChannel) => numberFrom(draft.offerTimeoutSec[channel]);
  // Codes are typed by hand; a stray space or capital should not make a second "break".
  const awayReasons = draft.awayReasons.map((reason) => ({ code: reason.code.trim().toLowerCase(), label: reason.label }));
  const parsed = RoutingSettingsSchema.safeParse({
    policy: {
      priority: { vipBoost: numberFrom(draft.vipBoost), keyBoost: numberFrom(draft.keyBoost), agingPerMinute: numberFrom(draft.agingPerMinute) },
      offerTimeoutSec: { call: timeout('call'), video: timeout('video'), chat: timeout('chat'), sms: timeout('sms'), email: timeout('email') },
      oneLiveConversation: draft.oneLiveConversation,
    },
    awayReasons,
    declineCountsAsMiss: draft.declineCountsAsMiss,
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const rows = codeProblems(awayReasons.map((reason) => reason.code));
  const schema: FieldErrors = errorsFromZod(parsed.error);
  // With the rows marked, the list-wide "must be unique" would only say it again.
  const errors = new Map([...schema].filter(([path]) => rows.size === 0 || path !== 'awayReasons'));
  for (const [path, problem] of rows) if (!errors.has(path)) errors.set(path, problem);
  return { ok: false, errors };
}
