import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { Queue } from '../../shared/domain/routing';
import type { Response } from '../../shared/protocol/errors';
import {
  RECORDING_CALL_HEADER,
  RECORDING_DURATION_HEADER,
  RECORDING_ID_HEADER,
  RECORDING_PATHS,
  type RecordingView,
} from '../../shared/protocol/recording';
import { VOICE_KEY_HEADER, VOICE_PATHS, type VoiceRouteAnswer } from '../../shared/protocol/voice';
import { webmBytes } from '../fixtures/recording-bytes';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const VOICE_KEY = 'voice-key-for-recording-tests-0123456789';
/** Small, so the size limit is reached without sending megabytes. */
const MAX_BYTES = 64 * 1024;

/**
 * Call recordings against a real hub: the queue's setting, the agent's
 * upload (401/403/413/415, idempotent), the attachment store, and the
 * download (access rule, signed links, ranges, nosniff).
 */
export function defineRecordingSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`call recordings on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;
    let sup: Desktop;
    let a1: Desktop;
    let a2: Desktop;
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};
    let vip: Queue;
    let general: Queue;
    /** A VIP call (recorded) answered by agent1, and a General call (not recorded until the admin turns it on) answered by agent2. */
    const vipCall = `rec-vip-${label}@sipp.example`;
    const generalCall = `rec-general-${label}@sipp.example`;
    let uploaded: RecordingView;
    const bytes = webmBytes(40_000);

    const voicePost = async (path: string, body: unknown) => {
      const response = await fetch(`${t.hub.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [VOICE_KEY_HEADER]: VOICE_KEY },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Response<unknown>;
    };

    /** A queue call rung to this agent and answered. */
    async function answeredCall(callId: string, dialled: string, agentId: string): Promise<void> {
      const answer = expectOk(await voicePost(VOICE_PATHS.route, { callId, dialled, fromUser: '13800000000', fromDisplay: '', attempt: 1 })) as VoiceRouteAnswer;
      expect(answer).toMatchObject({ action: 'ring', agentId });
      expectOk(await voicePost(VOICE_PATHS.event, { callId, kind: 'answered', agentId }));
    }

    const upload = (options: { token?: string | null; callId?: string; id?: string; body?: Uint8Array; type?: string; durationMs?: string }) => {
      const headers: Record<string, string> = { 'content-type': options.type ?? 'audio/webm;codecs=opus' };
      const token = options.token === undefined ? tokens.a1 : options.token;
      if (token) headers.authorization = `Bearer ${token}`;
      headers[RECORDING_CALL_HEADER] = encodeURIComponent(options.callId ?? vipCall);
      headers[RECORDING_ID_HEADER] = options.id ?? ulid();
      if (options.durationMs) headers[RECORDING_DURATION_HEADER] = options.durationMs;
      return fetch(`${t.hub.url}${RECORDING_PATHS.upload}`, { method: 'POST', headers, body: new Uint8Array(options.body ?? bytes) });
    };

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, {
        SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`,
        VOICE_KEY,
        RECORDING_MAX_BYTES: String(MAX_BYTES),
      });
      for (const name of ['admin', 'supervisor', 'agent1', 'agent2'] as const) tokens[name] = (await t.login(name)).accessToken;
      tokens.a1 = tokens.agent1 as string;
      [admin, sup, a1, a2] = await Promise.all([t.connect(tokens.admin as string), t.connect(tokens.supervisor as string), t.connect(tokens.a1), t.connect(tokens.agent2 as string)]);
      ids.a1 = expectOk(await a1.emitWithAck('session:whoami', {})).id;
      ids.a2 = expectOk(await a2.emitWithAck('session:whoami', {})).id;
      const queues = expectOk(await sup.emitWithAck('admin:queue:list', {}));
      vip = queues.find((queue) => queue.name.startsWith('VIP')) as Queue;
      general = queues.find((queue) => queue.name.startsWith('General')) as Queue;
      // agent1 alone is ready for the VIP call; agent2 joins for the General one while agent1 is busy.
      expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
      expectOk(await a1.emitWithAck('agent:phone', { registered: true }));
      await answeredCall(vipCall, 'vip', ids.a1);
      expectOk(await a2.emitWithAck('agent:state:set', { status: 'available' }));
      expectOk(await a2.emitWithAck('agent:phone', { registered: true }));
      await answeredCall(generalCall, 'support', ids.a2);
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('tells the agent on the call whether to record it, from the queue setting, and nobody else', async () => {
      expect(vip.recordCalls).toBe(true);
      expect(expectOk(await a1.emitWithAck('recording:policy', { callId: vipCall }))).toEqual({ record: true, notice: vip.recordingNotice });
      expect(expectOk(await a2.emitWithAck('recording:policy', { callId: generalCall }))).toEqual({ record: false, notice: null });
      expect(expectError(await a2.emitWithAck('recording:policy', { callId: vipCall })).code).toBe('forbidden');
      expect(expectError(await a1.emitWithAck('recording:policy', { callId: 'never-called@example' })).code).toBe('not-found');
      // Administrators have no phone: the event is not theirs.
      expect(expectError(await admin.emitWithAck('recording:policy', { callId: vipCall })).code).toBe('forbidden');
      expect(expectError(await a1.emitWithAck('recording:policy', { callId: '' })).code).toBe('invalid-payload');
    });

    it('follows the admin turning recording on for a queue', async () => {
      const saved = expectOk(await admin.emitWithAck('admin:queue:upsert', { ...general, recordCalls: true, recordingNotice: '  ' }));
      expect(saved.recordCalls).toBe(true);
      expect(expectOk(await a2.emitWithAck('recording:policy', { callId: generalCall }))).toEqual({ record: true, notice: null });
    });

    it('refuses uploads without a valid session (401), from another agent (403), or for an unknown call (404)', async () => {
      for (const token of [null, 'not-a-token']) {
        const refused = await upload({ token });
        expect(refused.status).toBe(401);
        expect(expectError((await refused.json()) as Response<unknown>).code).toBe('token-invalid');
      }
      const other = await upload({ token: tokens.agent2 as string });
      expect(other.status).toBe(403);
      expect(expectError((await other.json()) as Response<unknown>).code).toBe('forbidden');
      expect((await upload({ callId: 'never-called@example' })).status).toBe(404);
      const unnamed = await upload({ id: 'not-a-ulid' });
      expect(unnamed.status).toBe(400);
      expect(expectError((await unnamed.json()) as Response<unknown>).code).toBe('invalid-payload');
    });

    it('refuses what is not WebM or Ogg audio (415), whatever it claims, and files that pass the size limit (413)', async () => {
      const page = await upload({ body: Buffer.from('<html><script>alert(1)</script></html>') });
      expect(page.status).toBe(415);
      expect(expectError((await page.json()) as Response<unknown>).code).toBe('unsupported-type');
      expect((await upload({ type: 'text/html' })).status).toBe(415);
      const large = await upload({ body: webmBytes(MAX_BYTES + 1) });
      expect(large.status).toBe(413);
      expect(expectError((await large.json()) as Response<unknown>).code).toBe('too-large');
      expect(await t.hub.db.selectFrom('recordings').select('id').execute()).toEqual([]);
    });

    it('files an upload once, however often it is re-sent, in the content-addressed store', async () => {
      const id = ulid();
      const first = await upload({ id, durationMs: '61234' });
      expect(first.status).toBe(200);
      uploaded = expectOk((await first.json()) as Response<RecordingView>);
      expect(uploaded).toMatchObject({ id, callId: vipCall, mimeType: 'audio/webm', size: bytes.length, durationMs: 61_234, agentId: ids.a1 });
      const again = await upload({ id, durationMs: '61234' });
      expect(again.status).toBe(200);
      expect(expectOk((await again.json()) as Response<RecordingView>).id).toBe(id);
      const rows = await t.hub.db.selectFrom('recordings').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ call_id: vipCall, queue_id: vip.id, agent_id: ids.a1 });
      const attachment = await t.hub.db.selectFrom('attachments').selectAll().executeTakeFirstOrThrow();
      expect(attachment).toMatchObject({ mime_type: 'audio/webm', kind: 'recording', created_by: ids.a1 });
      const { createHash } = await import('node:crypto');
      expect(attachment.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      const { readFileSync } = await import('node:fs');
      const onDisk = readFileSync(`${store.dataDir}/attachments/${attachment.sha256.slice(0, 2)}/${attachment.sha256.slice(2, 4)}/${attachment.sha256}`);
      expect(onDisk.equals(bytes)).toBe(true);
      // Someone else reusing the id is refused, not merged.
      expect((await upload({ id, callId: generalCall, token: tokens.agent2 as string })).status).toBe(409);
    });

    it("lists a call's recordings, with a link, for the agents of its queue and supervisors only", async () => {
      const mine = expectOk(await a1.emitWithAck('recording:list', { callId: vipCall }));
      expect(mine).toHaveLength(1);
      expect(mine[0]?.url).toMatch(new RegExp(`^${RECORDING_PATHS.file}${uploaded.id}\\?link=rl1\\.`));
      expect(expectOk(await sup.emitWithAck('recording:list', { callId: vipCall }))).toHaveLength(1);
      expect(expectOk(await admin.emitWithAck('recording:list', { callId: vipCall }))).toHaveLength(1);
      // agent2 is not in the VIP queue.
      expect(expectOk(await a2.emitWithAck('recording:list', { callId: vipCall }))).toEqual([]);
    });

    it('plays for those allowed, with ranges for seeking and nosniff; 403 for others, 401 without a session', async () => {
      const path = `${t.hub.url}${RECORDING_PATHS.file}${uploaded.id}`;
      const whole = await fetch(path, { headers: { authorization: `Bearer ${tokens.supervisor}` } });
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('audio/webm');
      expect(whole.headers.get('x-content-type-options')).toBe('nosniff');
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

      const part = await fetch(path, { headers: { authorization: `Bearer ${tokens.a1}`, range: 'bytes=100-199' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
      expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
      const past = await fetch(path, { headers: { authorization: `Bearer ${tokens.a1}`, range: `bytes=${bytes.length}-` } });
      expect(past.status).toBe(416);

      const forbidden = await fetch(path, { headers: { authorization: `Bearer ${tokens.agent2}` } });
      expect(forbidden.status).toBe(403);
      expect(expectError((await forbidden.json()) as Response<unknown>).code).toBe('forbidden');
      expect((await fetch(path)).status).toBe(401);
      expect((await fetch(`${t.hub.url}${RECORDING_PATHS.file}${ulid()}`, { headers: { authorization: `Bearer ${tokens.a1}` } })).status).toBe(404);
    });

    it('plays from a signed link only for the recording and the user it was signed for', async () => {
      const [listed] = expectOk(await a1.emitWithAck('recording:list', { callId: vipCall }));
      if (!listed?.url) throw new Error('no link');
      const played = await fetch(`${t.hub.url}${listed.url}`, { headers: { range: 'bytes=0-' } });
      expect(played.status).toBe(206);
      expect(Buffer.from(await played.arrayBuffer()).equals(bytes)).toBe(true);
      const tampered = listed.url.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
      expect((await fetch(`${t.hub.url}${tampered}`)).status).toBe(401);
      const otherId = listed.url.replace(uploaded.id, ulid());
      expect((await fetch(`${t.hub.url}${otherId}`)).status).toBe(401);
      // Links expire.
      t.clock.offsetMs += 3 * 60 * 60 * 1000;
      const expired = await fetch(`${t.hub.url}${listed.url}`);
      expect(expired.status).toBe(401);
      expect(expectError((await expired.json()) as Response<unknown>).code).toBe('token-expired');
      t.clock.offsetMs = 0;
    });
  });
}
