import { describe, expect, it } from 'vitest';
import { LOGIN_POLICY, LoginLimiter } from '../../../../hub/auth/login-limiter';

const MINUTE = 60_000;

function limiterAt(start = 1_700_000_000_000) {
  const clock = { now: start };
  const limiter = new LoginLimiter(LOGIN_POLICY, () => clock.now);
  return { clock, limiter };
}

describe('LoginLimiter', () => {
  it('allows the first five failures for a username and refuses the sixth attempt', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 5; i += 1) {
      expect(limiter.check('agent1', '10.0.0.1')).toEqual({ allowed: true });
      limiter.recordFailure('agent1', '10.0.0.1');
    }
    expect(limiter.check('agent1', '10.0.0.1')).toEqual({ allowed: false, retryAfterSec: 15 * 60 });
  });

  it('counts usernames separately and blocks a username from every address', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 5; i += 1) limiter.recordFailure('agent1', `10.0.0.${i}`);
    expect(limiter.check('agent2', '10.0.0.1').allowed).toBe(true);
    expect(limiter.check('agent1', '192.168.1.9').allowed).toBe(false);
  });

  it('reports the wait until the oldest counted failure leaves the window', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 5; i += 1) {
      limiter.recordFailure('agent1', '10.0.0.1');
      clock.now += MINUTE;
    }
    // First failure at t0, now t0+5min: it expires at t0+15min, 10 minutes away.
    expect(limiter.check('agent1', '10.0.0.1')).toEqual({ allowed: false, retryAfterSec: 10 * 60 });
    clock.now += 10 * MINUTE - 1;
    expect(limiter.check('agent1', '10.0.0.1')).toEqual({ allowed: false, retryAfterSec: 1 });
    clock.now += 1;
    expect(limiter.check('agent1', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('blocks an address after twenty failures across many usernames', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 19; i += 1) limiter.recordFailure(`guess${i}`, '203.0.113.7');
    expect(limiter.check('someone-new', '203.0.113.7').allowed).toBe(true);
    limiter.recordFailure('guess19', '203.0.113.7');
    expect(limiter.check('someone-new', '203.0.113.7')).toEqual({ allowed: false, retryAfterSec: 900 });
    expect(limiter.check('someone-new', '198.51.100.1').allowed).toBe(true);
  });

  it('clears a username after a successful sign-in but keeps the address count', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 4; i += 1) limiter.recordFailure('agent1', '10.0.0.1');
    limiter.recordSuccess('agent1');
    for (let i = 0; i < 4; i += 1) limiter.recordFailure('agent1', '10.0.0.1');
    expect(limiter.check('agent1', '10.0.0.1').allowed).toBe(true);
    for (let i = 0; i < 12; i += 1) limiter.recordFailure(`other${i}`, '10.0.0.1');
    expect(limiter.check('agent1', '10.0.0.1').allowed).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 5; i += 1) limiter.recordFailure('agent1', '10.0.0.1');
    clock.now += 15 * MINUTE + 1;
    limiter.recordFailure('agent1', '10.0.0.1');
    expect(limiter.check('agent1', '10.0.0.1')).toEqual({ allowed: true });
  });
});
