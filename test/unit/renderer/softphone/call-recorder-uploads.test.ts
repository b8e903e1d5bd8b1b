// IndexedDB must exist before Dexie loads.
import 'fake-indexeddb/auto';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { fail } from '../../../../shared/protocol/errors';
import { RECORDING_CALL_HEADER, RECORDING_ID_HEADER } from '../../../../shared/protocol/recording';
import type { PendingRecording } from '../../../../renderer/db/schema';
import { type CallRecorder, startCallRecorder } from '../../../../renderer/softphone/call-recorder-service';
import { recordingStatus } from '../../../../renderer/softphone/call-recorder-status';
import type { HubSocket } from '../../../../renderer/sync/hub-socket';
import { createPhoneStore } from '../../../../renderer/store/phone';
import { openTestDb } from '../fixtures';

/** An offline socket: the uploads go over HTTP, the socket only says when the hub is back. */
const offlineSocket = { connected: false, on: () => undefined, off: () => undefined } as unknown as HubSocket;

type Answer = 'network' | { status: number; body: unknown };

/** The hub's upload route as a queue of answers, keeping what it was sent. */
function fakeHub(answers: Answer[]) {
  const sent: { id: string; callId: string; bytes: number }[] = [];
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    sent.push({ id: headers.get(RECORDING_ID_HEADER) ?? '', callId: decodeURIComponent(headers.get(RECORDING_CALL_HEADER) ?? ''), bytes: init?.body instanceof Blob ? init.body.size : -1 });
    const answer = answers.shift() ?? { status: 200, body: { ok: true, data: {} } };
    if (answer === 'network') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const pending = (callId: string, createdAt: number): PendingRecording => ({
  id: ulid(createdAt),
  callId,
  audio: new Blob([new Uint8Array(300)], { type: 'audio/webm' }),
  durationMs: 5_000,
  createdAt,
  failure: null,
});

describe('recordings kept on the desktop until the hub files them', () => {
  let recorder: CallRecorder | null = null;
  afterEach(async () => {
    await recorder?.stop();
    recorder = null;
  });

  async function setUp(answers: Answer[], rows: PendingRecording[]) {
    const db = openTestDb();
    await db.recordings.bulkPut(rows);
    const hub = fakeHub(answers);
    recorder = startCallRecorder({
      socket: offlineSocket,
      db,
      phone: { store: createPhoneStore(), media: () => null },
      hubUrl: 'http://hub.test',
      getToken: () => 'token',
      fetch: hub.fetch,
    });
    return { db, hub, recorder };
  }

  it('keeps a recording through network failures and a renewing session, and deletes it once filed', async () => {
    const first = pending('call-1@sip', 1_000);
    const { db, hub, recorder } = await setUp(['network', { status: 401, body: fail('token-expired', 'renew') }], [first]);
    await recorder.flush();
    expect(await db.recordings.count()).toBe(1);
    await recorder.flush();
    expect(await db.recordings.count()).toBe(1);
    expect(recordingStatus.getState().waiting).toBe(1);
    await recorder.flush();
    expect(await db.recordings.count()).toBe(0);
    expect(recordingStatus.getState().waiting).toBe(0);
    // The same id every time: the hub files a re-send once.
    expect(hub.sent.map((sent) => sent.id)).toEqual([first.id, first.id, first.id]);
    expect(hub.sent[0]).toMatchObject({ callId: 'call-1@sip', bytes: 300 });
  });

  it('marks what the hub refuses for good, never sends it again, and goes on with the rest in order', async () => {
    const refused = pending('call-1@sip', 1_000);
    const next = pending('call-2@sip', 2_000);
    const { db, hub, recorder } = await setUp([{ status: 415, body: fail('unsupported-type', 'not audio') }], [next, refused]);
    await recorder.flush();
    expect(hub.sent.map((sent) => sent.callId)).toEqual(['call-1@sip', 'call-2@sip']);
    expect(await db.recordings.toArray()).toMatchObject([{ id: refused.id, failure: 'unsupported-type' }]);
    await recorder.flush();
    expect(hub.sent).toHaveLength(2);
  });
});

/** A connected socket whose hub answers `recording:policy` as told, keeping the questions. */
function policySocket(answer: (callId: string) => unknown) {
  const asked: string[] = [];
  const socket = {
    connected: true,
    on: () => socket,
    off: () => socket,
    once: () => socket,
    timeout: () => ({
      emitWithAck: async (event: string, payload: { callId: string }) => {
        if (event !== 'recording:policy') throw new Error(`unexpected ${event}`);
        asked.push(payload.callId);
        return answer(payload.callId);
      },
    }),
  };
  return { asked, socket: socket as unknown as HubSocket };
}

describe('asking the hub whether to record a call', () => {
  let recorder: CallRecorder | null = null;
  afterEach(async () => {
    await recorder?.stop();
    recorder = null;
  });

  async function connectCall(answer: (callId: string) => unknown) {
    const hub = policySocket(answer);
    const store = createPhoneStore();
    recorder = startCallRecorder({
      socket: hub.socket,
      db: openTestDb(),
      phone: { store, media: () => null },
      hubUrl: 'http://hub.test',
      getToken: () => 'token',
      fetch: fakeHub([]).fetch,
    });
    store.dispatch({ type: 'incoming', id: 'local-1', sipCallId: 'queue-call@sip', party: { kind: 'anonymous' }, at: 1 });
    expect(hub.asked).toEqual([]);
    store.dispatch({ type: 'connected', id: 'local-1', at: 2 });
    await expect.poll(() => hub.asked).toEqual(['queue-call@sip']);
    return { store, hub };
  }

  it('asks once the call connects, by its SIP Call-ID, and says so when this desktop cannot record', async () => {
    await connectCall(() => ({ ok: true, data: { record: true, notice: 'Recorded for training.' } }));
    // No MediaRecorder here (nor media): the card says the call should have been recorded.
    await expect.poll(() => recordingStatus.getState().calls['queue-call@sip']).toEqual({ state: 'unavailable', notice: 'Recorded for training.' });
  });

  it('records nothing when the queue does not record, or when the hub refuses to say', async () => {
    // The answer is handled in promise callbacks: a macrotask later they have all run.
    const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
    await connectCall(() => ({ ok: true, data: { record: false, notice: null } }));
    await settled();
    expect(recordingStatus.getState().calls).toEqual({});
    await recorder?.stop();
    await connectCall(() => fail('forbidden', 'not your call'));
    await settled();
    expect(recordingStatus.getState().calls).toEqual({});
  });
});
