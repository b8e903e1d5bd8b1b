import type { Queryable } from '../db/schema';
import { readStoredJson } from '../db/stored-json';
import type { VoiceCall } from '../db/voice-queries';

/** How many of the agent's most recent calls are looked at; a live one is always among the newest. */
const RECENT_CALLS = 20;

/**
 * The agent's call in progress: answered, not ended, with them on it. The
 * record keeps the agent only inside its JSON (hub/db/voice-queries.ts), so
 * the newest records naming them are read and the first live one taken.
 */
export async function liveCallOf(db: Queryable, agentId: string): Promise<VoiceCall | null> {
  const rows = await db
    .selectFrom('voice_calls')
    .select('data')
    // A ULID has no LIKE wildcards in it.
    .where('data', 'like', `%"agentId":"${agentId}"%`)
    .orderBy('arrived_at', 'desc')
    .limit(RECENT_CALLS)
    .execute();
  for (const row of rows) {
    const call = readStoredJson<VoiceCall>(row.data);
    if (call.agentId === agentId && call.answeredAt !== null && call.endedAt === null) return call;
  }
  return null;
}
