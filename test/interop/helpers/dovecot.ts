import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findBinary, freeTcpPort } from '../../../scripts/kamailio';

/**
 * A throwaway Dovecot IMAP server for the inbound email tests: its own config,
 * a passwd-file user and a maildir in a temp dir, plain IMAP on a free
 * loopback port, run in the foreground as a child and removed afterwards.
 * Debian's `dovecot-imapd` (apt-get install -y dovecot-imapd).
 */
export type RunningDovecot = { host: string; port: number; user: string; password: string; log(): string; stop(): Promise<void> };

export const DOVECOT_INSTALL_HINT = 'Dovecot is not installed — apt-get install -y dovecot-imapd';

/** The account mail is read as: run as root (CI), Dovecot will not give mail to uid 0, so the package's own user owns the maildir. */
function mailOwner(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  if (uid !== 0) return { uid, gid };
  return { uid: Number(execFileSync('id', ['-u', 'dovecot']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'dovecot']).toString().trim()) };
}

/** The name of who runs the tests, and of their group. */
const idOf = (flag: '-un' | '-gn'): string => execFileSync('id', [flag]).toString().trim();

/** `port`: start on this one (a restart on the same address); absent, a free one is chosen. */
export async function startDovecot(options: { user?: string; password?: string; port?: number; readyTimeoutMs?: number } = {}): Promise<RunningDovecot> {
  const binary = findBinary('dovecot');
  if (!binary) throw new Error(DOVECOT_INSTALL_HINT);
  const host = '127.0.0.1';
  const user = options.user ?? 'support';
  const password = options.password ?? 'support-imap-password';
  const port = options.port ?? (await freeTcpPort(host, []));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-dovecot-'));
  // Dovecot's login and auth processes run as its own users and must reach their sockets under the run dir.
  await chmod(dir, 0o755);
  const owner = mailOwner();
  const self = idOf('-un');
  const home = path.join(dir, 'home', user);
  await mkdir(home, { recursive: true });
  await chown(home, owner.uid, owner.gid);
  await writeFile(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${owner.uid}:${owner.gid}::${home}\n`);
  const config = [
    `base_dir = ${path.join(dir, 'run')}`,
    `state_dir = ${path.join(dir, 'state')}`,
    `log_path = ${path.join(dir, 'dovecot.log')}`,
    'protocols = imap',
    `listen = ${host}`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `first_valid_uid = ${Math.min(owner.uid, 100)}`,
    // A non-root Dovecot runs every process as the user who started it.
    ...(self === 'root' ? [] : [`default_internal_user = ${self}`, `default_login_user = ${self}`, `default_internal_group = ${idOf('-gn')}`]),
    'mail_location = maildir:~/Maildir',
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${path.join(dir, 'passwd')}\n}`,
    `userdb {\n  driver = passwd-file\n  args = username_format=%u ${path.join(dir, 'passwd')}\n}`,
    // No chroots: they need root and a prepared directory tree.
    `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = ${host}\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    'service anvil {\n  chroot =\n}',
    '',
  ].join('\n');
  const configFile = path.join(dir, 'dovecot.conf');
  await writeFile(configFile, config);

  const child: ChildProcess = spawn(binary, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    try {
      return `${output}\n${readFileSync(path.join(dir, 'dovecot.log'), 'utf8')}`;
    } catch {
      return output;
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill('SIGTERM');
      const gaveUp = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000))]);
      if (gaveUp) {
        process.kill(-child.pid, 'SIGKILL');
        await exited;
      }
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForGreeting(host, port, exited, options.readyTimeoutMs ?? 10_000);
  } catch (error) {
    const text = log();
    await stop();
    throw new Error(`Dovecot did not start: ${(error as Error).message}\n${text}`);
  }
  return { host, port, user, password, log, stop };
}

/** Connects every 100 ms until Dovecot greets with `* OK`. */
async function waitForGreeting(host: string, port: number, exited: Promise<void>, timeoutMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('it exited');
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host);
      socket.setTimeout(1_000);
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no IMAP greeting on ${host}:${port} within ${timeoutMs} ms`);
}
