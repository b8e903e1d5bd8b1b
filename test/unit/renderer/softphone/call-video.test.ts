import { describe, expect, it } from 'vitest';
import { INITIAL_PHONE_STATE, NO_VIDEO, type PhoneEvent, type PhoneState, reducePhone } from '../../../../renderer/softphone/call-state';
import {
  INITIAL_REMOTE_VIDEO_WATCH,
  REMOTE_VIDEO_STALL_MS,
  sdpOffersVideo,
  watchRemoteVideo,
} from '../../../../renderer/softphone/call-video';

const agent2 = { kind: 'extension', user: 'agent2', display: null } as const;
const run = (events: PhoneEvent[], from: PhoneState = INITIAL_PHONE_STATE) => events.reduce(reducePhone, from);

const AUDIO_SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 40000 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n';

describe('sdpOffersVideo', () => {
  it('finds a video stream with a port', () => {
    expect(sdpOffersVideo(`${AUDIO_SDP}m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\na=sendrecv\r\n`)).toBe(true);
  });

  it('is false for voice only, a declined video stream (port 0), no body, or the word in an attribute', () => {
    expect(sdpOffersVideo(AUDIO_SDP)).toBe(false);
    expect(sdpOffersVideo(`${AUDIO_SDP}m=video 0 UDP/TLS/RTP/SAVPF 96\r\n`)).toBe(false);
    expect(sdpOffersVideo(undefined)).toBe(false);
    expect(sdpOffersVideo(`${AUDIO_SDP}a=label:m=video 9 x\r\n`)).toBe(false);
  });
});

describe('watchRemoteVideo', () => {
  it('is on once frames are decoded and off after they stand still for the stall time', () => {
    const first = watchRemoteVideo(INITIAL_REMOTE_VIDEO_WATCH, 30, 1_000);
    expect(first.on).toBe(true);
    const still = watchRemoteVideo(first, 30, 1_000 + REMOTE_VIDEO_STALL_MS - 1);
    expect(still.on).toBe(true);
    const stalled = watchRemoteVideo(still, 30, 1_000 + REMOTE_VIDEO_STALL_MS);
    expect(stalled.on).toBe(false);
    expect(watchRemoteVideo(stalled, 31, 5_000).on).toBe(true);
  });

  it('stays off without a receiver, statistics or any frame', () => {
    expect(watchRemoteVideo(INITIAL_REMOTE_VIDEO_WATCH, null, 1).on).toBe(false);
    expect(watchRemoteVideo(INITIAL_REMOTE_VIDEO_WATCH, 0, 1).on).toBe(false);
    expect(watchRemoteVideo({ frames: 90, progressAt: 0, on: true }, null, 1).on).toBe(false);
  });

  it('counts from a new receiver whose count starts lower', () => {
    const reset = watchRemoteVideo({ frames: 900, progressAt: 0, on: true }, 5, 100);
    expect(reset.frames).toBe(5);
    expect(watchRemoteVideo(reset, 6, 200)).toEqual({ frames: 6, progressAt: 200, on: true });
  });
});

describe('reducePhone: video', () => {
  it('rings as a video call without the camera; answering with it turns it on', () => {
    const ringing = run([{ type: 'incoming', id: 'c1', sipCallId: 's1', party: agent2, at: 1, video: true }]);
    expect(ringing.call?.video).toEqual({ ...NO_VIDEO, offered: true });
    // The camera is reported only once the call is up; a report while ringing is ignored.
    expect(reducePhone(ringing, { type: 'camera', id: 'c1', on: true }).call?.video.camera).toBe(false);
    const live = run(
      [
        { type: 'answering', id: 'c1' },
        { type: 'connected', id: 'c1', at: 2 },
        { type: 'camera', id: 'c1', on: true },
        { type: 'remote-video', id: 'c1', on: true },
      ],
      ringing,
    );
    expect(live.call?.video).toEqual({ offered: true, camera: true, sharing: false, remote: true });
  });

  it('an ordinary call carries no video, and an outbound video call sends the camera from the start', () => {
    expect(run([{ type: 'incoming', id: 'c1', sipCallId: 's1', party: agent2, at: 1 }]).call?.video).toEqual(NO_VIDEO);
    expect(run([{ type: 'dialling', id: 'c1', sipCallId: 's1', party: agent2, at: 1, video: true }]).call?.video).toEqual({
      ...NO_VIDEO,
      offered: true,
      camera: true,
    });
  });

  it('turning the camera on makes an audio call a video call; off keeps it one', () => {
    const connected = run([
      { type: 'dialling', id: 'c1', sipCallId: 's1', party: agent2, at: 1 },
      { type: 'connected', id: 'c1', at: 2 },
    ]);
    const on = reducePhone(connected, { type: 'camera', id: 'c1', on: true });
    expect(on.call?.video).toMatchObject({ offered: true, camera: true });
    expect(reducePhone(on, { type: 'camera', id: 'c1', on: false }).call?.video).toMatchObject({ offered: true, camera: false });
  });

  it('shares a screen only on a connected call, and the far end’s pictures come and go', () => {
    const dialling = run([{ type: 'dialling', id: 'c1', sipCallId: 's1', party: agent2, at: 1, video: true }]);
    expect(reducePhone(dialling, { type: 'sharing', id: 'c1', on: true }).call?.video.sharing).toBe(false);
    const sharing = run(
      [
        { type: 'connected', id: 'c1', at: 2 },
        { type: 'sharing', id: 'c1', on: true },
        { type: 'remote-video', id: 'c1', on: true },
        { type: 'remote-video', id: 'c1', on: false },
      ],
      dialling,
    );
    expect(sharing.call?.video).toEqual({ offered: true, camera: true, sharing: true, remote: false });
    expect(reducePhone(sharing, { type: 'sharing', id: 'c1', on: false }).call?.video.sharing).toBe(false);
  });

  it('ignores video reports for another call, and a call taken over by Replaces starts without video', () => {
    const live = run([
      { type: 'incoming', id: 'c1', sipCallId: 's1', party: agent2, at: 1, video: true },
      { type: 'answering', id: 'c1' },
      { type: 'connected', id: 'c1', at: 2 },
      { type: 'camera', id: 'c1', on: true },
      { type: 'camera', id: 'old', on: false },
      { type: 'sharing', id: 'old', on: true },
    ]);
    expect(live.call?.video).toMatchObject({ camera: true, sharing: false });
    const replaced = reducePhone(live, { type: 'replaced', id: 'c1', newId: 'c2', sipCallId: 's2', party: agent2, at: 3 });
    expect(replaced.call?.video).toEqual(NO_VIDEO);
  });
});
