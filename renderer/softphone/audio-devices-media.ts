import type { Web } from 'sip.js';
import { type DeviceChoice, deviceIdOf, isMissingDevice, listCameras, resolveDevice, withCamera, withMicrophone } from './audio-devices';

/**
 * The chosen camera's device id among the cameras present now, or null for the
 * default (no choice, or the chosen one is unplugged). Read when a call opens
 * the camera, so a new choice applies to the next video without re-registering.
 */
export async function cameraDeviceId(choice: DeviceChoice | null): Promise<string | null> {
  if (!choice) return null;
  const list = listCameras(await navigator.mediaDevices.enumerateDevices());
  return deviceIdOf(resolveDevice(choice, list.cameras, list.labelled));
}

/** The chosen camera alone (turning the camera on in a call); a chosen camera that is gone opens the default instead. */
export async function openCamera(choice: DeviceChoice | null): Promise<MediaStream> {
  const deviceId = await cameraDeviceId(choice);
  try {
    return await navigator.mediaDevices.getUserMedia(withCamera({ video: true }, deviceId));
  } catch (error) {
    if (deviceId === null || !isMissingDevice(error)) throw error;
    return navigator.mediaDevices.getUserMedia({ video: true });
  }
}

/**
 * sip.js's media stream factory with the agent's microphone and camera: read
 * when a call opens them, so a new choice applies to the next call without
 * re-registering the phone. A chosen device unplugged since is not a failed
 * call: the default is opened instead. Likewise a camera that is missing,
 * refused or busy: a video call goes on with voice only.
 */
export function microphoneStreamFactory(microphone: () => string | null, camera: () => DeviceChoice | null = () => null): Web.MediaStreamFactory {
  const open = async (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    const microphoneId = microphone();
    const cameraId = constraints.video ? await cameraDeviceId(camera()) : null;
    try {
      return await navigator.mediaDevices.getUserMedia(withCamera(withMicrophone(constraints, microphoneId), cameraId));
    } catch (error) {
      if ((microphoneId === null && cameraId === null) || !isMissingDevice(error)) throw error;
      return navigator.mediaDevices.getUserMedia(constraints);
    }
  };
  return async (constraints) => {
    // As sip.js's default factory: a session with neither audio nor video gets an empty stream.
    if (!constraints.audio && !constraints.video) return new MediaStream();
    try {
      return await open(constraints);
    } catch (error) {
      if (!constraints.video || !constraints.audio) throw error;
      return open({ ...constraints, video: false });
    }
  };
}
