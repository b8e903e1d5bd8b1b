import { type FuseConfig, FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * Electron's fuses: switches inside the Electron binary, flipped once at
 * package time (before signing, so the OS signature then guards them). Each
 * one off here closes a way to run other code with the app's identity.
 */
export const SWITCHBOARD_FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a general Node runtime.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS could --require arbitrary code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let any local process attach a debugger to the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Session cookies (the hub's, if it ever sets any) are encrypted at rest with the OS keystore.
  [FuseV1Options.EnableCookieEncryption]: true,
  // The app is loaded only from app.asar, and that archive is checked against the
  // hash embedded at package time (macOS and Windows), so the code cannot be swapped on disk.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from app:// (electron/app-protocol.ts); file:// pages get no more than in a browser.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies FuseConfig;

/** What the afterPack hook needs from electron-builder's context (a subset, so tests can build one). */
export interface FusePackContext {
  electronPlatformName: string;
  /** builder-util's Arch enum value; 3 is arm64 */
  arch: number;
  packager: { addElectronFuses(context: FusePackContext, fuses: FuseConfig): Promise<number> };
}

const ARM64 = 3;

/**
 * The fuses for one packaged build. An arm64 macOS binary must carry a valid
 * signature to start at all; flipping bits breaks the ad-hoc one it ships
 * with, so it is re-signed ad hoc (the real signing step follows).
 */
export function fusesFor(context: Pick<FusePackContext, 'electronPlatformName' | 'arch'>): FuseConfig {
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  return { ...SWITCHBOARD_FUSES, resetAdHocDarwinSignature: darwin && context.arch === ARM64 };
}

/**
 * electron-builder's afterPack hook. It runs after the app is copied into the
 * unpacked Electron and before signing; the packager's addElectronFuses finds
 * the binary for the platform (AppImage/deb, .exe, .app) and calls
 * @electron/fuses' flipFuses on it.
 */
export async function afterPack(context: FusePackContext): Promise<void> {
  await context.packager.addElectronFuses(context, fusesFor(context));
}
