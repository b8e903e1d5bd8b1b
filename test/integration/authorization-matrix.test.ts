import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/user';
import type { Response } from '../../shared/protocol/errors';
import { CLIENT_EVENTS, type ClientEventName } from '../../shared/protocol/events';
import { VISITOR_EVENTS, VISITOR_NAMESPACE, VISITOR_PATHS, type VisitorSession } from '../../shared/protocol/visitor';
import { callRoute, HTTP_CALLERS, type HttpCaller, httpRoutes } from './helpers/fuzz-http-routes';
import { countChanges, rowCounter } from './helpers/fuzz-state';
import { type Desktop, expectOk, refusedHandshake, startTestHub, type TestHub } from './helpers/test-hub';
import { sqliteTestStore, type TestStore } from './helpers/test-stores';

const STAFF: readonly Role[] = ['agent', 'supervisor', 'admin'];

/**
 * Who may call what, written out here on purpose rather than read from
 * CLIENT_EVENTS: a change to an event's roles (or a new event) must change
 * this list too, where a reviewer sees it as a change of access.
 */
const EXPECTED_ROLES: Record<string, readonly ClientEventName[]> = {
  'agent supervisor admin': [
    'sync:pull',
    'mutation:push',
    'history:page',
    'session:whoami',
    'agent:desk',
    'agent:directory',
    'canned:list',
    'canned:upsert',
    'canned:delete',
    'voice:settings',
    'recording:list',
    'email:signatures',
    'email:signature:set',
    'complaint:settings',
    'complaint:list',
    'followUp:list',
    'followUp:settings',
    'customer:value',
    'order:add',
    'customer:list',
    'crossSell:suggest',
    'crossSell:record',
    'monitor:ice',
    'monitor:stop',
    // ── accounts (hub/auth/account-routes.ts) ──
    'account:password',
    'account:signOutEverywhere',
    // ── data protection (hub/privacy/) ──
    'privacy:erasure',
  ],
  'supervisor admin': [
    // ── data protection (hub/privacy/): erasure and the retention settings' reading ──
    'privacy:erase',
    'admin:retention:get',
    'admin:user:list',
    'task:create',
    'admin:queue:list',
    'admin:agent:list',
    'admin:settings:get',
    'admin:widget:list',
    'admin:sms:get',
    'supervisor:watch',
    'supervisor:unwatch',
    'supervisor:task:move',
    'supervisor:task:assign',
    'supervisor:agent:state',
    'supervisor:message',
    'supervisor:agent:edit',
    'supervisor:settings:set',
    'report:run',
    'admin:surveys:get',
    'loyalty:adjust',
    'customer:credit',
    'admin:value:get',
    'campaign:preview',
    'campaign:create',
    'campaign:list',
    'campaign:progress',
    'campaign:start',
    'campaign:pause',
    'analysis:pyramid',
    'analysis:lifecycle',
    'analysis:migration',
    'analysis:churn',
    'crossSell:figures',
    'crossSell:mine',
    'monitor:start',
    'monitor:answer',
    'monitor:mode',
    'monitor:settings',
  ],
  admin: [
    'admin:user:create',
    'admin:queue:upsert',
    'admin:agent:upsert',
    'admin:settings:set',
    'admin:widget:upsert',
    'admin:voice:set',
    'admin:sms:set',
    'admin:email:get',
    'admin:email:set',
    'admin:email:quarantine',
    'admin:complaints:set',
    'admin:followUps:set',
    'admin:surveys:set',
    'admin:value:set',
    'admin:value:recompute',
    'admin:monitor:set',
    // ── data protection (hub/privacy/) ──
    'admin:retention:set',
    'admin:retention:sweep',
    // ── accounts and audit (hub/auth/account-routes.ts) ──
    'admin:account:list',
    'admin:account:signOut',
    'admin:account:password',
    'admin:account:disable',
    'admin:account:unlock',
    'admin:audit:list',
  ],
  'agent supervisor': [
    'agent:state:set',
    'task:accept',
    'task:decline',
    'task:complete',
    'task:wrapup',
    'task:transfer',
    'chat:open',
    'chat:send',
    'chat:typing',
    'chat:read',
    'agent:phone',
    'recording:policy',
    'call:hold',
    'customer:link',
    'voice:credentials',
    'sms:open',
    'sms:send',
    'sms:retry',
    'email:open',
    'email:retry',
    'campaign:next',
    'campaign:mine',
    'campaign:outcome',
    'monitor:offer',
  ],
};

const EVENT_NAMES = Object.keys(CLIENT_EVENTS) as ClientEventName[];
const mayCall = (name: ClientEventName, role: Role): boolean => (CLIENT_EVENTS[name].roles as readonly Role[]).includes(role);
const roleLayerRefusal = (name: string, role: Role) => `The ${role} role may not call ${name}.`;

describe('authorization matrix', () => {
  let store: TestStore;
  let t: TestHub;
  const desktops = {} as Record<Role, Desktop>;
  const tokens = {} as Record<Role, string>;
  const usernames: Record<Role, string> = { agent: 'agent1', supervisor: 'supervisor', admin: 'admin' };

  beforeAll(async () => {
    store = await sqliteTestStore();
    const renderer = join(store.dataDir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Switchboard</title>');
    // The night's runs would change the store under a probe that crosses 02:00 (hub/server.ts, nightlyRuns).
    t = await startTestHub(store, { SWITCHBOARD_RENDERER: renderer }, { nightlyRuns: false });
    for (const role of STAFF) {
      tokens[role] = (await t.login(usernames[role])).accessToken;
      desktops[role] = await t.connect(tokens[role]);
    }
  });

  afterAll(async () => {
    await t?.close();
    await store?.cleanup();
  });

  it('lists who may call each event as CLIENT_EVENTS enforces it, with no event left out', () => {
    const actual: Record<string, ClientEventName[]> = {};
    for (const name of EVENT_NAMES) {
      const roles = STAFF.filter((role) => mayCall(name, role)).join(' ');
      actual[roles] = [...(actual[roles] ?? []), name];
    }
    const sorted = (table: Record<string, readonly string[]>) => Object.fromEntries(Object.entries(table).map(([roles, names]) => [roles, [...names].sort()]));
    expect(sorted(actual)).toEqual(sorted(EXPECTED_ROLES));
  });

  it('keeps the house rules of access: administration and supervision are never an agent’s, settings are written by admins', () => {
    for (const name of EVENT_NAMES) {
      const roles = CLIENT_EVENTS[name].roles as readonly Role[];
      if (/^(admin|supervisor|analysis|report):/.test(name)) expect(roles, name).not.toContain('agent');
      if (/^admin:.*:(set|upsert|create|recompute)$/.test(name)) expect(roles, name).toEqual(['admin']);
      expect(roles.length, name).toBeGreaterThan(0);
    }
    for (const role of STAFF) {
      expect(mayCall('session:whoami', role)).toBe(true);
      expect(mayCall('sync:pull', role)).toBe(true);
    }
  });

  it('refuses the socket handshake to anyone without a valid staff token', async () => {
    const noAuth = io(t.hub.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const refused = await new Promise<Error>((resolve) => noAuth.once('connect_error', resolve));
    noAuth.disconnect();
    expect(refused.message).toBe('token-invalid');
    expect((await refusedHandshake(t.connect(''))).message).toBe('token-invalid');
    expect((await refusedHandshake(t.connect('forged.token.value'))).message).toBe('token-invalid');
    // A real token with one character changed.
    const tampered = `${tokens.agent.slice(0, -2)}${tokens.agent.at(-2) === 'A' ? 'B' : 'A'}${tokens.agent.at(-1)}`;
    expect((await refusedHandshake(t.connect(tampered))).message).toBe('token-invalid');
    // A refresh token is not an access token.
    expect((await refusedHandshake(t.connect((await t.login('agent2')).refreshToken))).message).toBe('token-invalid');
  });

  it('answers every event for every role: forbidden before the payload is looked at when the role may not, never a role refusal when it may', async () => {
    const counts = rowCounter(t.hub.db);
    const matrix: Record<string, string>[] = [];
    const problems: string[] = [];
    // The refusals first, with a payload no schema would take: the role decides before the payload is read, and nothing changes.
    const before = await counts();
    for (const name of EVENT_NAMES) {
      for (const role of STAFF.filter((candidate) => !mayCall(name, candidate))) {
        for (const payload of [{}, 'not even an object', [1, 2, 3], null]) {
          const answer = (await desktops[role].timeout(10_000).emitWithAck(name, payload as never)) as Response<unknown>;
          if (answer.ok || answer.error.code !== 'forbidden' || answer.error.message !== roleLayerRefusal(name, role)) {
            problems.push(`${role} ${name} ${JSON.stringify(payload)}: expected forbidden, got ${JSON.stringify(answer)}`);
          }
        }
      }
    }
    expect(countChanges(before, await counts())).toEqual([]);
    // Then what each role may call, with a well-formed but empty payload: any answer but the role's refusal.
    for (const name of EVENT_NAMES) {
      const row: Record<string, string> = { event: name };
      for (const role of STAFF) {
        if (!mayCall(name, role)) {
          row[role] = 'deny';
          continue;
        }
        const answer = (await desktops[role].timeout(10_000).emitWithAck(name, {} as never)) as Response<unknown>;
        row[role] = answer.ok ? 'allow (ok)' : `allow (${answer.error.code})`;
        if (!answer.ok && (answer.error.message === roleLayerRefusal(name, role) || answer.error.code === 'internal')) {
          problems.push(`${role} ${name} {}: ${JSON.stringify(answer.error)}`);
        }
      }
      matrix.push(row);
    }
    console.table(matrix);
    expect(problems).toEqual([]);
    for (const role of STAFF) expect(desktops[role].connected, role).toBe(true);
  });

  it('keeps visitors and staff apart: a visitor reaches no staff event, and neither side opens the other’s door', async () => {
    const { status, json } = await t.post(VISITOR_PATHS.start, { widgetId: 'demo', name: 'Matrix visitor' });
    expect(status).toBe(200);
    const session = expectOk(json as Response<VisitorSession>);
    const visitor: Socket = io(`${t.hub.url}${VISITOR_NAMESPACE}`, { auth: { token: session.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      visitor.once('connect', () => resolve());
      visitor.once('connect_error', reject);
    });
    try {
      const rows: Record<string, string>[] = [];
      for (const name of EVENT_NAMES) {
        // chat:send, chat:typing and chat:read exist on both doors: on the visitor's they are the visitor's own, on their own chat.
        if (Object.hasOwn(VISITOR_EVENTS, name)) {
          rows.push({ event: name, visitor: 'own event of the same name' });
          continue;
        }
        const answer = (await visitor.timeout(10_000).emitWithAck(name, {})) as Response<unknown>;
        rows.push({ event: name, visitor: answer.ok ? 'ANSWERED' : answer.error.code });
        expect(answer.ok ? 'ok' : answer.error.code, name).toBe('unknown-event');
      }
      console.table(rows.filter((row) => row.visitor !== 'unknown-event').concat({ event: `(${rows.length} staff events)`, visitor: 'unknown-event unless listed' }));
      // A staff socket has no visitor-only events.
      for (const name of Object.keys(VISITOR_EVENTS).filter((candidate) => !Object.hasOwn(CLIENT_EVENTS, candidate))) {
        for (const role of STAFF) {
          const answer = (await desktops[role].timeout(10_000).emitWithAck(name as ClientEventName, {} as never)) as Response<unknown>;
          expect(answer.ok ? 'ok' : answer.error.code, `${role} ${name}`).toBe('unknown-event');
        }
      }
      // Each door takes only its own tokens.
      expect((await refusedHandshake(t.connect(session.token))).message).toBe('token-invalid');
      for (const role of STAFF) {
        const wrongDoor = io(`${t.hub.url}${VISITOR_NAMESPACE}`, { auth: { token: tokens[role] }, transports: ['websocket'], reconnection: false, forceNew: true });
        const refused = await new Promise<Error>((resolve) => wrongDoor.once('connect_error', resolve));
        wrongDoor.disconnect();
        expect(refused.message, role).toBe('token-invalid');
      }
    } finally {
      visitor.disconnect();
    }
  });

  it('answers every HTTP route with the status its guard gives each caller', async () => {
    const tokenOf = (caller: HttpCaller): string | null =>
      caller === 'none' ? null : caller === 'bad-token' ? `${tokens.agent.slice(0, 10)}forged` : tokens[caller];
    const routes = httpRoutes(t.hub.voiceKey);
    const table: Record<string, string | number>[] = [];
    const actual: Record<string, Record<HttpCaller, number>> = {};
    const expected: Record<string, Record<HttpCaller, number>> = {};
    for (const route of routes) {
      const statuses = {} as Record<HttpCaller, number>;
      for (const caller of HTTP_CALLERS) statuses[caller] = (await callRoute(t.hub.port, route, tokenOf(caller))).status;
      actual[route.name] = statuses;
      expected[route.name] = route.expect;
      table.push({ route: `${route.method} ${route.path.split('?')[0]}`, case: route.name, guard: route.guard, ...statuses });
    }
    console.table(table);
    expect(actual).toEqual(expected);
  });
});
