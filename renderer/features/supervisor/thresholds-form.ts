import { type QueueAlertThresholds, QueueAlertThresholdsSchema } from '../../../shared/protocol/supervisor';

/** What the thresholds panel holds per queue: the inputs' text, so a half-typed number is not lost. */
export type ThresholdFields = { serviceLevelBelow: string; waitAboveSec: string; agentStateAboveSec: string };

export type ThresholdField = keyof ThresholdFields;

export const fieldsFromThresholds = (thresholds: QueueAlertThresholds): ThresholdFields => ({
  serviceLevelBelow: thresholds.serviceLevelBelow === null ? '' : String(thresholds.serviceLevelBelow),
  waitAboveSec: String(thresholds.waitAboveSec),
  agentStateAboveSec: String(thresholds.agentStateAboveSec),
});

/** One queue's fields as thresholds, or the fields to fix. A blank service level means "the queue's own target". */
export function thresholdsFromFields(fields: ThresholdFields): { ok: true; thresholds: QueueAlertThresholds } | { ok: false; invalid: ThresholdField[] } {
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const parsed = QueueAlertThresholdsSchema.safeParse({
    serviceLevelBelow: fields.serviceLevelBelow.trim() === '' ? null : number(fields.serviceLevelBelow),
    waitAboveSec: number(fields.waitAboveSec),
    agentStateAboveSec: number(fields.agentStateAboveSec),
  });
  if (parsed.success) return { ok: true, thresholds: parsed.data };
  const invalid = new Set<ThresholdField>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'serviceLevelBelow' || field === 'waitAboveSec' || field === 'agentStateAboveSec') invalid.add(field);
  }
  return { ok: false, invalid: [...invalid] };
}
