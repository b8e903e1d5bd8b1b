import { useCallback, useEffect, useState } from 'react';
import { type AudioDeviceList, type CameraList, listCameras } from '../../softphone/audio-devices';
import { enumerateAudioDevices, onDeviceChange } from './audio-routing';

export type AudioDevicesState = {
  list: AudioDeviceList;
  cameras: CameraList;
  /** The agent refused the microphone when asked to name the devices. */
  denied: boolean;
  /** Asks for the microphone once (the browser names devices only after that), then lists again. */
  allowLabels(): Promise<void>;
};

const EMPTY: AudioDeviceList = { inputs: [], outputs: [], labelled: false };
const NO_CAMERAS: CameraList = { cameras: [], labelled: false };

async function enumerateCameras(): Promise<CameraList> {
  try {
    return listCameras(await navigator.mediaDevices.enumerateDevices());
  } catch {
    return NO_CAMERAS;
  }
}

/** The audio devices and cameras present, listed again whenever one is plugged in or out. */
export function useAudioDevices(): AudioDevicesState {
  const [list, setList] = useState<AudioDeviceList>(EMPTY);
  const [cameras, setCameras] = useState<CameraList>(NO_CAMERAS);
  const [denied, setDenied] = useState(false);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      void enumerateAudioDevices().then((next) => {
        if (live) setList(next);
      });
      void enumerateCameras().then((next) => {
        if (live) setCameras(next);
      });
    };
    refresh();
    const unsubscribe = onDeviceChange(refresh);
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  const allowLabels = useCallback(async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      for (const track of stream.getTracks()) track.stop();
      setDenied(false);
      // Cameras are named only once the camera may be used too; a refusal leaves them numbered, no more.
      const listed = await enumerateCameras();
      if (!listed.labelled) {
        const video = await navigator.mediaDevices.getUserMedia({ video: true }).catch(() => null);
        for (const track of video?.getTracks() ?? []) track.stop();
      }
    } catch {
      setDenied(true);
    }
    setList(await enumerateAudioDevices());
    setCameras(await enumerateCameras());
  }, []);

  return { list, cameras, denied, allowLabels };
}
