import type { z } from 'zod';
import type { Queue } from '../../../shared/domain/routing';
import { SmsSettingsInputSchema, type SmsSettingsView } from '../../../shared/protocol/sms';
import { errorsFromZod, type FieldProblem, type FormResult } from '../admin/field-errors';

export type SmsNumberRow = { number: string; queueId: string };

/** The SMS settings as the form holds them: blanks for "not set"; the secret is only ever typed, never shown. */
export type SmsDraft = { providerUrl: string; account: string; secret: string; secretSet: boolean; publicUrl: string; numbers: SmsNumberRow[] };

export const NEW_SMS_NUMBER: SmsNumberRow = { number: '', queueId: '' };

export const draftFromSms = (settings: SmsSettingsView): SmsDraft => ({
  providerUrl: settings.providerUrl ?? '',
  account: settings.account,
  secret: '',
  secretSet: settings.secretSet,
  publicUrl: settings.publicUrl ?? '',
  numbers: settings.numbers.map((number) => ({ ...number })),
});

/** Only these can take a number's texts: routing offers an sms task to a queue's agents only when the queue takes SMS. */
export const queuesTakingSms = (queues: readonly Queue[]): Queue[] => queues.filter((queue) => queue.channels.includes('sms'));

/** The draft as the hub takes it; a blank secret keeps the stored one. The hub makes the same queue check. */
export function smsFromDraft(draft: SmsDraft, queues: readonly Queue[]): FormResult<z.input<typeof SmsSettingsInputSchema>> {
  const smsQueues = new Set(queuesTakingSms(queues).map((queue) => queue.id));
  const numbers = draft.numbers.map((row) => ({ number: row.number.replace(/[\s-]/g, ''), queueId: row.queueId }));
  const input = {
    providerUrl: draft.providerUrl.trim() || null,
    account: draft.account.trim(),
    ...(draft.secret === '' ? {} : { secret: draft.secret }),
    publicUrl: draft.publicUrl.trim() || null,
    numbers,
  };
  const parsed = SmsSettingsInputSchema.safeParse(input);
  const rows = new Map<string, FieldProblem>();
  numbers.forEach((row, index) => {
    if (row.queueId !== '' && !smsQueues.has(row.queueId)) rows.set(`numbers.${index}.queueId`, { kind: 'hub-refused' });
  });
  if (parsed.success && rows.size === 0) return { ok: true, value: parsed.data };
  const errors = new Map(parsed.success ? [] : errorsFromZod(parsed.error));
  for (const [path, problem] of rows) if (!errors.has(path)) errors.set(path, problem);
  return { ok: false, errors };
}
