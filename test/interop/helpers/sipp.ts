import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeSipPort } from '../../../scripts/kamailio';

/** Runs the scenario files in test/interop/sipp/ with the real `sipp` binary. */

export type Scenario =
  | 'register'
  | 'agent-answers'
  | 'agent-declines'
  | 'agent-ignores'
  | 'caller'
  | 'caller-asserted'
  | 'caller-refused'
  | 'caller-hangs-up'
  | 'caller-asserted-hangs-up'
  | 'register-auth'
  | 'register-unauthenticated'
  | 'register-visitor'
  | 'caller-auth-refused'
  | 'caller-auth-refused-video'
  | 'caller-cancels-at-once'
  | 'caller-cancels-late'
  | 'caller-reinvites'
  | 'agent-answers-reinvites'
  | 'agent-dials-out'
  | 'carrier-answers'
  | 'carrier-busy';

export type SippRun = {
  scenario: Scenario;
  /** host:port of Kamailio; absent for a phone that only waits for a call. */
  remote?: string;
  /** The local port (a phone that waits for calls needs a known one); a free one when absent. */
  localPort?: number;
  /** The Request-URI user part ([service]). */
  service?: string;
  /** Values for [$name] in the scenario. */
  keys?: Record<string, string>;
  /** The address SIPp sends from (another loopback address is another source to Kamailio); 127.0.0.1 when absent. */
  localIp?: string;
  /** Digest credentials for the scenario's [authentication] (SIPp's -au / -ap). */
  credentials?: { username: string; password: string };
};

export type SippResult = {
  /** 0 when every call of the run succeeded. */
  exitCode: number;
  /** The scenario's <log> lines. */
  logged: string[];
  /** SIPp's own error log, for a failure message. */
  errors: string;
};

export type RunningSipp = { done: Promise<SippResult>; stop(): void };

const SCENARIOS = fileURLToPath(new URL('../sipp/', import.meta.url));

export function startSipp(run: SippRun): RunningSipp {
  let child: ReturnType<typeof spawn> | undefined;
  let stopped = false;
  const done = (async (): Promise<SippResult> => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-sipp-'));
    const logFile = path.join(dir, 'actions.log');
    const errorFile = path.join(dir, 'errors.log');
    const localIp = run.localIp ?? '127.0.0.1';
    const args = ['-sf', path.join(SCENARIOS, `${run.scenario}.xml`), '-i', localIp, '-m', '1', '-nostdin'];
    if (run.credentials) args.push('-au', run.credentials.username, '-ap', run.credentials.password);
    args.push('-trace_logs', '-log_file', logFile, '-trace_err', '-error_file', errorFile);
    // A guard against a hung process, not an assertion: a broken call fails long before.
    args.push('-timeout', '60s', '-timeout_error');
    args.push('-p', String(run.localPort ?? (await freeSipPort(localIp))));
    if (run.service) args.push('-s', run.service);
    for (const [name, value] of Object.entries(run.keys ?? {})) args.push('-key', name, value);
    if (run.remote) args.push(run.remote);
    try {
      const exitCode = await new Promise<number>((resolve, reject) => {
        child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
        child.once('error', reject);
        child.once('exit', (code) => resolve(code ?? 1));
        if (stopped) child.kill('SIGTERM');
      });
      return { exitCode, logged: await readLines(logFile), errors: await readFile(errorFile, 'utf8').catch(() => '') };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return {
    done,
    stop: () => {
      stopped = true;
      if (child && child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

export async function runSipp(run: SippRun): Promise<SippResult> {
  return startSipp(run).done;
}

async function readLines(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
