import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, Session } from '../../shared/protocol/auth';
import type { Response } from '../../shared/protocol/errors';
import { type Desktop, expectError, expectOk, refusedHandshake, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const ACCESS_TTL_SEC = 60;

/** Resolves when the hub tells this desktop its session is over and drops it. */
const endedByHub = (desktop: Desktop): Promise<void> =>
  new Promise((resolve) => {
    let told = false;
    desktop.once('session:expired', () => {
      told = true;
    });
    desktop.once('disconnect', (reason) => {
      // Told first, then dropped by the hub (not by this client).
      expect(told).toBe(true);
      expect(reason).toBe('io server disconnect');
      resolve();
    });
  });

/**
 * Accounts end to end on one store, through the real HTTP routes and sockets:
 * sign-in throttling (429 + Retry-After, cleared by a success or an admin),
 * access-token expiry and refresh, "log out everywhere" (own and an admin's),
 * a reset password and a disabled account ending sessions, and the password
 * policy wherever a password is set.
 */
export function defineAccountSessionsSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`accounts and sessions on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;

    async function accounts(): Promise<AccountView[]> {
      return expectOk(await admin.emitWithAck('admin:account:list', {}));
    }
    const accountOf = async (username: string) => {
      const found = (await accounts()).find((account) => account.user.username === username);
      if (!found) throw new Error(`no account ${username}`);
      return found;
    };
    const refresh = async (session: Session) => t.post('/api/refresh', { refreshToken: session.refreshToken });
    const metrics = (token: string) => fetch(`${t.hub.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { ACCESS_TTL_SEC: String(ACCESS_TTL_SEC) });
      admin = await t.desktop('admin');
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('throttles sign-in guessing through HTTP: 429 with Retry-After after 5 failures, a typed code, an admin sees and clears the lock', async () => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { status, json } = await t.post('/api/login', { username: 'agent5', password: `wrong-${attempt}` });
        expect(status).toBe(401);
        expect(expectError(json as Response<Session>).code).toBe('bad-credentials');
      }
      const locked = await t.post('/api/login', { username: 'agent5', password: 'demo1234' });
      expect(locked.status).toBe(429);
      const error = expectError(locked.json as Response<Session>);
      expect(error.code).toBe('rate-limited');
      expect(error.retryAfterSec).toBeGreaterThan(0);
      expect(locked.headers.get('retry-after')).toBe(String(error.retryAfterSec));
      expect((await accountOf('agent5')).lockedForSec).toBeGreaterThan(0);
      expectOk(await admin.emitWithAck('admin:account:unlock', { username: 'agent5' }));
      expect((await accountOf('agent5')).lockedForSec).toBe(0);
      expect((await t.login('agent5')).user.username).toBe('agent5');
    });

    it('clears a username’s failures on a successful sign-in', async () => {
      for (let attempt = 0; attempt < 4; attempt += 1) expect((await t.post('/api/login', { username: 'agent4', password: 'nope-nope' })).status).toBe(401);
      await t.login('agent4');
      // Four more failures would have locked the account had the first four still counted.
      for (let attempt = 0; attempt < 4; attempt += 1) expect((await t.post('/api/login', { username: 'agent4', password: 'nope-nope' })).status).toBe(401);
      expect((await accountOf('agent4')).lockedForSec).toBe(0);
      await t.login('agent4');
    });

    it('expires access tokens (event refused, session:expired, socket closed), refreshes once per refresh token', async () => {
      const session = await t.login('agent1');
      const desktop = await t.connect(session.accessToken);
      expectOk(await desktop.emitWithAck('session:whoami', {}));
      const ended = endedByHub(desktop);
      t.clock.offsetMs += ACCESS_TTL_SEC * 1000;
      try {
        // The hub's timer may close the socket first; either way the session is over.
        const answer = await desktop.timeout(2_000).emitWithAck('session:whoami', {}).catch(() => null);
        if (answer) expect(expectError(answer).code).toBe('token-expired');
        await ended;
        expect((await refusedHandshake(t.connect(session.accessToken))).message).toBe('token-expired');
        const renewed = await refresh(session);
        expect(renewed.status).toBe(200);
        const next = expectOk(renewed.json as Response<Session>);
        expect(next.accessExpiresAt).toBeGreaterThan(session.accessExpiresAt);
        // Single use: the old refresh token is gone.
        expect(expectError((await refresh(session)).json as Response<Session>).code).toBe('token-invalid');
        const again = await t.connect(next.accessToken);
        expect(expectOk(await again.emitWithAck('session:whoami', {})).username).toBe('agent1');
        again.disconnect();
      } finally {
        t.clock.offsetMs -= ACCESS_TTL_SEC * 1000;
      }
    });

    it('logs out everywhere: every desktop of mine is told and dropped, no token of mine works anywhere, a new sign-in does', async () => {
      const first = await t.login('supervisor');
      const second = await t.login('supervisor');
      const [a, b] = [await t.connect(first.accessToken), await t.connect(second.accessToken)];
      expect((await metrics(first.accessToken)).status).toBe(200);
      const ended = [endedByHub(a), endedByHub(b)];
      // An empty payload never ends sessions.
      expect(expectError(await a.emitWithAck('account:signOutEverywhere', {} as never)).code).toBe('invalid-payload');
      const answer = expectOk(await a.emitWithAck('account:signOutEverywhere', { confirm: true }));
      expect(answer.revokedRefreshTokens).toBeGreaterThanOrEqual(2);
      // The asking desktop got its answer; its next event meets the ended session (the dispatcher's per-event check).
      expect(expectError(await a.emitWithAck('session:whoami', {})).code).toBe('token-expired');
      await Promise.all(ended);
      // The socket handshake, the HTTP bearer check and the refresh all refuse the old tokens.
      for (const session of [first, second]) {
        expect((await refusedHandshake(t.connect(session.accessToken))).message).toBe('token-invalid');
        expect((await metrics(session.accessToken)).status).toBe(401);
        expect(expectError((await refresh(session)).json as Response<Session>).code).toBe('token-invalid');
      }
      const fresh = await t.login('supervisor');
      const c = await t.connect(fresh.accessToken);
      expect(expectOk(await c.emitWithAck('session:whoami', {})).username).toBe('supervisor');
      c.disconnect();
    });

    it('lets an admin end a user’s sessions, reset a password (policy checked) and disable an account, each ending sessions', async () => {
      const agent2 = await accountOf('agent2');
      let desktop = await t.desktop('agent2');
      let ended = endedByHub(desktop);
      expectOk(await admin.emitWithAck('admin:account:signOut', { userId: agent2.user.id }));
      await ended;

      desktop = await t.desktop('agent2');
      ended = endedByHub(desktop);
      const weak = expectError(await admin.emitWithAck('admin:account:password', { userId: agent2.user.id, password: 'woaini1314' }));
      expect(weak).toMatchObject({ code: 'weak-password', rule: 'common' });
      expect(expectError(await admin.emitWithAck('admin:account:password', { userId: agent2.user.id, password: 'my-agent2-pw' })).rule).toBe('contains-username');
      expect(desktop.connected).toBe(true);
      expectOk(await admin.emitWithAck('admin:account:password', { userId: agent2.user.id, password: 'Harbour lights 9' }));
      await ended;
      expect((await t.post('/api/login', { username: 'agent2', password: 'demo1234' })).status).toBe(401);
      const signedIn = await t.login('agent2', 'Harbour lights 9');

      desktop = await t.connect(signedIn.accessToken);
      ended = endedByHub(desktop);
      const disabled = expectOk(await admin.emitWithAck('admin:account:disable', { userId: agent2.user.id, disabled: true }));
      expect(disabled.disabled).toBe(true);
      await ended;
      const refused = await t.post('/api/login', { username: 'agent2', password: 'Harbour lights 9' });
      expect(refused.status).toBe(403);
      expect(expectError(refused.json as Response<Session>).code).toBe('forbidden');
      expect(expectError((await refresh(signedIn)).json as Response<Session>).code).toBe('token-invalid');
      expect(expectOk(await admin.emitWithAck('admin:account:disable', { userId: agent2.user.id, disabled: false })).disabled).toBe(false);
      expect((await t.login('agent2', 'Harbour lights 9')).user.username).toBe('agent2');
      // An administrator cannot lock themselves out.
      const self = await accountOf('admin');
      expect(expectError(await admin.emitWithAck('admin:account:disable', { userId: self.user.id, disabled: true })).code).toBe('conflict');
    });

    it('changes my own password: the current one is required, the policy applies, every session of mine ends', async () => {
      const desktop = await t.desktop('agent3');
      expect(expectError(await desktop.emitWithAck('account:password', { currentPassword: 'not-it-at-all', newPassword: 'Quiet river 42' })).code).toBe('bad-credentials');
      const weak = expectError(await desktop.emitWithAck('account:password', { currentPassword: 'demo1234', newPassword: '1234567890' }));
      expect(weak).toMatchObject({ code: 'weak-password', rule: 'common' });
      expect(expectError(await desktop.emitWithAck('account:password', { currentPassword: 'demo1234', newPassword: 'abcdefghi' })).rule).toBe('one-class');
      const ended = endedByHub(desktop);
      expectOk(await desktop.emitWithAck('account:password', { currentPassword: 'demo1234', newPassword: 'Quiet river 42' }));
      expect(expectError(await desktop.emitWithAck('session:whoami', {})).code).toBe('token-expired');
      await ended;
      expect((await t.login('agent3', 'Quiet river 42')).user.username).toBe('agent3');
    });

    it('applies the password policy when an admin creates a user', async () => {
      const weak = expectError(await admin.emitWithAck('admin:user:create', { username: 'agent7', displayName: 'Agent 7', role: 'agent', password: 'agent7agent7' }));
      expect(weak).toMatchObject({ code: 'weak-password', rule: 'contains-username' });
      expectOk(await admin.emitWithAck('admin:user:create', { username: 'agent7', displayName: 'Agent 7', role: 'agent', password: 'Seven tea cups' }));
    });
  });
}
