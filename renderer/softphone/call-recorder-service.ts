import { ulid } from 'ulid';
import { HubErrorSchema } from '../../shared/protocol/errors';
import {
  RECORDING_CALL_HEADER,
  RECORDING_DURATION_HEADER,
  RECORDING_ID_HEADER,
  RECORDING_PATHS,
  type RecordingPolicy,
  RecordingPolicySchema,
} from '../../shared/protocol/recording';
import type { PendingRecording, SwitchboardDb } from '../db/schema';
import type { PhoneStore } from '../store/phone';
import { backoffDelay } from '../sync/backoff';
import { type HubSocket, NetworkError, request } from '../sync/hub-socket';
import { unwrapAck } from '../sync/wire';
import { type AudioRecording, type CallAudio, canRecordCalls, recordCallAudio } from './call-recorder';
import { recordingChanges, type UploadOutcome, uploadOutcome } from './call-recorder-plan';
import { recordingStatus, setCallRecording } from './call-recorder-status';

export type CallRecorderDeps = {
  socket: HubSocket;
  db: SwitchboardDb;
  phone: { store: PhoneStore; media(): CallAudio | null };
  hubUrl: string;
  getToken: () => string;
  fetch?: typeof fetch;
  now?: () => number;
};

export type CallRecorder = {
  /** Uploads what waits now (tests and the reconnect call it). */
  flush(): Promise<void>;
  /** Ends any recording in progress (kept for upload next session) and stops. */
  stop(): Promise<void>;
};

const POLICY_TIMEOUT_MS = 5_000;
const POLICY_ATTEMPTS = 3;
const POLICY_RETRY_MS = 1_000;

/**
 * Records calls in queues that record them, and gets every recording to the
 * hub. The hub says per call whether to record (its queue's setting); the
 * file goes into Dexie the moment the call ends, and is uploaded from there
 * until the hub files it, so a hub that is down when the call ends loses nothing.
 */
export function startCallRecorder(deps: CallRecorderDeps): CallRecorder {
  const { socket, db, phone, hubUrl } = deps;
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const now = deps.now ?? Date.now;
  /** Local call id → its recording (null while the hub is being asked, or when it is not recorded). */
  const active = new Map<string, { sipCallId: string; recording: AudioRecording | null }>();
  let stopped = false;
  let flushing: Promise<void> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;

  /** The hub's word on recording this call; a socket that is reconnecting gets a few seconds. */
  async function askPolicy(id: string, sipCallId: string): Promise<RecordingPolicy | null> {
    for (let attempt = 1; attempt <= POLICY_ATTEMPTS; attempt += 1) {
      try {
        const ack = await request(socket, (s) => s.timeout(POLICY_TIMEOUT_MS).emitWithAck('recording:policy', { callId: sipCallId }));
        return unwrapAck('recording:policy', ack, RecordingPolicySchema);
      } catch (error) {
        // A refusal (not this agent's call, not a call the hub routed) is final; nothing is recorded without the hub's word.
        if (!(error instanceof NetworkError) || attempt === POLICY_ATTEMPTS) return null;
        await new Promise((resolve) => setTimeout(resolve, POLICY_RETRY_MS));
        if (stopped || !active.has(id)) return null;
      }
    }
    return null;
  }

  async function begin(id: string, sipCallId: string): Promise<void> {
    const policy = await askPolicy(id, sipCallId);
    const entry = active.get(id);
    if (!entry || stopped || !policy?.record) return;
    const media = phone.media();
    if (!media || !canRecordCalls()) {
      setCallRecording(sipCallId, { state: 'unavailable', notice: policy.notice });
      return;
    }
    entry.recording = recordCallAudio(media, now);
    setCallRecording(sipCallId, { state: 'recording', notice: policy.notice });
  }

  async function finish(id: string): Promise<void> {
    const entry = active.get(id);
    active.delete(id);
    if (!entry?.recording) return;
    const { audio, durationMs } = await entry.recording.stop();
    const pending: PendingRecording = { id: ulid(now()), callId: entry.sipCallId, audio, durationMs, createdAt: now(), failure: null };
    await db.recordings.put(pending);
    setCallRecording(entry.sipCallId, { state: 'saved', notice: null });
    void flush();
  }

  async function send(pending: PendingRecording): Promise<UploadOutcome> {
    try {
      const response = await doFetch(new URL(RECORDING_PATHS.upload, hubUrl), {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${deps.getToken()}`,
          'Content-Type': 'audio/webm',
          [RECORDING_CALL_HEADER]: encodeURIComponent(pending.callId),
          [RECORDING_ID_HEADER]: pending.id,
          [RECORDING_DURATION_HEADER]: String(pending.durationMs),
        },
        body: pending.audio,
      });
      if (response.ok) return 'filed';
      const body: unknown = await response.json().catch(() => null);
      const error = HubErrorSchema.safeParse((body as { error?: unknown } | null)?.error);
      const outcome = uploadOutcome({ status: response.status, code: error.success ? error.data.code : null });
      if (outcome === 'refused' && error.success) await db.recordings.update(pending.id, { failure: error.data.code });
      return outcome;
    } catch {
      return 'retry';
    }
  }

  async function uploadWaiting(): Promise<void> {
    const waiting = (await db.recordings.orderBy('createdAt').toArray()).filter((pending) => pending.failure === null);
    recordingStatus.setState({ waiting: waiting.length });
    for (const pending of waiting) {
      if (stopped) return;
      const outcome = await send(pending);
      if (outcome === 'filed') await db.recordings.delete(pending.id);
      if (outcome === 'retry') {
        failures += 1;
        scheduleRetry();
        break;
      }
      failures = 0;
    }
    recordingStatus.setState({ waiting: (await db.recordings.filter((pending) => pending.failure === null).count()) });
  }

  function scheduleRetry(): void {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void flush();
    }, backoffDelay(failures));
  }

  function flush(): Promise<void> {
    if (stopped) return Promise.resolve();
    flushing ??= uploadWaiting()
      .catch(() => scheduleRetry())
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  const unsubscribe = phone.store.subscribe((state) => {
    const { start, end } = recordingChanges(new Set(active.keys()), state);
    for (const id of end) void finish(id);
    for (const call of start) {
      active.set(call.id, { sipCallId: call.sipCallId, recording: null });
      void begin(call.id, call.sipCallId);
    }
  });
  const onConnect = () => void flush();
  socket.on('connect', onConnect);
  void flush();

  return {
    flush,
    async stop() {
      unsubscribe();
      socket.off('connect', onConnect);
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      // A call still going when the session ends: what was recorded is kept and goes up next session.
      await Promise.all([...active.keys()].map((id) => finish(id)));
      recordingStatus.setState({ calls: {}, waiting: 0 }, true);
    },
  };
}
