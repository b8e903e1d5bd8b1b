import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haproxyConfig, ONE_MACHINE_PLAN } from './haproxy-config';

/**
 * `npm run cluster`: the two-node setup of deploy/cluster/ on this machine,
 * for trying scale-out and failover by hand — two hub nodes on one Postgres
 * (DATABASE_URL) and one Redis (REDIS_URL), behind HAProxy on :4310 (HTTP,
 * WebSocket) and :2525 (SMTP, to whichever node leads). Kill either node and
 * watch the other carry on. `--print-haproxy` prints the balancer's config.
 */
if (process.argv.includes('--print-haproxy')) {
  process.stdout.write(haproxyConfig(ONE_MACHINE_PLAN));
  process.exit(0);
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('Set DATABASE_URL to the Postgres the nodes share (e.g. postgres://postgres@127.0.0.1:5432/switchboard).');
  process.exit(1);
}
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runDir = mkdtempSync(join(tmpdir(), 'switchboard-cluster-'));
const children: ChildProcess[] = [];

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): void {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `)));
  child.on('exit', (code, signal) => console.log(`[${name}] stopped (${signal ?? code})`));
  children.push(child);
}

for (const node of ONE_MACHINE_PLAN.nodes) {
  run(node.name, process.execPath, ['--import', 'tsx', 'hub/main.ts'], {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    NODE_ID: node.name,
    PORT: String(node.httpPort),
    SMTP_PORT: String(node.smtpPort),
    // Both nodes serve the same attachments: on one machine, one data directory.
    SWITCHBOARD_DATA: process.env.SWITCHBOARD_DATA ?? './data',
  });
}
const config = join(runDir, 'haproxy.cfg');
writeFileSync(config, haproxyConfig(ONE_MACHINE_PLAN));
run('haproxy', 'haproxy', ['-db', '-f', config]);
console.log(`Cluster: http://127.0.0.1:${ONE_MACHINE_PLAN.listen.httpPort} (HAProxy) → ${ONE_MACHINE_PLAN.nodes.map((node) => `${node.name} :${node.httpPort}`).join(', ')}. Ctrl-C stops all.`);

function stopAll(): void {
  for (const child of children) child.kill('SIGTERM');
  rmSync(runDir, { recursive: true, force: true });
  setTimeout(() => process.exit(0), 12_000).unref();
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
