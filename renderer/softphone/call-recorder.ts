/** What the desktop records calls in: Opus in WebM, small enough for hours of talk. */
export const RECORDING_MIME_TYPE = 'audio/webm;codecs=opus';
const BITS_PER_SECOND = 32_000;
/** MediaRecorder hands over a chunk this often, so a long call is never one huge buffer at the end. */
const CHUNK_MS = 1_000;

export type CallAudio = { local: MediaStream; remote: MediaStream };

/** A recording in progress; `stop` ends it and yields the file. */
export type AudioRecording = { stop(): Promise<{ audio: Blob; durationMs: number }> };

export const canRecordCalls = (): boolean =>
  typeof MediaRecorder !== 'undefined' && typeof AudioContext !== 'undefined' && MediaRecorder.isTypeSupported(RECORDING_MIME_TYPE);

/**
 * Records both sides of a call as one track: the agent's microphone and what
 * they hear, mixed in Web Audio. The streams are only read, never changed,
 * so the call sounds the same with or without a recording.
 */
export function recordCallAudio(media: CallAudio, now: () => number = Date.now): AudioRecording {
  const context = new AudioContext();
  const mix = context.createMediaStreamDestination();
  const sources = [media.local, media.remote]
    .filter((stream) => stream.getAudioTracks().length > 0)
    .map((stream) => {
      const source = context.createMediaStreamSource(stream);
      source.connect(mix);
      return source;
    });
  const recorder = new MediaRecorder(mix.stream, { mimeType: RECORDING_MIME_TYPE, audioBitsPerSecond: BITS_PER_SECOND });
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  });
  const startedAt = now();
  recorder.start(CHUNK_MS);
  // Autoplay rules may start the context suspended; the agent has clicked (answered or dialled) by now.
  void context.resume();

  let stopped: Promise<{ audio: Blob; durationMs: number }> | null = null;
  return {
    stop() {
      stopped ??= new Promise((resolve) => {
        const finish = () => {
          for (const source of sources) source.disconnect();
          void context.close();
          resolve({ audio: new Blob(chunks, { type: 'audio/webm' }), durationMs: Math.max(0, now() - startedAt) });
        };
        if (recorder.state === 'inactive') return finish();
        recorder.addEventListener('stop', finish, { once: true });
        recorder.stop();
      });
      return stopped;
    },
  };
}
