import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import pg from 'pg';

/** What the figures were measured on: kept as the results file's first line. */
export async function describeMachine(databaseUrl: string): Promise<Record<string, unknown>> {
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const postgres = await client.query<{ server_version: string }>('show server_version').finally(() => client.end());
  return {
    cpuModel,
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: release(),
    node: process.version,
    postgres: postgres.rows[0]?.server_version ?? 'unknown',
    redis: versionOf('redis-server', ['--version'], /v=(\S+)/),
    kamailio: versionOf('kamailio', ['-v'], /kamailio (\S+)/),
    sipp: versionOf('sipp', ['-v'], /SIPp (v\S+)/),
    chromium: versionOf('/usr/bin/chromium', ['--version'], /Chromium (\S+)/),
    // The machine may be shared: how busy it already was when the run began.
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** A tool's version from its own output; "not installed" when it cannot be run. */
function versionOf(command: string, args: string[], pattern: RegExp): string {
  try {
    const output = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    return pattern.exec(output)?.[1] ?? 'unknown';
  } catch (error) {
    // sipp -v exits non-zero after printing its version.
    const output = String((error as { stdout?: unknown }).stdout ?? '');
    return pattern.exec(output)?.[1] ?? 'not installed';
  }
}
