import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDING_PATHS } from '../../shared/protocol/recording';
import { callPhase, customerWithPhone, data, deskSocket } from './hub-client';
import { runSippCall } from './sipp-caller';
import { ARTIFACTS, startVoiceStage, type VoiceStage } from './voice-stage';

/**
 * A call into the VIP queue, which records calls (the demo's setting): the
 * caller speaks (RTP through rtpengine), the agent's desktop shows REC while
 * it records both sides, the upload first
 * fails (the hub out of reach) and the recording waits in the desktop's
 * cache, then goes up when the hub is back, and plays from the call's
 * timeline item in an <audio> element with a real duration.
 */

const TALKING_CALLER = fileURLToPath(new URL('../interop/sipp/caller-talks.xml', import.meta.url));
/** Long enough to see the indicator and hear something back. */
const TALK_MS = 6_000;
/** What the caller says: the A-law sample Debian's sip-tester ships, sent as RTP while they talk. */
const CALLER_VOICE = '/usr/share/sip-tester/g711a.pcap';

let stage: VoiceStage;

beforeAll(async () => {
  // rtpengine lets the SIPp caller (plain RTP) reach the desktop.
  stage = await startVoiceStage({ name: 'call-recording', withRtpengine: true });
});

afterAll(async () => {
  await stage?.stop();
});

/** The interop suite's talking caller, talking longer and with a voice: an A-law offer, and RTP from a capture while they talk. */
function speakingCaller(): string {
  if (!existsSync(CALLER_VOICE)) throw new Error(`${CALLER_VOICE} is missing: apt-get install sip-tester`);
  const scenario = readFileSync(TALKING_CALLER, 'utf8');
  const speaking = scenario
    .replace('m=audio [media_port] RTP/AVP 0', 'm=audio [media_port] RTP/AVP 8')
    .replace('a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000')
    .replace(
      /<pause milliseconds="\d+" \/>/,
      `<nop><action><exec play_pcap_audio="${CALLER_VOICE}" /></action></nop><pause milliseconds="${TALK_MS}" />`,
    );
  if ((speaking.match(/PCMA|play_pcap_audio/g) ?? []).length !== 2) throw new Error('the talking caller scenario changed: cannot give it a voice');
  const path = join(stage.dataDir, 'caller-speaks.xml');
  writeFileSync(path, speaking);
  return path;
}

const callFrom = (phone: string, dialled: string) =>
  runSippCall({ sipAddress: stage.kamailio.sipAddress, scenarioFile: speakingCaller(), service: dialled, args: ['-key', 'caller', phone] });

/** The SIP Call-ID of a call interaction, read from the hub's change log as any desktop reads it. */
async function callIdOf(socket: Awaited<ReturnType<typeof deskSocket>>, interactionId: string): Promise<string> {
  let since = 0;
  for (let page = 0; page < 1_000; page += 1) {
    const result = data(await socket.emitWithAck('sync:pull', { since, limit: 500 }));
    for (const change of result.changes) {
      if (change.entity === 'interaction' && change.op === 'put' && change.data.id === interactionId && change.data.channel === 'call') {
        if (!change.data.callId) throw new Error('the call interaction has no SIP Call-ID');
        return change.data.callId;
      }
    }
    if (!result.more) break;
    since = result.cursor;
  }
  throw new Error(`no call interaction ${interactionId} in the change log`);
}

describe('a recorded queue call', () => {
  it('shows REC while recording, keeps the file while the hub is out of reach, uploads it, and plays it from the timeline', async () => {
    const agent = await stage.desk('agent1', { available: true });

    const { customer, phone } = await customerWithPhone(stage.hub.url);
    const caller = callFrom(phone, 'vip');
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('ringing');
    // Nothing is recorded before the call is answered.
    expect(await agent.getByTestId('recording-indicator').count()).toBe(0);
    await agent.getByTestId('call-answer').click();
    await expect.poll(() => callPhase(agent), { timeout: 20_000 }).toBe('connected');

    const indicator = agent.getByTestId('recording-indicator');
    await indicator.waitFor({ timeout: 5_000 });
    expect(await indicator.textContent()).toContain('REC');
    // The queue's notice for the caller, as the admin wrote it.
    expect(await indicator.textContent()).toContain('This call is recorded for quality and training.');
    await agent.getByTestId('call-card').screenshot({ path: join(ARTIFACTS, 'call-recording-rec.png') });

    // The hub is out of reach for uploads when the call ends.
    let refusedUploads = 0;
    const uploadUrl = `${stage.hub.url}${RECORDING_PATHS.upload}`;
    await agent.route(uploadUrl, (route) => {
      refusedUploads += 1;
      return route.abort('connectionrefused');
    });

    const result = await caller;
    expect(result.code, `${result.output}\n${stage.kamailio.log()}`).toBe(0);
    await expect.poll(() => agent.getByTestId('call-card').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => refusedUploads, { timeout: 10_000 }).toBeGreaterThan(0);
    // The recording waits in the desktop's cache.
    const waiting = () =>
      agent.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            void indexedDB.databases().then((databases) => {
              const name = databases.find((database) => database.name?.startsWith('switchboard:'))?.name;
              if (!name) return reject(new Error('no desktop cache'));
              const open = indexedDB.open(name);
              open.onsuccess = () => {
                const count = open.result.transaction('recordings').objectStore('recordings').count();
                count.onsuccess = () => {
                  resolve(count.result);
                  open.result.close();
                };
              };
              open.onerror = () => reject(open.error);
            });
          }),
      );
    expect(await waiting()).toBe(1);

    // Wrap up, so the call is written to the customer's timeline.
    const task = agent.getByTestId('inbox-task').and(agent.locator('[data-channel="call"]'));
    await expect.poll(() => task.getAttribute('data-status'), { timeout: 10_000 }).toBe('wrap-up');
    await task.click();
    await agent.getByTestId('wrapup-form').waitFor();
    const dispositions = await agent.getByTestId('wrapup-disposition').locator('option').allTextContents();
    await agent.getByTestId('wrapup-disposition').selectOption({ label: dispositions.find((label) => /resolved/i.test(label)) ?? '' });
    await agent.getByTestId('wrapup-submit').click();
    await expect.poll(() => task.count()).toBe(0);

    // The hub is back: the recorder's retry sends it, and the desktop's copy goes.
    await agent.unroute(uploadUrl);
    await expect.poll(waiting, { timeout: 45_000 }).toBe(0);

    // The hub filed it against the call: a supervisor sees it too.
    expect(await agent.getByTestId('customer-number').textContent()).toContain(customer.number);
    const callItem = agent.getByTestId('timeline-item').and(agent.locator('[data-channel="call"]')).first();
    await callItem.locator('.tl-summary').click();
    const audio = callItem.getByTestId('call-recording-audio');
    await audio.waitFor({ timeout: 10_000 });
    const duration = () => audio.evaluate((element: HTMLAudioElement) => element.duration);
    await expect.poll(duration, { timeout: 15_000 }).toBeGreaterThan(0);
    const seconds = await duration();
    expect(Number.isFinite(seconds), `duration ${seconds}`).toBe(true);
    // About the talk time: the caller talked for six seconds.
    expect(seconds).toBeGreaterThan(3);
    expect(seconds).toBeLessThan(30);
    await callItem.screenshot({ path: join(ARTIFACTS, 'call-recording-timeline.png') });
    // Both sides are in it. The fake microphone alone beeps in about a fifth of
    // the recording's 20 ms windows (measured: 0.20); with the caller speaking
    // over it most windows hold sound (measured: 0.70).
    const sound = await audio.evaluate(async (element: HTMLAudioElement) => {
      const bytes = await (await fetch(element.src)).arrayBuffer();
      const samples = (await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(bytes)).getChannelData(0);
      const frame = 960;
      let loud = 0;
      let windows = 0;
      for (let start = 0; start + frame <= samples.length; start += frame) {
        let energy = 0;
        for (let i = start; i < start + frame; i += 1) energy += (samples[i] ?? 0) ** 2;
        windows += 1;
        if (Math.sqrt(energy / frame) > 0.01) loud += 1;
      }
      return { loudShare: loud / windows, windows };
    });
    expect(sound.windows).toBeGreaterThan(150);
    expect(sound.loudShare).toBeGreaterThan(0.45);

    // The hub filed it against the call (the interaction's SIP Call-ID): a supervisor may hear it too.
    const supervisor = await deskSocket(stage.hub.url, 'supervisor');
    try {
      const interactionId = await callItem.getAttribute('data-interaction-id');
      const sipCallId = await callIdOf(supervisor, interactionId ?? '');
      const src = await audio.evaluate((element: HTMLAudioElement) => element.src);
      const recordingId = /\/api\/recordings\/([0-9A-Z]{26})\?/.exec(src)?.[1];
      const listed = data(await supervisor.emitWithAck('recording:list', { callId: sipCallId }));
      expect(listed.map((recording) => recording.id)).toEqual([recordingId]);
      expect(listed[0]).toMatchObject({ mimeType: 'audio/webm', callId: sipCallId });
      expect(listed[0]?.durationMs).toBeGreaterThan(3_000);
    } finally {
      supervisor.disconnect();
    }
  });

  it('is a queue setting the administrator turns on, in Chinese, with a notice for the caller', async () => {
    const { page: admin } = await stage.signIn('admin', 'zh-CN');
    await admin.getByTestId('admin-toggle').click();
    await admin.getByTestId('admin-area').waitFor();
    await admin.getByTestId('admin-tab-queues').click();
    await admin.getByTestId('admin-list-item').filter({ hasText: 'General' }).click();
    const form = admin.getByTestId('queue-form');
    await expect.poll(() => form.getAttribute('aria-label')).toContain('General');
    const section = form.getByTestId('queue-recording');
    expect(await section.textContent()).toContain('录制该队列的通话');
    expect(await form.getByTestId('queue-record-calls').isChecked()).toBe(false);
    // The notice is only for recorded queues.
    expect(await form.getByTestId('queue-recording-notice').isDisabled()).toBe(true);
    await form.getByTestId('queue-record-calls').check();
    await form.getByTestId('queue-recording-notice').fill('本次通话将被录音。');
    await form.getByTestId('admin-save').click();
    await expect.poll(() => form.getByTestId('admin-save-status').getAttribute('data-status')).toBe('saved');
    await section.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: join(ARTIFACTS, 'call-recording-queue-setting.png') });

    const supervisor = await deskSocket(stage.hub.url, 'supervisor');
    try {
      const general = data(await supervisor.emitWithAck('admin:queue:list', {})).find((queue) => queue.name.startsWith('General'));
      expect(general).toMatchObject({ recordCalls: true, recordingNotice: '本次通话将被录音。' });
    } finally {
      supervisor.disconnect();
    }
  });
});
