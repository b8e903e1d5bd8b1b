import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBinary, freeSipPort, KAMAILIO_INSTALL_HINT, KamailioUnavailableError, optionsProbe, waitForUdpAnswer } from '../scripts/kamailio';
import { percentile, round } from './stats';
import { sleep } from './pool';

/**
 * SIP load for call-rate: Kamailio started from a config the bench renders
 * (scripts/kamailio.ts always renders the shipped template, and a load test
 * must choose the worker count), and SIPp runs read back from SIPp's own
 * statistics files.
 */

const SCENARIOS = fileURLToPath(new URL('./sipp/', import.meta.url));
const HOST = '127.0.0.1';
/** How long a caller waits for an answer (caller.xml's receive timeout). */
export const SETUP_LIMIT_MS = 5_000;
const GUARD_SECONDS = 60;
/** Shared memory for transactions at thousands of calls per second (the dev default, 64 MB, is tight). */
const SHARED_MEMORY_MB = 256;

export type BenchKamailio = { sipAddress: string; pids: () => number[]; log(): string; stop(): Promise<void> };

/**
 * Kamailio alone routing statically, statefully: every INVITE is relayed
 * (t_relay, record-routed) to the agents' phone; ACK and BYE follow the
 * route set. What the hub path is compared with.
 */
export function staticConfig(sipPort: number, phonePort: number, children: number): string {
  return `#!KAMAILIO
debug=1
log_stderror=yes
children=${children}
auto_aliases=no
listen=udp:${HOST}:${sipPort}
alias="${HOST}:${sipPort}"

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "siputils.so"
loadmodule "textops.so"

modparam("tm", "fr_inv_timer", 30000)

request_route {
	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops");
		exit;
	}
	if (is_method("OPTIONS") && uri==myself && $rU == $null) {
		sl_send_reply("200", "OK");
		exit;
	}
	if (has_totag()) {
		if (loose_route()) {
			t_relay();
			exit;
		}
		if (is_method("ACK") && t_check_trans()) {
			t_relay();
		}
		exit;
	}
	if (is_method("CANCEL")) {
		if (t_check_trans()) t_relay();
		exit;
	}
	if (!is_method("INVITE")) {
		sl_send_reply("405", "Method Not Allowed");
		exit;
	}
	record_route();
	$du = "sip:${HOST}:${phonePort}";
	if (!t_relay()) sl_reply_error();
}
`;
}

/** The shipped config as rendered, with `children` UDP workers instead of its own count. */
export function withChildren(rendered: string, children: number): string {
  const pattern = /^children=\d+$/m;
  if (!pattern.test(rendered)) throw new Error('the Kamailio config has no "children=" line to set the worker count on');
  return rendered.replace(pattern, `children=${children}`);
}

export async function startBenchKamailio(config: (sipPort: number) => string): Promise<BenchKamailio> {
  const binary = findBinary('kamailio');
  if (!binary) throw new KamailioUnavailableError(KAMAILIO_INSTALL_HINT);
  const sipPort = await freeSipPort(HOST);
  const runDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-kamailio-'));
  const file = join(runDir, 'kamailio.cfg');
  writeFileSync(file, config(sipPort));
  const child = spawn(binary, ['-DD', '-E', '-f', file, '-Y', runDir, '-m', String(SHARED_MEMORY_MB), '-M', '8'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    await stopGroup(child, exited);
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await answersOptions(sipPort, exited);
  } catch (error) {
    await stop();
    throw new Error(`Kamailio did not start: ${(error as Error).message}\n${lines.join('\n')}`);
  }
  return { sipAddress: `${HOST}:${sipPort}`, pids: () => groupPids(child.pid), log: () => lines.join('\n'), stop };
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const gaveUp = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
  if (gaveUp) {
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
}

/** Every process in the group `leader` heads (Kamailio's workers), for CPU accounting. */
function groupPids(leader: number | undefined): number[] {
  if (leader === undefined) return [];
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = statFields(Number(name));
      if (fields && Number(fields[2]) === leader) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** /proc/<pid>/stat fields after the command name: [0] state, [1] ppid, [2] pgrp, … [11] utime, [12] stime. */
function statFields(pid: number): string[] | null {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const end = text.lastIndexOf(')');
  return end < 0 ? null : text.slice(end + 2).split(' ');
}

/** CPU seconds (user + system) the processes used so far; 100 ticks a second on Linux. */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = statFields(pid);
      if (fields) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? round(Number(kb) / 1024, 1) : Number.NaN;
}

/** Kamailio serves SIP once it answers OPTIONS 200 (the same probe scripts/kamailio.ts waits on). */
const answersOptions = (port: number, exited: Promise<void>): Promise<void> =>
  waitForUdpAnswer(HOST, port, (localPort) => optionsProbe(HOST, port, localPort), (answer) => /^SIP\/2\.0 200 /.test(answer), exited, 15_000);

// ── SIPp ────────────────────────────────────────────────────────────────────

/** `done`: SIPp's exit code (0 every call succeeded, 1 some failed), or null when it was stopped. */
type Sipp = { child: ChildProcess; dir: string; done: Promise<number | null> };

function sipp(scenario: string, args: string[], dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-sipp-'))): Sipp {
  const child = spawn('sipp', ['-sf', join(SCENARIOS, `${scenario}.xml`), '-i', HOST, '-nostdin', ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-2_000);
  });
  const done = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0 || code === 1 || signal !== null) resolve(code);
      else reject(new Error(`sipp ${scenario} exited ${code}: ${errors}`));
    });
  });
  return { child, dir, done };
}

export type AgentsPhone = { port: number; stop(): Promise<void> };

/** One SIPp UAS that answers every call it gets, for as long as the bench runs. */
export async function startAgentsPhone(): Promise<AgentsPhone> {
  const port = await freeSipPort(HOST);
  const run = sipp('agent-answers', ['-p', String(port), '-l', '100000', '-max_recv_loops', '10000']);
  run.done.catch(() => undefined);
  return {
    port,
    stop: async () => {
      if (run.child.exitCode === null) run.child.kill('SIGTERM');
      await run.done.catch(() => undefined);
      rmSync(run.dir, { recursive: true, force: true });
    },
  };
}

/** Registers every username at the agents' phone; throws unless every REGISTER got its 200. */
export async function registerAgents(kamailio: BenchKamailio, usernames: readonly string[], phone: Pick<AgentsPhone, 'port'>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-register-'));
  try {
    writeFileSync(join(dir, 'agents.csv'), `SEQUENTIAL\n${usernames.join('\n')}\n`);
    const port = await freeSipPort(HOST);
    const args = ['-inf', join(dir, 'agents.csv'), '-m', String(usernames.length), '-r', '200', '-p', String(port)];
    args.push('-key', 'contactHost', HOST, '-key', 'contactPort', String(phone.port), '-timeout', '60s', '-timeout_error', kamailio.sipAddress);
    const code = await sipp('register', args, dir).done;
    if (code !== 0) throw new Error(`registering ${usernames.length} agents failed:\n${kamailio.log()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type StepResult = {
  offeredPerSec: number;
  /** SIPp was still waiting on calls GUARD_SECONDS after the last was placed, and was stopped: the counts are its last per-second ones. */
  stoppedAfterGuard: boolean;
  calls: number;
  successful: number;
  failed: number;
  /** Failure kinds SIPp counted (non-zero only), e.g. FailedTimeoutOnRecv, FailedUnexpectedMessage. */
  failures: Record<string, number>;
  /**
   * Messages SIPp did not expect, by status line (its error log): the reply a
   * failed call got instead of a 200, and retransmissions that came after a
   * call had moved on (a 200 OK resent because the ACK was late).
   */
  unexpectedMessages: Record<string, number>;
  /** Calls answered per second, from the first answer to the last. */
  answeredPerSec: number;
  /** INVITE sent → 200 OK received, per call (SIPp's resolution: 1 ms). */
  setupMs: { p50: number; p95: number; p99: number; max: number };
  /**
   * Calls answered later than the caller's 5 s: SIPp restarts a receive
   * timeout when an optional reply (the queue's 180) arrives, so it may let a
   * call through that a caller would have given up on; the step counts them.
   */
  lateAnswers: number;
  elapsedMs: number;
};

/**
 * One step: SIPp dials `dialled` in turn (a queue's number, or agents'
 * extensions) at `rate` calls a second until `calls` calls were placed, each
 * talking `holdMs`; waits for every call to end.
 */
export async function callStep(remote: string, dialled: readonly string[], rate: number, calls: number, holdMs: number): Promise<StepResult> {
  const port = await freeSipPort(HOST);
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-calls-'));
  try {
    writeFileSync(join(dir, 'dialled.csv'), `SEQUENTIAL\n${dialled.join('\n')}\n`);
    const args = ['-inf', join(dir, 'dialled.csv'), '-r', String(rate), '-rp', '1000', '-m', String(calls), '-d', String(holdMs), '-l', '100000', '-p', String(port)];
    // Statistics at the end, every setup time, what failed calls got, and a guard against a hung run (a call fails long before).
    args.push('-trace_stat', '-stf', join(dir, 'stat.csv'), '-fd', '1', '-trace_rtt', '-rtt_freq', '1', '-trace_err', remote);
    const started = performance.now();
    const run = sipp('caller', args, dir);
    // A guard, not a measurement: past overload SIPp may wait on calls for minutes (its own -timeout does not stop it).
    const guard = setTimeout(() => run.child.kill('SIGTERM'), (Math.ceil(calls / rate) + GUARD_SECONDS) * 1000);
    const code = await run.done.finally(() => clearTimeout(guard));
    const elapsedMs = performance.now() - started;
    const stats = lastStatRow(readFileSync(join(dir, 'stat.csv'), 'utf8'));
    const answers = readAnswers(dir);
    const setup = answers.map((answer) => answer.setupMs);
    const span = answers.length > 1 ? ((answers.at(-1)?.atMs ?? 0) - (answers[0]?.atMs ?? 0)) / 1000 : 0;
    const failures = Object.fromEntries([...stats].filter(([name, value]) => /^Failed.*\(C\)$/.test(name) && name !== 'FailedCall(C)' && value > 0));
    return {
      offeredPerSec: rate,
      stoppedAfterGuard: code === null,
      calls: stats.get('OutgoingCall(C)') ?? calls,
      successful: stats.get('SuccessfulCall(C)') ?? 0,
      failed: stats.get('FailedCall(C)') ?? 0,
      failures,
      unexpectedMessages: unexpectedMessages(dir),
      answeredPerSec: span > 0 ? round((answers.length - 1) / span, 1) : 0,
      setupMs: { p50: round(percentile(setup, 50)), p95: round(percentile(setup, 95)), p99: round(percentile(setup, 99)), max: round(Math.max(0, ...setup)) },
      lateAnswers: setup.filter((ms) => ms > SETUP_LIMIT_MS).length,
      elapsedMs: Math.round(elapsedMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The numeric columns of the last row of SIPp's -trace_stat file (";"-separated, header first). */
function lastStatRow(csv: string): Map<string, number> {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0]?.split(';') ?? [];
  const last = lines.at(-1)?.split(';') ?? [];
  const row = new Map<string, number>();
  header.forEach((name, i) => {
    const value = Number(last[i]);
    if (name && Number.isFinite(value)) row.set(name, value);
  });
  return row;
}

/** -trace_rtt's file: "Date_ms;response_time_ms;rtd_no", one line per answered call, in answer order. */
function readAnswers(dir: string): { atMs: number; setupMs: number }[] {
  const file = readdirSync(dir).find((name) => name.endsWith('_rtt.csv'));
  if (!file) return [];
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(';'))
    .map(([at, setup]) => ({ atMs: Number(at), setupMs: Number(setup) }))
    .filter((answer) => answer.atMs > 0 && Number.isFinite(answer.setupMs));
}

/** -trace_err's log: "… received 'SIP/2.0 503 Call Routing Unavailable …", counted by status line. */
function unexpectedMessages(dir: string): Record<string, number> {
  const file = readdirSync(dir).find((name) => name.endsWith('_errors.log'));
  if (!file) return {};
  const counts: Record<string, number> = {};
  for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/received '([^\r\n']*)/g)) {
    const line = (match[1] ?? '').trim().slice(0, 60);
    counts[line] = (counts[line] ?? 0) + 1;
  }
  return counts;
}
