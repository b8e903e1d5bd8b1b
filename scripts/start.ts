import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../hub/config';
import { metricsTokenFrom } from '../hub/ops/metrics-token';
import { type RunningHub, startHub } from '../hub/server';
import { DEFAULT_SIP_PORT, DEFAULT_SIP_WS_PORT } from '../shared/protocol/voice';
import { KamailioUnavailableError, kamailioWakeUrl as wakeUrlOf, type RunningKamailio, sipPolicyFromEnv, sipTrunkFromEnv, startKamailio } from './kamailio';
import { type ElectronProbe, electronEnv, planDesktopLaunch, webModeMessage } from './launch-plan';
import { decideRendererBuild, mtimeMsOrNull, newestMtimeMs, RENDERER_INPUTS } from './renderer-freshness';

/**
 * `npm start`: build the renderer if it is stale, start the hub in this
 * process, then open the Electron desktop against it — or, where Electron
 * cannot run (no binary, no display), say so in one line and keep serving the
 * same desktop in web mode. Quitting Electron stops the hub; Ctrl-C stops both.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IS_WINDOWS = process.platform === 'win32';

async function main(): Promise<void> {
  // Configuration first: a mistake in the environment is reported before a slow build.
  const loaded = loadConfig(process.env);
  // The Kamailio started below takes wakes for waiting callers on its WebSocket port.
  const kamailioWakeUrl = loaded.voice.kamailioWakeUrl ?? wakeUrlOf('127.0.0.1', DEFAULT_SIP_WS_PORT);
  const config = { ...loaded, voice: { ...loaded.voice, kamailioWakeUrl } };
  ensureRendererBuilt(config.paths.renderer);

  const hub = await startHub(config, { metricsToken: metricsTokenFrom(process.env) });
  console.log(`Switchboard hub ready at ${hub.url}`);
  console.log(`Web chat as a customer sees it: ${hub.url}/widget-demo.html`);
  if (hub.seeded) {
    console.log(`Demo data seeded. Sign in with password "${hub.seeded.password}" as:`);
    for (const user of hub.seeded.users) console.log(`  ${user.username.padEnd(12)} ${user.role.padEnd(11)} ${user.displayName}`);
    // The nightly value run, once now: the demo's tiers, RFM, lifetime values and the analysis screens have figures at once.
    const values = await hub.crm.recomputeValues();
    await hub.crm.snapshotValues();
    console.log(`Customer values worked out: ${values.customers} customers, ${values.orders} orders, ${values.tierChanges} new tiers.`);
  }
  const sip = await startSipServer(hub, config.voice.sipDomain);

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) {
      console.log('Stopping now.');
      process.exit(1);
    }
    stopping = true;
    await sip?.stop().catch((error: unknown) => console.error('the SIP server did not stop cleanly', error));
    await hub.close().catch((error: unknown) => console.error('the hub did not close cleanly', error));
    process.exit(code);
  };

  const plan = planDesktopLaunch({ platform: process.platform, env: process.env, electron: probeElectron });
  if (plan.kind === 'web') {
    console.log(webModeMessage(plan.reason, hub.url));
    onSignals(() => void stop(0));
    return;
  }

  run('npx', ['tsc', '-p', 'electron/tsconfig.build.json'], 'Electron main process build failed');
  const electron: ChildProcess = spawn(plan.electronPath, [ROOT], { cwd: ROOT, stdio: 'inherit', env: electronEnv(process.env, hub.url) });
  let spawnFailed = false;
  electron.on('error', (error) => {
    spawnFailed = true;
    // The binary exists but would not start (missing system libraries, say):
    // the hub is up, so keep serving the web desktop rather than giving up.
    console.log(`Electron could not be started (${error.message}) — the desktop is served in web mode at ${hub.url}`);
  });
  electron.on('exit', (code, signal) => {
    if (!spawnFailed) void stop(code ?? (signal ? 1 : 0));
  });
  onSignals((signal) => {
    const running = !spawnFailed && electron.exitCode === null && electron.signalCode === null;
    // Electron's exit (above) then stops the hub, so it gets to save its window first.
    if (running) electron.kill(signal);
    else void stop(0);
  });
}

/**
 * Kamailio for the softphones, when it is installed. Without it (or with its
 * ports taken) the desktop shows the phone as unavailable and everything else
 * works, so a failure here is one line, never a stop. Authentication is on:
 * the hub mints each agent's SIP credentials from the secret it shares with
 * Kamailio (SIP_AUTH_SECRET, or the one the store generated).
 */
async function startSipServer(hub: RunningHub, domain: string): Promise<RunningKamailio | null> {
  try {
    const sip = await startKamailio({
      listenAddress: '127.0.0.1',
      sipPort: DEFAULT_SIP_PORT,
      wsPort: DEFAULT_SIP_WS_PORT,
      domain,
      hubUrl: hub.url,
      voiceKey: hub.voiceKey,
      auth: { secret: hub.sipAuthSecret },
      ...sipPolicyFromEnv(process.env),
      // The hub read SIP_TRUNK too: it decides who may dial what, Kamailio sends the call there.
      trunk: sipTrunkFromEnv(process.env),
    });
    console.log(`SIP server (Kamailio) ready: softphones on ${sip.wsUrl}, SIP phones and trunks on ${sip.sipAddress}`);
    return sip;
  } catch (error) {
    const reason = error instanceof KamailioUnavailableError ? error.message : `the SIP server could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.log(`${reason} — the softphone shows as unavailable; everything else works.`);
    return null;
  }
}

function ensureRendererBuilt(rendererDir: string): void {
  const ownBuild = path.join(ROOT, 'dist', 'renderer');
  if (path.resolve(rendererDir) !== ownBuild) {
    // SWITCHBOARD_RENDERER points elsewhere (a packaged build, a test fixture): not ours to rebuild.
    console.log(`Serving the renderer from ${rendererDir} as configured; not rebuilding it`);
    return;
  }
  const decision = decideRendererBuild(mtimeMsOrNull(path.join(ownBuild, 'index.html')), newestMtimeMs(ROOT, RENDERER_INPUTS));
  if (!decision.build) return;
  console.log(`Building the renderer: ${decision.reason}`);
  run('npx', ['vite', 'build'], 'renderer build failed');
}

/**
 * Where the Electron binary is, per the npm package. Its install script is off
 * (package.json allowScripts), and the package fetches the binary on first
 * use instead, printing the download's failure in full: the download is done
 * here first, quietly, so an offline machine gets the one-line web-mode notice.
 */
function probeElectron(): ElectronProbe {
  const require = createRequire(import.meta.url);
  try {
    const packageDir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(packageDir, 'path.txt');
    const binary = existsSync(pathFile) ? path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8')) : null;
    if (!binary || !existsSync(binary)) {
      console.log("Fetching Electron's binary (once)…");
      const fetched = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { cwd: packageDir, stdio: 'pipe', encoding: 'utf8' });
      if (fetched.status !== 0) return { kind: 'error', message: `the download failed (exit ${fetched.status ?? fetched.signal})` };
    }
    const resolved: unknown = require('electron');
    if (typeof resolved !== 'string') return { kind: 'error', message: 'require("electron") did not return a path' };
    return { kind: 'path', path: resolved, exists: existsSync(resolved) };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

function run(command: string, args: readonly string[], failure: string): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: IS_WINDOWS });
  if (result.status !== 0) {
    console.error(`${failure} (${command} ${args.join(' ')} exited with ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function onSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => handler(signal));
}

main().catch((error: unknown) => {
  // A ConfigError lists every problem with the environment; anything else is unexpected, so show the stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
