import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Secrets come from the environment or an env file on the server (deploy/security.md), never from the
 * repository. This scans every file git tracks or would add (ignored ones, like data/ and .env, stay out)
 * for the shapes of real credentials. Each pattern is checked to fire on a made-up sample first, built at
 * run time so this file holds none.
 */
const PATTERNS: readonly { name: string; pattern: RegExp; sample: string; files?: RegExp }[] = [
  { name: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/, sample: `-----BEGIN ${'PRIVATE'} KEY-----` },
  { name: 'AWS access key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, sample: `AKIA${'Q'.repeat(16)}` },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, sample: `ghp_${'a1'.repeat(18)}` },
  { name: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, sample: `xoxb-${'1234567890'}-abc` },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, sample: `AIza${'x'.repeat(35)}` },
  { name: 'Twilio account secret', pattern: /\bSK[0-9a-f]{32}\b/, sample: `SK${'0f'.repeat(16)}` },
  {
    // A hub secret written out where a deployment would paste one (env files, configs, docs), with a real-looking
    // value rather than a placeholder. Code is left out: its tests and benches start hubs with made-up keys on purpose.
    name: 'hub secret assignment',
    pattern: /^\s*(?:export\s+)?(?:SWITCHBOARD_SECRET|VOICE_KEY|SIP_AUTH_SECRET|METRICS_TOKEN|DATABASE_URL|SMTP_RELAY_URL)\s*[=:]\s*['"]?(?![<$({])(?:[A-Za-z0-9+/_-]{24,}|\w+:\/\/[^:/\s]+:[^@\s<$…*{]{3,}@)/m,
    sample: `SWITCHBOARD_SECRET=${'k3y'.repeat(10)}`,
    files: /(^|\/)(\.env[^/]*|[^/]*\.(env|conf|cfg|ini|service|ya?ml|json|toml|md|txt|sh))$/,
  },
];

/** Larger files are data (fixtures, lock files), read only up to this. */
const MAX_BYTES = 2 * 1024 * 1024;

function repositoryFiles(root: string): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return listed.split('\0').filter((path) => path.length > 0);
}

function findSecrets(text: string, path = '.env'): string[] {
  return PATTERNS.filter(({ pattern, files }) => (!files || files.test(path)) && pattern.test(text)).map(({ name }) => name);
}

describe('no secrets in the repository', () => {
  it('recognises each kind of secret it looks for', () => {
    for (const { name, sample } of PATTERNS) expect(findSecrets(`# found in a file\n${sample}\n`), name).toContain(name);
    expect(findSecrets('SWITCHBOARD_SECRET=<at least 32 random characters>')).toEqual([]);
    expect(findSecrets(`DATABASE_URL=postgres://switchboard:${'pw'.repeat(6)}@db.internal/switchboard`, 'deploy/systemd/switchboard.env')).toEqual(['hub secret assignment']);
    expect(findSecrets('DATABASE_URL=postgres://switchboard@db.internal/switchboard', 'deploy/systemd/switchboard.env')).toEqual([]);
    // Placeholders in docs are not secrets.
    expect(findSecrets('DATABASE_URL=postgres://switchboard:…@db.internal/switchboard', 'deploy/cluster/README.md')).toEqual([]);
  });

  it('finds none in any tracked or addable file', () => {
    const root = join(import.meta.dirname, '../../..');
    const found: string[] = [];
    let scanned = 0;
    for (const path of repositoryFiles(root)) {
      const full = join(root, path);
      let text: string;
      try {
        if (!statSync(full).isFile()) continue;
        text = readFileSync(full).subarray(0, MAX_BYTES).toString('utf8');
      } catch {
        // Listed by git but gone from the working tree (deleted, not yet committed).
        continue;
      }
      scanned += 1;
      for (const name of findSecrets(text, path)) found.push(`${path}: ${name}`);
    }
    expect(scanned).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
