import { createStore } from 'zustand/vanilla';

/** One call's recording as the call card shows it. */
export type CallRecordingStatus = { state: 'recording' | 'saved' | 'unavailable'; notice: string | null };

export type RecordingStatusState = {
  /** By the SIP Call-ID; absent = not recorded (or not known yet). */
  calls: Record<string, CallRecordingStatus>;
  /** Recordings kept on this desktop until the hub files them. */
  waiting: number;
};

/**
 * What the recorder tells the call card. One per window: one signed-in
 * session at a time records, and it clears this when it stops.
 */
export const recordingStatus = createStore<RecordingStatusState>(() => ({ calls: {}, waiting: 0 }));

export function setCallRecording(callId: string, status: CallRecordingStatus | null): void {
  recordingStatus.setState((state) => {
    const { [callId]: _gone, ...rest } = state.calls;
    return { calls: status ? { ...rest, [callId]: status } : rest };
  });
}
