import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToHubEvents, HubToClientEvents } from '../../shared/protocol/events';
import type { MonitorSession } from '../../shared/protocol/monitor';
import { VOICE_KEY_HEADER, VOICE_PATHS, type VoiceCallEvent, type VoiceRouteAnswer } from '../../shared/protocol/voice';
import type { Response } from '../../shared/protocol/errors';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import { TEST_STORES, type TestStore } from './helpers/test-stores';

const VOICE_KEY = 'voice-key-for-monitor-tests-0123456789abc';
/** A well-formed id that names nobody. */
const NOBODY = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
const CANDIDATE = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };

/** Resolves with the next `event` this desktop hears; rejects after a while. */
function next<E extends keyof HubToClientEvents>(desktop: Desktop, event: E, timeoutMs = 3_000): Promise<Parameters<HubToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event}`)), timeoutMs);
    // socket.io's typed `once` cannot take a listener for a generic event name.
    const listener = ((payload: Parameters<HubToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    }) as never;
    desktop.once(event, listener);
  });
}

/** Whatever `event` this desktop hears while it runs. */
function record<E extends keyof HubToClientEvents>(desktop: Desktop, event: E): unknown[] {
  const heard: unknown[] = [];
  desktop.on(event, ((payload: unknown) => heard.push(payload)) as never);
  return heard;
}

const ask = (desktop: Desktop, event: keyof ClientToHubEvents, payload: unknown): Promise<Response<unknown>> =>
  // Hostile payloads on purpose: the contract's types would not let them through.
  (desktop as unknown as { emitWithAck(event: string, payload: unknown): Promise<Response<unknown>> }).emitWithAck(event, payload);

/**
 * Monitor, whisper and barge on the hub: who may listen to whom, the
 * signalling relay between the two desktops, and every way a session ends.
 * The call is a queue call driven as Kamailio drives it. Steps build on each other.
 */
describe.each(TEST_STORES)('monitor on %s', (_label, makeStore) => {
  let store: TestStore;
  let t: TestHub;
  let sup: Desktop;
  let a1: Desktop;
  let a2: Desktop;
  let admin: Desktop;
  const ids = { sup: '', a1: '', a2: '', admin: '' };
  let callId = '';
  let session: MonitorSession;

  const voicePost = async (path: string, body: unknown) => {
    const response = await fetch(`${t.hub.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [VOICE_KEY_HEADER]: VOICE_KEY },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Response<unknown>;
  };
  const tell = async (event: VoiceCallEvent) => expectOk(await voicePost(VOICE_PATHS.event, event));

  beforeAll(async () => {
    store = await makeStore();
    t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here`, VOICE_KEY, ACCESS_TTL_SEC: '86400' });
    [sup, a1, a2, admin] = await Promise.all([t.desktop('supervisor'), t.desktop('agent1'), t.desktop('agent2'), t.desktop('admin')]);
    for (const [name, desktop] of [['sup', sup], ['a1', a1], ['a2', a2], ['admin', admin]] as const) {
      ids[name] = expectOk(await desktop.emitWithAck('session:whoami', {})).id;
    }
    expectOk(await a1.emitWithAck('agent:state:set', { status: 'available' }));
    expectOk(await a1.emitWithAck('agent:phone', { registered: true }));
    // A caller dials the support line; agent1 (the only one available with a phone) answers.
    callId = `monitor-${_label}-${Date.now()}@sipp.example`;
    const answer = expectOk(await voicePost(VOICE_PATHS.route, { callId, dialled: 'support', fromUser: '', fromDisplay: '', attempt: 1 })) as VoiceRouteAnswer;
    expect(answer).toMatchObject({ action: 'ring', agentId: ids.a1 });
    await tell({ callId, kind: 'answered', agentId: ids.a1 });
  });

  afterAll(async () => {
    await t?.close();
    await store?.cleanup();
  });

  it('refuses agents every supervisor-only monitor event with forbidden', async () => {
    const refused: [keyof ClientToHubEvents, unknown][] = [
      ['monitor:start', { agentId: ids.a1, mode: 'listen' }],
      ['monitor:answer', { sessionId: NOBODY, sdp: SDP }],
      ['monitor:mode', { sessionId: NOBODY, mode: 'barge' }],
      ['monitor:settings', {}],
      ['admin:monitor:set', { announceMonitoring: false }],
    ];
    for (const [event, payload] of refused) expect(expectError(await ask(a2, event, payload)).code, event).toBe('forbidden');
    // Only an administrator changes whether agents are told; a supervisor cannot turn it off to listen unseen.
    expect(expectError(await ask(sup, 'admin:monitor:set', { announceMonitoring: false })).code).toBe('forbidden');
    expect(expectOk(await sup.emitWithAck('monitor:settings', {}))).toEqual({ announceMonitoring: true });
  });

  it('rejects hostile payloads with invalid-payload', async () => {
    const hostile: [keyof ClientToHubEvents, unknown][] = [
      ['monitor:start', { agentId: 'agent1', mode: 'listen' }],
      ['monitor:start', { agentId: ids.a1, mode: 'spy' }],
      ['monitor:start', { agentId: ids.a1, mode: 'listen', silent: true }],
      ['monitor:start', null],
      ['monitor:answer', { sessionId: NOBODY, sdp: 'x'.repeat(16_001) }],
      ['monitor:answer', { sessionId: NOBODY, sdp: '' }],
      ['monitor:ice', { sessionId: NOBODY, candidate: { ...CANDIDATE, sdpMLineIndex: -1 } }],
      ['monitor:ice', { sessionId: NOBODY, candidate: { ...CANDIDATE, extra: '<script>' } }],
      ['monitor:mode', { sessionId: '../../etc', mode: 'listen' }],
      ['monitor:stop', { sessionId: NOBODY, reason: 'because' }],
      ['admin:monitor:set', { announceMonitoring: 'no' }],
    ];
    for (const [event, payload] of hostile) {
      const target = event === 'admin:monitor:set' ? admin : sup;
      expect(expectError(await ask(target, event, payload)).code, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toBe('invalid-payload');
    }
  });

  it('refuses to monitor nobody, oneself, or an agent with no live call', async () => {
    expect(expectError(await sup.emitWithAck('monitor:start', { agentId: NOBODY, mode: 'listen' })).code).toBe('not-found');
    expect(expectError(await sup.emitWithAck('monitor:start', { agentId: ids.admin, mode: 'listen' })).code).toBe('not-found');
    expect(expectError(await sup.emitWithAck('monitor:start', { agentId: ids.sup, mode: 'listen' })).code).toBe('conflict');
    const idle = expectError(await sup.emitWithAck('monitor:start', { agentId: ids.a2, mode: 'listen' }));
    expect(idle.code).toBe('conflict');
    expect(idle.message).toContain('not on a call');
  });

  it('starts on a live call: the agent is asked for a connection, announced; nobody else can join it', async () => {
    const begin = next(a1, 'monitor:begin');
    session = expectOk(await sup.emitWithAck('monitor:start', { agentId: ids.a1, mode: 'listen' }));
    expect(session).toMatchObject({ agentId: ids.a1, mode: 'listen', callId });
    expect(await begin).toMatchObject({ sessionId: session.sessionId, callId, mode: 'listen', announce: true, supervisorName: expect.any(String) });
    const second = expectError(await admin.emitWithAck('monitor:start', { agentId: ids.a1, mode: 'listen' }));
    expect(second.code).toBe('conflict');
  });

  it('relays offer, answer and candidates between the two sides only', async () => {
    const offer = next(sup, 'monitor:offer');
    expectOk(await a1.emitWithAck('monitor:offer', { sessionId: session.sessionId, sdp: SDP }));
    expect(await offer).toEqual({ sessionId: session.sessionId, sdp: SDP });
    const answer = next(a1, 'monitor:answer');
    expectOk(await sup.emitWithAck('monitor:answer', { sessionId: session.sessionId, sdp: SDP }));
    expect(await answer).toEqual({ sessionId: session.sessionId, sdp: SDP });
    const toSup = next(sup, 'monitor:ice');
    expectOk(await a1.emitWithAck('monitor:ice', { sessionId: session.sessionId, candidate: CANDIDATE }));
    expect(await toSup).toEqual({ sessionId: session.sessionId, candidate: CANDIDATE });
    const toAgent = next(a1, 'monitor:ice');
    expectOk(await sup.emitWithAck('monitor:ice', { sessionId: session.sessionId, candidate: { candidate: '' } }));
    expect(await toAgent).toEqual({ sessionId: session.sessionId, candidate: { candidate: '' } });

    // Another agent, or the wrong side, is refused on a session that is not theirs.
    const eavesdrops = record(a2, 'monitor:offer');
    for (const [event, payload] of [
      ['monitor:offer', { sessionId: session.sessionId, sdp: SDP }],
      ['monitor:ice', { sessionId: session.sessionId, candidate: CANDIDATE }],
      ['monitor:stop', { sessionId: session.sessionId }],
    ] as const) {
      expect(expectError(await ask(a2, event, payload)).code, event).toBe('forbidden');
    }
    expect(expectError(await sup.emitWithAck('monitor:offer', { sessionId: session.sessionId, sdp: SDP })).code).toBe('forbidden');
    expect(expectError(await admin.emitWithAck('monitor:mode', { sessionId: session.sessionId, mode: 'barge' })).code).toBe('forbidden');
    expect(expectError(await a1.emitWithAck('monitor:offer', { sessionId: NOBODY, sdp: SDP })).code).toBe('not-found');
    expect(eavesdrops).toEqual([]);
  });

  it('switches listen → whisper → barge, telling both sides', async () => {
    for (const mode of ['whisper', 'barge'] as const) {
      const toAgent = next(a1, 'monitor:mode');
      expect(expectOk(await sup.emitWithAck('monitor:mode', { sessionId: session.sessionId, mode }))).toEqual({ sessionId: session.sessionId, mode });
      expect(await toAgent).toEqual({ sessionId: session.sessionId, mode });
    }
  });

  it('ends when the agent stops it, telling both', async () => {
    const atSup = next(sup, 'monitor:ended');
    const atAgent = next(a1, 'monitor:ended');
    expectOk(await a1.emitWithAck('monitor:stop', { sessionId: session.sessionId }));
    expect(await atSup).toEqual({ sessionId: session.sessionId, reason: 'agent-stopped' });
    expect(await atAgent).toEqual({ sessionId: session.sessionId, reason: 'agent-stopped' });
    expect(expectError(await sup.emitWithAck('monitor:stop', { sessionId: session.sessionId })).code).toBe('not-found');
  });

  it("ends when the supervisor's last desktop goes away, not before", async () => {
    const second = await t.desktop('supervisor');
    session = expectOk(await second.emitWithAck('monitor:start', { agentId: ids.a1, mode: 'whisper' }));
    const endings = record(a1, 'monitor:ended');
    // The page that started it closes; the supervisor's other desktop is still there, and the session with it.
    second.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(endings).toEqual([]);
    const ended = next(a1, 'monitor:ended');
    sup.disconnect();
    expect(await ended).toEqual({ sessionId: session.sessionId, reason: 'disconnected' });
    sup = await t.desktop('supervisor');
  });

  it('tells the agent only when the setting says so, and ends when the call does', async () => {
    expect(expectOk(await admin.emitWithAck('admin:monitor:set', { announceMonitoring: false }))).toEqual({ announceMonitoring: false });
    const begin = next(a1, 'monitor:begin');
    session = expectOk(await admin.emitWithAck('monitor:start', { agentId: ids.a1, mode: 'listen' }));
    expect((await begin).announce).toBe(false);
    const ended = next(admin, 'monitor:ended');
    // The caller hangs up: the talk is over (the agent goes to wrap-up), and so is the monitoring.
    await tell({ callId, kind: 'ended' });
    expect(await ended).toEqual({ sessionId: session.sessionId, reason: 'call-ended' });
    const after = expectError(await sup.emitWithAck('monitor:start', { agentId: ids.a1, mode: 'listen' }));
    expect(after.code).toBe('conflict');
  });
});
