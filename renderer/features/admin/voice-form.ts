import type { Queue } from '../../../shared/domain/routing';
import { type VoiceSettings, VoiceSettingsSchema } from '../../../shared/protocol/voice';
import { errorsFromZod, type FieldProblem, type FormResult } from './field-errors';
import { numberFrom, textFrom } from './form-numbers';

/** One dialled number as a row: the SIP user part callers dial, and the queue that takes those calls. */
export type NumberRow = { dialled: string; queueId: string };

/** The voice settings as the form holds them; paths are the schema's own (`numbers.2.queueId`). */
export type VoiceDraft = {
  domain: string;
  numbers: NumberRow[];
  ringSec: string;
  waitRetrySec: string;
};

export const NEW_NUMBER: NumberRow = { dialled: '', queueId: '' };

export function draftFromVoice(settings: VoiceSettings): VoiceDraft {
  return {
    domain: settings.domain,
    numbers: settings.numbers.map((number) => ({ ...number })),
    ringSec: textFrom(settings.ringSec),
    waitRetrySec: textFrom(settings.waitRetrySec),
  };
}

/** Only these can answer a number: routing offers a call task to a queue's agents only when the queue takes calls. */
export const queuesTakingCalls = (queues: readonly Queue[]): Queue[] => queues.filter((queue) => queue.channels.includes('call'));

/**
 * What the schema cannot see row by row: it says "each number once" of the
 * whole list (SIP user parts match without regard to case), and knows nothing
 * of queues. The hub makes the same queue check; making it here sends nothing
 * it would refuse.
 */
function rowProblems(numbers: readonly NumberRow[], callQueueIds: ReadonlySet<string>): Map<string, FieldProblem> {
  const seen = new Set<string>();
  const problems = new Map<string, FieldProblem>();
  numbers.forEach((number, index) => {
    const dialled = number.dialled.toLowerCase();
    if (dialled !== '' && seen.has(dialled)) problems.set(`numbers.${index}.dialled`, { kind: 'duplicate' });
    seen.add(dialled);
    if (number.queueId !== '' && !callQueueIds.has(number.queueId)) problems.set(`numbers.${index}.queueId`, { kind: 'no-calls' });
  });
  return problems;
}

export function voiceFromDraft(draft: VoiceDraft, queues: readonly Queue[]): FormResult<VoiceSettings> {
  // Numbers and the domain are typed by hand; a stray space is not part of a SIP address.
  const numbers = draft.numbers.map((number) => ({ dialled: number.dialled.trim(), queueId: number.queueId }));
  const rows = rowProblems(numbers, new Set(queuesTakingCalls(queues).map((queue) => queue.id)));
  const parsed = VoiceSettingsSchema.safeParse({
    domain: draft.domain.trim(),
    numbers,
    ringSec: numberFrom(draft.ringSec),
    waitRetrySec: numberFrom(draft.waitRetrySec),
  });
  if (parsed.success && rows.size === 0) return { ok: true, value: parsed.data };
  const schema = parsed.success ? new Map<string, FieldProblem>() : errorsFromZod(parsed.error);
  // With the repeated row marked, the list-wide "each number once" would only say it again.
  const errors = new Map([...schema].filter(([path]) => rows.size === 0 || path !== 'numbers'));
  for (const [path, problem] of rows) if (!errors.has(path)) errors.set(path, problem);
  return { ok: false, errors };
}
