import type { Queryable, RecordingsTable } from './schema';

/** A call recording as the hub files it: the call, its task and queue, who recorded it, and the attachment with the bytes. */
export type Recording = {
  id: string;
  attachmentId: string;
  callId: string;
  taskId: string | null;
  queueId: string | null;
  agentId: string;
  durationMs: number | null;
  createdAt: number;
};

const fromRow = (row: RecordingsTable): Recording => ({
  id: row.id,
  attachmentId: row.attachment_id,
  callId: row.call_id,
  taskId: row.task_id,
  queueId: row.queue_id,
  agentId: row.agent_id,
  durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
  createdAt: Number(row.created_at),
});

export async function insertRecording(db: Queryable, recording: Recording): Promise<void> {
  await db
    .insertInto('recordings')
    .values({
      id: recording.id,
      attachment_id: recording.attachmentId,
      call_id: recording.callId,
      task_id: recording.taskId,
      queue_id: recording.queueId,
      agent_id: recording.agentId,
      duration_ms: recording.durationMs,
      created_at: recording.createdAt,
    })
    .execute();
}

export async function findRecording(db: Queryable, id: string): Promise<Recording | null> {
  const row = await db.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** A call's recordings, oldest first (a call recorded again after a transfer has more than one). */
export async function listCallRecordings(db: Queryable, callId: string): Promise<Recording[]> {
  const rows = await db.selectFrom('recordings').selectAll().where('call_id', '=', callId).orderBy('created_at').orderBy('id').execute();
  return rows.map(fromRow);
}
