import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { Customer, Identity } from '../../shared/domain/customer';
import type { ClientToHubEvents, HubToClientEvents, Response, Session } from '../../shared/protocol';

/** Another person at another desk, and the hub's data as any desktop reads it, for e2e suites. */

export type HubSocket = Socket<HubToClientEvents, ClientToHubEvents>;

export function data<T>(response: Response<T>): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data;
}

/** A signed-in desktop as a plain socket client (password demo1234). */
export async function deskSocket(hubUrl: string, username: string): Promise<HubSocket> {
  const res = await fetch(`${hubUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const session = data((await res.json()) as Response<Session>);
  const socket: HubSocket = io(hubUrl, { auth: { token: session.accessToken }, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** A seeded customer with a phone number, read the way any desktop reads the hub: login, then the change log. */
export async function customerWithPhone(hubUrl: string): Promise<{ customer: Customer; phone: string }> {
  const socket = await deskSocket(hubUrl, 'supervisor');
  try {
    const { changes } = data(await socket.emitWithAck('sync:pull', { since: 0, limit: 500 }));
    const customers = new Map<string, Customer>();
    const phones: Identity[] = [];
    for (const change of changes) {
      if (change.op !== 'put') continue;
      if (change.entity === 'customer') customers.set(change.data.id, change.data);
      if (change.entity === 'identity' && change.data.kind === 'phone') phones.push(change.data);
    }
    for (const phone of phones) {
      const customer = customers.get(phone.customerId);
      if (customer) return { customer, phone: phone.value };
    }
    throw new Error('no seeded customer with a phone in the first page of changes');
  } finally {
    socket.disconnect();
  }
}

export const phoneState = (page: Page) => page.getByTestId('phone-chip').getAttribute('data-state');
export const callPhase = (page: Page) => page.getByTestId('call-card').getAttribute('data-phase');

/** Points a signed-in desktop's phone at a SIP server through the phone settings, as an agent would, and waits until it registers. */
export async function registerPhone(page: Page, wsUrl: string, locale = 'en-US'): Promise<void> {
  await page.getByTestId('phone-chip').click();
  await page.getByRole('button', { name: locale === 'zh-CN' ? '电话设置' : 'Phone settings' }).click();
  await page.getByTestId('phone-settings-ws').fill(wsUrl);
  await page.getByTestId('phone-settings-save').click();
  await expect.poll(() => phoneState(page), { timeout: 20_000 }).toBe('registered');
}

/** Sets the agent Available in the header, as an agent would, and waits until the hub agrees: queue calls route to them from then on. */
export async function setAvailable(page: Page): Promise<void> {
  await page.getByTestId('agent-state-select').selectOption('available');
  await expect.poll(() => page.getByTestId('agent-state').getAttribute('data-status')).toBe('available');
}
