/**
 * A short two-tone ring drawn with WebAudio (no sound file to ship or fetch),
 * on the agent's ringer output. Silent where audio is unavailable.
 */
let context: AudioContext | null = null;
/** The ringer the agent chose; null = the system default. */
let ringerOutput: string | null = null;

/** `AudioContext.setSinkId` (Chromium 110+, so Electron and Chrome) is not in TypeScript's DOM types yet. */
type RoutableContext = AudioContext & { setSinkId?: (sinkId: string) => Promise<void>; readonly sinkId?: unknown };

/** Where the next ring sounds: a device id from `enumerateDevices()`, or null for the system default. */
export function setRingerOutput(deviceId: string | null): void {
  ringerOutput = deviceId;
}

/**
 * Points the ring at the chosen output; a device that is gone (or a browser
 * that cannot choose) leaves it on the default. Answers the device id the
 * ring sounds on ('' = the system default).
 */
async function route(audio: RoutableContext): Promise<string> {
  const wanted = ringerOutput ?? '';
  if (!audio.setSinkId) return '';
  const current = typeof audio.sinkId === 'string' ? audio.sinkId : '';
  if (current === wanted) return current;
  try {
    await audio.setSinkId(wanted);
    return wanted;
  } catch {
    if (current !== '') await audio.setSinkId('').catch(() => undefined);
    return '';
  }
}

/** Rings once. Answers the output it sounded on ('' = the system default), or null when it could not sound at all. */
export async function ring(): Promise<string | null> {
  try {
    const Ctor = globalThis.AudioContext;
    if (!Ctor) return null;
    context ??= new Ctor();
    const audio = context;
    if (audio.state === 'suspended') void audio.resume();
    const output = await route(audio);
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 660],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.17);
    }
    return output;
  } catch {
    // Autoplay policy or no audio device: the toast and the OS notification still show.
    return null;
  }
}
