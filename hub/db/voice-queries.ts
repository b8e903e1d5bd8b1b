import { type VoiceSettings, VoiceSettingsSchema } from '../../shared/protocol/voice';
import type { HoldTally } from '../voice/hold-time';
import { readSetting, saveSetting } from './meta-queries';
import type { Queryable } from './schema';
import { readStoredJson } from './stored-json';

const VOICE_SETTINGS_KEY = 'voice-settings';

/**
 * How a call ended: talked to an agent, hung up while waiting or ringing,
 * released at max wait, a direct call nobody took, or one its agent declined.
 */
export type CallOutcome = 'talked' | 'abandoned' | 'released' | 'unanswered' | 'declined';

/** One SIP call as the hub keeps it, from the first route ask to its end. */
export type VoiceCall = {
  callId: string;
  /** The routing task of a queue call; null for a direct call to an agent's extension. */
  taskId: string | null;
  dialled: string;
  /** E.164; null when the caller withheld their number or sent none we can dial. */
  caller: string | null;
  /** The caller's display name, cleaned (untrusted text). */
  callerName: string;
  customerId: string | null;
  /** Who answered (or, for a direct call, whose phone rang). */
  agentId: string | null;
  arrivedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: CallOutcome | null;
  /** The callback task opened when the caller was released at max wait. */
  callbackTaskId: string | null;
  /** Absent on calls recorded before outbound calls were: those were all inbound. */
  direction?: 'inbound' | 'outbound';
  /** The `call` interaction written for it: once per call, whichever event comes first or again. */
  interactionId?: string | null;
};

/** Until an admin saves some: no numbers, so every queue number is unknown. */
export const defaultVoiceSettings = (domain: string): VoiceSettings => ({ domain, numbers: [], ringSec: 20, waitRetrySec: 3 });

export const readVoiceSettings = (db: Queryable, domain: string): Promise<VoiceSettings> =>
  readSetting(db, VOICE_SETTINGS_KEY, VoiceSettingsSchema, defaultVoiceSettings(domain));

export async function hasVoiceSettings(db: Queryable): Promise<boolean> {
  return (await db.selectFrom('meta').select('key').where('key', '=', VOICE_SETTINGS_KEY).executeTakeFirst()) !== undefined;
}

export const saveVoiceSettings = (db: Queryable, settings: VoiceSettings): Promise<void> => saveSetting(db, VOICE_SETTINGS_KEY, settings);

export async function findCall(db: Queryable, callId: string): Promise<VoiceCall | null> {
  const row = await db.selectFrom('voice_calls').select('data').where('call_id', '=', callId).executeTakeFirst();
  return row ? readStoredJson<VoiceCall>(row.data) : null;
}

export async function findCallByTask(db: Queryable, taskId: string): Promise<VoiceCall | null> {
  const row = await db.selectFrom('voice_calls').select('data').where('task_id', '=', taskId).executeTakeFirst();
  return row ? readStoredJson<VoiceCall>(row.data) : null;
}

export async function saveCall(db: Queryable, call: VoiceCall): Promise<void> {
  const data = JSON.stringify(call);
  await db
    .insertInto('voice_calls')
    .values({ call_id: call.callId, task_id: call.taskId, data, arrived_at: call.arrivedAt })
    .onConflict((oc) => oc.column('call_id').doUpdateSet({ task_id: call.taskId, data }))
    .execute();
}

/** The call's hold tally (columns beside the record, see 0005_voice_holds); null when there is no such call. */
export async function findHold(db: Queryable, callId: string): Promise<HoldTally | null> {
  const row = await db.selectFrom('voice_calls').select(['held_ms', 'held_since', 'holds']).where('call_id', '=', callId).executeTakeFirst();
  return row ? { heldMs: Number(row.held_ms), heldSince: row.held_since === null ? null : Number(row.held_since), holds: Number(row.holds) } : null;
}

export async function saveHold(db: Queryable, callId: string, tally: HoldTally): Promise<void> {
  await db
    .updateTable('voice_calls')
    .set({ held_ms: tally.heldMs, held_since: tally.heldSince, holds: tally.holds })
    .where('call_id', '=', callId)
    .execute();
}
