import type { Kysely } from 'kysely';
import type { User } from '../../shared/domain/user';
import { RECORDING_PATHS, type RecordingPolicy, RecordingTypeSchema, type RecordingView } from '../../shared/protocol/recording';
import type { AttachmentStore } from '../attachments/attachment-store';
import { isAgentOnCall, mayHearRecording } from '../attachments/recording-access';
import { RECORDING_LINK_TTL_MS, signRecordingLink } from '../attachments/recording-link';
import { sniffType } from '../attachments/sniff';
import type { Clock } from '../clock';
import { type Attachment, findAttachment, insertAttachment } from '../db/attachment-queries';
import { findRecording, insertRecording, listCallRecordings, type Recording } from '../db/recording-queries';
import { findProfile, findTask, listQueues } from '../db/routing-queries';
import type { Database } from '../db/schema';
import { findCall } from '../db/voice-queries';
import type { WriteQueue } from '../db/write-queue';
import { refuse } from '../sync/refusal';
import { ulid } from 'ulid';

export type RecordingDeps = {
  db: Kysely<Database>;
  writeQueue: WriteQueue;
  clock: Clock;
  store: AttachmentStore;
  /** The key recording links are signed with (recordingLinkKey). */
  linkKey: string;
};

/** An upload as the HTTP side read it: the bytes are whole and within the size limit. */
export type RecordingUpload = { id: string; callId: string; bytes: Buffer; durationMs: number | null };

/**
 * Call recordings: whether a call is recorded (its queue's setting), filing
 * the desktop's upload, and who may hear what. Every refusal is typed; the
 * HTTP side turns them into 403/404/409/415.
 */
export function createRecordingService(deps: RecordingDeps) {
  const { db, writeQueue, clock, store, linkKey } = deps;

  /** The call, if this user is the agent on it, with its task and queue; otherwise a typed refusal. */
  async function myCall(user: User, callId: string) {
    const call = await findCall(db, callId);
    if (!call) throw refuse('not-found', 'No such call.');
    const task = call.taskId ? await findTask(db, call.taskId) : null;
    if (!isAgentOnCall(user.id, call, task)) throw refuse('forbidden', 'Only the agent on this call can do that.');
    const queue = task ? ((await listQueues(db)).find((candidate) => candidate.id === task.queueId) ?? null) : null;
    return { call, task, queue };
  }

  async function listener(user: User) {
    const queueIds = user.role === 'agent' ? ((await findProfile(db, user.id))?.queueIds ?? []) : [];
    return { id: user.id, role: user.role, queueIds };
  }

  function view(recording: Recording, attachment: Attachment, user: User | null): RecordingView {
    const base: RecordingView = {
      id: recording.id,
      callId: recording.callId,
      // Only sniffed types are ever stored.
      mimeType: RecordingTypeSchema.parse(attachment.mimeType),
      size: attachment.size,
      durationMs: recording.durationMs,
      agentId: recording.agentId,
      createdAt: recording.createdAt,
    };
    if (!user) return base;
    const linkExpiresAt = clock() + RECORDING_LINK_TTL_MS;
    const link = signRecordingLink({ rid: recording.id, sub: user.id, exp: linkExpiresAt }, linkKey);
    return { ...base, url: `${RECORDING_PATHS.file}${recording.id}?link=${link}`, linkExpiresAt };
  }

  async function withAttachment(recording: Recording): Promise<Attachment> {
    const attachment = await findAttachment(db, recording.attachmentId);
    if (!attachment) throw new Error(`recording ${recording.id} has no attachment ${recording.attachmentId}`);
    return attachment;
  }

  return {
    async policy(user: User, callId: string): Promise<RecordingPolicy> {
      const { queue } = await myCall(user, callId);
      const notice = queue?.recordingNotice?.trim() ?? '';
      return { record: queue?.recordCalls === true, notice: queue?.recordCalls && notice !== '' ? notice : null };
    },

    /** Files a recording once: a re-send of the same id by the same agent answers with what was filed. */
    async file(user: User, upload: RecordingUpload): Promise<RecordingView> {
      const { call, task } = await myCall(user, upload.callId);
      const earlier = await findRecording(db, upload.id);
      if (earlier) {
        if (earlier.agentId !== user.id || earlier.callId !== upload.callId) throw refuse('conflict', 'That recording id is taken.');
        return view(earlier, await withAttachment(earlier), null);
      }
      const mimeType = sniffType(upload.bytes);
      if (!mimeType) throw refuse('unsupported-type', 'A recording must be WebM or Ogg audio.');
      const { sha256, size } = await store.put(upload.bytes);
      const now = clock();
      const attachment: Attachment = { id: ulid(now), sha256, mimeType, size, kind: 'recording', createdBy: user.id, createdAt: now };
      const recording: Recording = {
        id: upload.id,
        attachmentId: attachment.id,
        callId: call.callId,
        taskId: call.taskId,
        queueId: task?.queueId ?? null,
        agentId: user.id,
        durationMs: upload.durationMs,
        createdAt: now,
      };
      return writeQueue(() =>
        db.transaction().execute(async (trx) => {
          // Two uploads of one id racing: the second finds the first here, inside the write queue.
          const raced = await findRecording(trx, upload.id);
          if (raced) return view(raced, await withAttachment(raced), null);
          await insertAttachment(trx, attachment);
          await insertRecording(trx, recording);
          return view(recording, attachment, null);
        }),
      );
    },

    /** A call's recordings this user may hear, each with a link signed for them. */
    async list(user: User, callId: string): Promise<RecordingView[]> {
      const who = await listener(user);
      const recordings = (await listCallRecordings(db, callId)).filter((recording) => mayHearRecording(who, recording));
      return Promise.all(recordings.map(async (recording) => view(recording, await withAttachment(recording), user)));
    },

    /** The recording and its file, if this user may hear it. */
    async open(user: User, id: string): Promise<{ recording: Recording; attachment: Attachment }> {
      const recording = await findRecording(db, id);
      if (!recording) throw refuse('not-found', 'No such recording.');
      if (!mayHearRecording(await listener(user), recording)) throw refuse('forbidden', 'Recordings are for the agents of their queue and supervisors.');
      return { recording, attachment: await withAttachment(recording) };
    },
  };
}

export type RecordingService = ReturnType<typeof createRecordingService>;
