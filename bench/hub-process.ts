import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ulid } from 'ulid';
import { hashPassword } from '../hub/auth/password';
import { loadConfig } from '../hub/config';
import { saveProfile } from '../hub/db/routing-queries';
import { insertUsers } from '../hub/db/user-queries';
import { startHub } from '../hub/server';
import { DEMO_PASSWORD } from '../shared/demo';
import type { AgentProfile } from '../shared/domain/routing';
import { sleep } from './pool';

/**
 * The hub as its own process for the benchmarks that measure it from outside
 * (call-rate, load): its CPU and memory are its own, read from /proc.
 */

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export type HubProcess = { child: ChildProcess; url: string };

/**
 * Seeds the store (the demo, when `env` asks for it) with an in-process hub,
 * then adds `usernames` as agents (demo password) with one profile each: the
 * store the spawned hub then opens. Users go straight into the store with one
 * shared argon2 hash (hundreds of hashes would take minutes).
 */
export async function prepareBenchStore(
  env: Record<string, string>,
  usernames: readonly string[],
  profile: Pick<AgentProfile, 'queueIds' | 'capacity' | 'autoAccept'>,
): Promise<void> {
  const hub = await startHub(loadConfig(env));
  try {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users = usernames.map((username, i) => ({
      user: { id: ulid(), username, displayName: `Bench agent ${i}`, role: 'agent' as const },
      passwordHash,
    }));
    for (let i = 0; i < users.length; i += 100) await insertUsers(hub.db, users.slice(i, i + 100), Date.now());
    for (const { user } of users) {
      await saveProfile(hub.db, { userId: user.id, skills: {}, maxMissedBeforeAway: 0, ...profile });
    }
  } finally {
    await hub.close();
  }
}

/** `tsx hub/main.ts` with `env` on top of this process's; resolves once it prints its URL (a cluster node's once it serves, leading or following). */
export function spawnHub(env: Record<string, string>, nodeFlags: readonly string[] = []): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeFlags, 'hub/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the hub did not start in 60 s:\n${out}${errors}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      // One hub alone ("hub ready at"), or a node of several ("hub node <id> ready at").
      const match = /hub (?:node \S+ )?ready at (http:\/\/[^\s;]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited (${code}) before it was ready:\n${out}${errors}`));
    });
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
