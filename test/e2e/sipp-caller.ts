import { spawn } from 'node:child_process';

/** One SIPp call from 127.0.0.1 against Kamailio, for e2e suites whose scenario files are written or rewritten per test. */

export type SippOutcome = { code: number | null; output: string };

export type SippCall = {
  /** Kamailio's UDP host:port. */
  sipAddress: string;
  scenarioFile: string;
  /** The Request-URI user part: an extension or a queue number. */
  service: string;
  /** More SIPp arguments: `-key` values, trace files. */
  args?: string[];
};

/** Runs SIPp for one call; resolves with its exit code and the tail of its output (for a failure message). */
export function runSippCall(call: SippCall): Promise<SippOutcome> {
  return new Promise((resolve) => {
    const child = spawn(
      'sipp',
      [
        call.sipAddress,
        ...['-sf', call.scenarioFile, '-s', call.service, '-m', '1', '-i', '127.0.0.1', '-p', '0', '-nostdin'],
        ...(call.args ?? []),
        // A guard against a hung process, not an assertion: a broken call fails long before.
        ...['-timeout', '60s', '-timeout_error'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, output: output.slice(-4000) }));
  });
}
