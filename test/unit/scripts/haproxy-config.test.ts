import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { haproxyConfig, ONE_MACHINE_PLAN } from '../../../scripts/haproxy-config';

describe('the load balancer in front of hub nodes', () => {
  const text = haproxyConfig(ONE_MACHINE_PLAN);

  it('is the example deploy/cluster/ ships (regenerate it with `npm run cluster -- --print-haproxy`)', () => {
    expect(readFileSync(new URL('../../../deploy/cluster/haproxy.cfg', import.meta.url), 'utf8')).toBe(text);
  });

  it('spreads HTTP over every healthy node and sends SMTP only to the leader', () => {
    expect(text).toContain('server hub1 127.0.0.1:4311 check cookie hub1');
    expect(text).toContain('server hub2 127.0.0.1:4312 check cookie hub2');
    expect(text).toMatch(/backend smtp_leader\n {4}mode tcp\n {4}option httpchk GET \/healthz\/leader/);
    expect(text).toContain('server hub2 127.0.0.1:2527 check port 4312');
  });

  it('is accepted by HAProxy itself', () => {
    // `haproxy -c` parses and checks the file (the same text, by the first test) without binding anything.
    const checked = execFileSync('haproxy', ['-c', '-f', fileURLToPath(new URL('../../../deploy/cluster/haproxy.cfg', import.meta.url))], { encoding: 'utf8' });
    expect(checked).toContain('Configuration file is valid');
  });
});
