import { createRequire } from 'node:module';
import type { Configuration } from 'electron-builder';
import { DESKTOP_NAME, PRODUCT_NAME } from './stage-app.js';

/**
 * electron-builder's own configuration checks, run without packaging (which
 * would download Electron). These are the functions electron-builder itself
 * calls before a build — app-builder-lib's getConfig (finds and loads
 * electron-builder.ts, as `electron-builder` does) and validateConfiguration
 * (its JSON schema plus deprecation checks) — and LinuxTargetHelper, which
 * writes the .desktop file into the AppImage and the deb. They are not in
 * app-builder-lib's public exports, so they are reached by path from the
 * copy electron-builder itself uses; an upgrade that moves them fails here loudly.
 */

// Resolved from electron-builder's own location, so it is the app-builder-lib electron-builder runs.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}
interface BuilderUtil {
  DebugLogger: new (isEnabled: boolean) => unknown;
}
interface LinuxTargetHelperModule {
  LinuxTargetHelper: new (packager: unknown) => { computeDesktopEntry(options: unknown, exec?: string, extra?: unknown): Promise<string> };
}

const configModule = () => fromBuilder('app-builder-lib/out/util/config/config') as ConfigModule;

/**
 * Loads the project's electron-builder configuration the way `electron-builder`
 * does (finding electron-builder.ts, applying `extends`, normalising `files`).
 * It loads the file once per process and then works on that same object, so
 * callers must not change what it returns.
 */
export function loadBuilderConfig(projectDir: string): Promise<Configuration> {
  return configModule().getConfig(projectDir, null, null);
}

/** Throws electron-builder's InvalidConfigurationError, with its explanation, when the configuration breaks the schema. */
export async function validateBuilderConfig(config: Configuration): Promise<void> {
  const { DebugLogger } = fromBuilder('builder-util') as BuilderUtil;
  await configModule().validateConfiguration(config, new DebugLogger(false));
}

/**
 * The [Desktop Entry] electron-builder writes for Linux, computed by its own
 * code from the configuration and the staged package.json's names.
 */
export function linuxDesktopEntry(config: Configuration, version: string): Promise<string> {
  const { LinuxTargetHelper } = fromBuilder('app-builder-lib/out/targets/LinuxTargetHelper') as LinuxTargetHelperModule;
  const linux = config.linux ?? {};
  const productName = config.productName ?? PRODUCT_NAME;
  const packager = {
    config,
    platformSpecificBuildOptions: linux,
    executableName: linux.executableName ?? productName.toLowerCase(),
    appInfo: { productName, sanitizedProductName: productName, description: linux.description ?? '', version },
    info: { metadata: { desktopName: DESKTOP_NAME } },
    fileAssociations: [],
  };
  return new LinuxTargetHelper(packager).computeDesktopEntry(linux);
}

/** The .desktop text as key → value (first [Desktop Entry] group only). */
export function parseDesktopEntry(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    if (line.startsWith('[')) break;
    const at = line.indexOf('=');
    if (at > 0) entries.set(line.slice(0, at), line.slice(at + 1));
  }
  return entries;
}
