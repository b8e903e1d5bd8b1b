import { type ChildProcess, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { accessSync, constants, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SIP_PORT, DEFAULT_SIP_WS_PORT } from '../shared/protocol/voice';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_WAIT_FALLBACK_SEC, type KamailioSettings, renderKamailioConfig } from './kamailio-config';

/**
 * Runs Kamailio for development, the interop tests and the demo: renders
 * deploy/kamailio/kamailio.cfg into a private runtime directory (no root-owned
 * pid or socket paths), starts `kamailio` in the foreground as a child (and
 * rtpengine beside it when asked), waits until it answers SIP, and stops it
 * (and its worker processes) cleanly.
 *
 * `npm run kamailio` starts it from the environment (see README beside the config);
 * `npm run kamailio -- --print-config` prints the rendered config instead.
 */

export const KAMAILIO_TEMPLATE = fileURLToPath(new URL('../deploy/kamailio/kamailio.cfg', import.meta.url));

const APT_PACKAGES = 'kamailio kamailio-websocket-modules kamailio-utils-modules kamailio-extra-modules kamailio-autheph-modules';
export const KAMAILIO_INSTALL_HINT = `Kamailio is not installed — apt-get install ${APT_PACKAGES}`;
export const RTPENGINE_INSTALL_HINT = 'rtpengine is not installed — apt-get install rtpengine-daemon';

/** Kamailio (or rtpengine, or a module the config loads) is missing. `message` is one line with the install hint. */
export class KamailioUnavailableError extends Error {
  override name = 'KamailioUnavailableError';
}

export type RunningKamailio = {
  sipPort: number;
  wsPort: number;
  /** host:port of the UDP/TCP listener, for URIs in tests and logs. */
  sipAddress: string;
  wsUrl: string;
  /** Where the hub wakes a waiting caller (KAMAILIO_WAKE_URL). */
  wakeUrl: string;
  /** What Kamailio (and rtpengine) logged lately, for diagnosing a failed test. */
  log(): string;
  stop(): Promise<void>;
};

export type StartKamailioOptions = Omit<KamailioSettings, 'sipPort' | 'wsPort' | 'maxAttempts' | 'rtpengine'> & {
  /** 0 or absent: a free port is chosen. */
  sipPort?: number;
  wsPort?: number;
  maxAttempts?: number;
  /** Start rtpengine beside it to bridge plain-RTP phones and browsers. */
  withRtpengine?: boolean;
  /** How long to wait for the first answer before giving up. */
  readyTimeoutMs?: number;
};

const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin', '/usr/bin'];
const LOG_LINES_KEPT = 400;
/** rtpengine picks its media ports from a range; parallel test runs get different ranges. */
const MEDIA_PORTS = 200;

/** A binary on PATH, or in the sbin directories a non-root PATH often lacks. */
export function findBinary(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const dirs = [...(env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

type Child = { log(): string; stop(): Promise<void>; exited: Promise<void> };

/** Starts a daemon in the foreground in its own process group, keeping its last log lines. */
function spawnDaemon(binary: string, args: string[]): Child {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > LOG_LINES_KEPT) lines.splice(0, lines.length - LOG_LINES_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { log: () => lines.join('\n'), stop: () => stopChild(child, exited), exited };
}

export async function startKamailio(options: StartKamailioOptions): Promise<RunningKamailio> {
  const binary = findBinary('kamailio');
  if (!binary) throw new KamailioUnavailableError(KAMAILIO_INSTALL_HINT);
  const rtpengineBinary = options.withRtpengine ? findBinary('rtpengine') : null;
  if (options.withRtpengine && !rtpengineBinary) throw new KamailioUnavailableError(RTPENGINE_INSTALL_HINT);

  const host = options.listenAddress === '0.0.0.0' ? '127.0.0.1' : options.listenAddress;
  const sipPort = options.sipPort === undefined || options.sipPort === 0 ? await freeSipPort(options.listenAddress) : options.sipPort;
  const wsPort = options.wsPort === undefined || options.wsPort === 0 ? await freeTcpPort(options.listenAddress, [sipPort]) : options.wsPort;
  const ngPort = rtpengineBinary ? await freeSipPort(host) : 0;
  const config = renderKamailioConfig(readFileSync(KAMAILIO_TEMPLATE, 'utf8'), {
    listenAddress: options.listenAddress,
    sipPort,
    wsPort,
    domain: options.domain,
    hubUrl: options.hubUrl,
    voiceKey: options.voiceKey,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    waitFallbackSec: options.waitFallbackSec,
    rtpengine: rtpengineBinary ? { host, port: ngPort } : null,
    auth: options.auth ?? null,
    trustedTrunks: options.trustedTrunks,
    overflow: options.overflow ?? null,
    trunk: options.trunk ?? null,
    floodLimit: options.floodLimit ?? null,
  });

  const runDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-kamailio-'));
  const configFile = path.join(runDir, 'kamailio.cfg');
  await writeFile(configFile, config);
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
  const children: Child[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map((child) => child.stop()));
    await rm(runDir, { recursive: true, force: true });
  };
  const log = (): string => children.map((child) => child.log()).join('\n');

  try {
    if (rtpengineBinary) {
      const mediaMin = 20_000 + Math.floor(Math.random() * 200) * MEDIA_PORTS;
      // Userspace forwarding only (--table=-1): no kernel module, no root.
      const rtpengine = spawnDaemon(rtpengineBinary, [
        '--config-file=none',
        '--foreground',
        '--log-stderr',
        '--table=-1',
        `--interface=${host}`,
        `--listen-ng=${host}:${ngPort}`,
        `--port-min=${mediaMin}`,
        `--port-max=${mediaMin + MEDIA_PORTS - 1}`,
      ]);
      children.push(rtpengine);
      await waitForUdpAnswer(host, ngPort, ngPing, (answer) => answer.includes('4:pong'), rtpengine.exited, readyTimeoutMs);
    }
    const kamailio = spawnDaemon(binary, ['-DD', '-E', '-f', configFile, '-Y', runDir, '-m', '64', '-M', '8']);
    children.push(kamailio);
    await waitForUdpAnswer(host, sipPort, (localPort) => optionsProbe(host, sipPort, localPort), (answer) => /^SIP\/2\.0 200 /.test(answer), kamailio.exited, readyTimeoutMs);
  } catch (error) {
    await stop();
    const missingModule = /could not find module <([^>]+)>|could not open module <([^>]+)>/.exec(log());
    if (missingModule) {
      throw new KamailioUnavailableError(`Kamailio's ${missingModule[1] ?? missingModule[2]} module is missing — apt-get install ${APT_PACKAGES}`);
    }
    throw new Error(`Kamailio did not start: ${(error as Error).message}\n${log()}`);
  }

  return { sipPort, wsPort, sipAddress: `${host}:${sipPort}`, wsUrl: `ws://${host}:${wsPort}`, wakeUrl: kamailioWakeUrl(host, wsPort), log, stop };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  // SIGTERM to the main process: it stops its workers and releases the ports.
  child.kill('SIGTERM');
  const gaveUp = await Promise.race([exited.then(() => false), delay(5_000).then(() => true)]);
  if (gaveUp) {
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
}

/** Sends a probe over UDP every 100 ms until the answer comes (both daemons open every socket before answering any). */
export async function waitForUdpAnswer(
  host: string,
  port: number,
  probe: (localPort: number) => string,
  isAnswer: (message: string) => boolean,
  exited: Promise<void>,
  timeoutMs: number,
): Promise<void> {
  const socket = dgram.createSocket('udp4');
  let done = false;
  let resend: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => finish(new Error(`no answer on udp ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
      function finish(error?: Error): void {
        done = true;
        clearTimeout(deadline);
        clearInterval(resend);
        if (error) reject(error);
        else resolve();
      }
      void exited.then(() => finish(new Error('it exited')));
      socket.on('message', (message) => {
        if (isAnswer(message.toString('utf8'))) finish();
      });
      socket.bind(0, host, () => {
        const send = (): void => {
          if (!done) socket.send(probe(socket.address().port), port, host);
        };
        send();
        resend = setInterval(send, 100);
      });
    });
  } finally {
    socket.close();
  }
}

/** rtpengine's ng protocol: a cookie, then a bencoded dictionary. */
function ngPing(): string {
  return `${Math.random().toString(36).slice(2)} d7:command4:pinge`;
}

/** A minimal OPTIONS request: Kamailio answers it 200 once it serves SIP (its readiness probe). */
export function optionsProbe(host: string, port: number, localPort: number): string {
  const tag = Math.random().toString(36).slice(2);
  return [
    `OPTIONS sip:${host}:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP ${host}:${localPort};branch=z9hG4bK-${tag}`,
    'Max-Forwards: 70',
    `From: <sip:probe@${host}>;tag=${tag}`,
    `To: <sip:${host}:${port}>`,
    `Call-ID: probe-${tag}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The wake endpoint on the WebSocket listener (route[WAKE] in kamailio.cfg); the hub's KAMAILIO_WAKE_URL. */
export function kamailioWakeUrl(host: string, wsPort: number): string {
  return `http://${host}:${wsPort}/switchboard/wake`;
}

/** A port free on both UDP and TCP (SIP listens on both). */
export async function freeSipPort(host: string): Promise<number> {
  for (;;) {
    const port = await freeTcpPort(host, []);
    if (await udpPortFree(host, port)) return port;
  }
}

export async function freeTcpPort(host: string, avoid: number[]): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, host, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (!avoid.includes(port)) return port;
  }
}

function udpPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Which trunks are trusted, where queue calls overflow while the hub is down, and the flood limit: the same for `npm start` and `npm run kamailio`. */
export type SipPolicy = Required<Pick<StartKamailioOptions, 'trustedTrunks' | 'overflow' | 'floodLimit'>>;

/** Requests per seconds from one address before pike drops them, unless SIP_FLOOD_LIMIT says otherwise. */
const DEFAULT_FLOOD_LIMIT = { requests: 60, perSeconds: 2 };

/**
 * SIP_TRUSTED_TRUNKS (comma-separated subnets, default 127.0.0.1/32),
 * SIP_OVERFLOW (a SIP URI; none by default) and SIP_FLOOD_LIMIT
 * (`<requests>/<seconds>`, default 60/2, `off` for none). The values are
 * checked when the config is rendered.
 */
export function sipPolicyFromEnv(env: NodeJS.ProcessEnv): SipPolicy {
  const trunks = env.SIP_TRUSTED_TRUNKS?.trim();
  const flood = env.SIP_FLOOD_LIMIT?.trim();
  let floodLimit: SipPolicy['floodLimit'] = DEFAULT_FLOOD_LIMIT;
  if (flood === 'off') floodLimit = null;
  else if (flood) {
    const [requests = '', perSeconds = ''] = flood.split('/');
    floodLimit = { requests: Number(requests), perSeconds: Number(perSeconds) };
  }
  return {
    trustedTrunks: trunks === undefined ? ['127.0.0.1/32'] : trunks.split(',').map((trunk) => trunk.trim()).filter(Boolean),
    overflow: env.SIP_OVERFLOW?.trim() || null,
    floodLimit,
  };
}

/** SIP_TRUNK: the carrier gateway agents dial customers through (checked when the config is rendered); the hub reads the same variable. */
export const sipTrunkFromEnv = (env: NodeJS.ProcessEnv): string | null => env.SIP_TRUNK?.trim() || null;

/** `npm run kamailio`: settings from the environment, the ports fixed (5060, 5066) unless set. */
function optionsFromEnv(env: NodeJS.ProcessEnv): StartKamailioOptions & { sipPort: number; wsPort: number; maxAttempts: number } {
  const voiceKey = env.VOICE_KEY;
  if (!voiceKey) throw new Error('VOICE_KEY is not set: give Kamailio the same VOICE_KEY as the hub (32+ characters).');
  const authSecret = env.SIP_AUTH_SECRET;
  if (!authSecret) {
    console.warn('SIP_AUTH_SECRET is not set: authentication is OFF, anyone reaching the ports may register as any agent. Never so in production.');
  }
  return {
    auth: authSecret ? { secret: authSecret } : null,
    ...sipPolicyFromEnv(env),
    trunk: sipTrunkFromEnv(env),
    listenAddress: env.SIP_LISTEN ?? '127.0.0.1',
    sipPort: Number(env.SIP_PORT ?? DEFAULT_SIP_PORT),
    wsPort: Number(env.SIP_WS_PORT ?? DEFAULT_SIP_WS_PORT),
    domain: env.SIP_DOMAIN ?? 'switchboard.local',
    hubUrl: env.HUB_URL ?? `http://127.0.0.1:${env.PORT ?? 4310}`,
    voiceKey,
    maxAttempts: Number(env.SIP_MAX_ATTEMPTS ?? DEFAULT_MAX_ATTEMPTS),
    waitFallbackSec: Number(env.SIP_WAIT_FALLBACK_SEC ?? DEFAULT_WAIT_FALLBACK_SEC),
    // Plain-RTP phones reach the browsers whenever rtpengine is there to bridge them.
    withRtpengine: findBinary('rtpengine') !== null,
  };
}

async function main(argv: string[]): Promise<void> {
  const options = optionsFromEnv(process.env);
  if (argv.includes('--print-config')) {
    // A production rtpengine runs as its own service: RTPENGINE_NG=127.0.0.1:2223 names its control socket.
    const [ngHost = '', ngPort = ''] = (process.env.RTPENGINE_NG ?? '').split(':');
    const rtpengine = process.env.RTPENGINE_NG ? { host: ngHost, port: Number(ngPort) } : null;
    process.stdout.write(renderKamailioConfig(readFileSync(KAMAILIO_TEMPLATE, 'utf8'), { ...options, rtpengine }));
    return;
  }
  const kamailio = await startKamailio(options);
  const media = options.withRtpengine ? 'with rtpengine for plain-RTP phones' : `without a media bridge (${RTPENGINE_INSTALL_HINT})`;
  console.log(`Kamailio ready: SIP udp/tcp ${kamailio.sipAddress}, WebSocket ${kamailio.wsUrl}, asking the hub at ${options.hubUrl}, ${media}`);
  const stop = (): void => {
    void kamailio.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
