import { describe, expect, it } from 'vitest';
import type { HubSocket } from '../../../../../renderer/sync/hub-socket';
import { createAdminClient } from '../../../../../renderer/sync/admin-client';
import { fail, ok, type Response } from '../../../../../shared/protocol/errors';
import { DEFAULT_ROUTING_SETTINGS } from '../../../../../shared/protocol/admin';
import { generalQueue } from './fixtures';

type Listener = (...args: unknown[]) => void;

/** Just enough of a socket.io client: connected flag, once/off for the disconnect guard, timeout().emitWithAck. */
class FakeSocket {
  connected = true;
  sent: { event: string; payload: unknown }[] = [];
  answer: (event: string) => Response<unknown> = () => fail('internal', 'no handler');
  once(_event: string, _listener: Listener) {
    return this;
  }
  off(_event: string, _listener: Listener) {
    return this;
  }
  timeout() {
    return this;
  }
  async emitWithAck(event: string, payload: unknown) {
    this.sent.push({ event, payload });
    return this.answer(event);
  }
}

function setup() {
  const fake = new FakeSocket();
  // The client only uses the members above; the fake stands in for the typed socket.
  const client = createAdminClient(fake as unknown as HubSocket);
  return { fake, client };
}

describe('admin client', () => {
  it('sends the queue and parses the hub’s answer with the contract', async () => {
    const { fake, client } = setup();
    fake.answer = () => ok(generalQueue);
    expect(await client.saveQueue(generalQueue)).toEqual({ ok: true, data: generalQueue });
    expect(fake.sent).toEqual([{ event: 'admin:queue:upsert', payload: generalQueue }]);
  });

  it('passes on a refusal with its code and issues', async () => {
    const { fake, client } = setup();
    fake.answer = () => fail('invalid-payload', 'bad', { issues: [{ path: 'awayReasons', message: 'away reason codes must be unique' }] });
    const result = await client.saveSettings(DEFAULT_ROUTING_SETTINGS);
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'hub', error: { code: 'invalid-payload', message: 'bad', issues: [{ path: 'awayReasons', message: 'away reason codes must be unique' }] } },
    });
  });

  it('refuses an answer that does not match the contract', async () => {
    const { fake, client } = setup();
    fake.answer = () => ok([{ ...generalQueue, channels: ['fax'] }]);
    const result = await client.queues();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure.kind).toBe('bad-answer');
  });

  it('says "network" at once when offline, without sending', async () => {
    const { fake, client } = setup();
    fake.connected = false;
    expect(await client.settings()).toEqual({ ok: false, failure: { kind: 'network' } });
    expect(fake.sent).toEqual([]);
  });

  it('deletes a shared reply by id', async () => {
    const { fake, client } = setup();
    fake.answer = () => ok(null);
    expect(await client.deleteCanned(generalQueue.id)).toEqual({ ok: true, data: null });
    expect(fake.sent).toEqual([{ event: 'canned:delete', payload: { id: generalQueue.id } }]);
  });
});
