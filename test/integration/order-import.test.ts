import { request as httpRequest } from 'node:http';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionOf } from '../../shared/domain/interaction';
import { ORDER_IMPORT_PATH, type OrderImportAnswer } from '../../shared/protocol/orders';
import { type Desktop, collectBroadcasts, pullAll, startTestHub, type TestHub } from './helpers/test-hub';
import { TEST_STORES, type TestStore } from './helpers/test-stores';

type Answer = { ok: true; data: OrderImportAnswer } | { ok: false; error: { code: string; message: string; issues?: { path: string }[] } };

/**
 * The order import end to end on each store: a CSV posted to the hub becomes
 * order interactions on the customers' timelines, broadcast to desktops, and
 * importing it again changes nothing.
 */
describe.each(TEST_STORES)('order import on %s', (_label, makeStore) => {
  let store: TestStore;
  let t: TestHub;
  let agent: Desktop;
  let adminToken: string;
  let supToken: string;
  let agentToken: string;
  /** Demo customers: number → id. */
  let first: { id: string; number: string };
  let second: { id: string; number: string };

  const post = async (body: string | Buffer, options: { token?: string; query?: Record<string, string> } = {}) => {
    const query = new URLSearchParams(options.query ?? { timeZone: 'Asia/Shanghai' });
    const response = await fetch(`${t.hub.url}${ORDER_IMPORT_PATH}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }) },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: response.status, answer: (await response.json()) as Answer };
  };
  const ok = (answer: Answer): OrderImportAnswer => {
    if (!answer.ok) throw new Error(`import refused: ${JSON.stringify(answer.error)}`);
    return answer.data;
  };
  const orders = async (customerId: string) =>
    (await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', customerId).where('channel', '=', 'order').execute())
      .map((row) => JSON.parse(row.data) as InteractionOf<'order'>)
      .filter((order) => order.orderNo.startsWith('IMP'));
  const changeCount = async () => Number((await t.hub.db.selectFrom('changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const head = async () => (await t.hub.db.selectFrom('sync_head').select('seq').executeTakeFirstOrThrow()).seq;

  beforeAll(async () => {
    store = await makeStore();
    t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
    adminToken = (await t.login('admin')).accessToken;
    supToken = (await t.login('supervisor')).accessToken;
    agentToken = (await t.login('agent1')).accessToken;
    agent = await t.connect(agentToken);
    const customers = await t.hub.db.selectFrom('customers').select(['id', 'number']).orderBy('number').limit(2).execute();
    [first, second] = customers as [{ id: string; number: string }, { id: string; number: string }];
  });

  afterAll(async () => {
    await t?.close();
    await store?.cleanup();
  });

  it('puts good rows on the right timelines, broadcasts them, and changes nothing on a second import', async () => {
    const csv = [
      'Order No,Customer Number,Order Date,Amount,Profit,Products,Channel',
      `IMP-1,${first.number},2026-03-01 10:30,"1,234.50",200.25,Tea; Cups,web`,
      `IMP-2,${second.number},2026-03-02,99.90,,Kettle,shop`,
      `IMP-3,${first.number},2026-03-03 08:00,10,,,`,
    ].join('\r\n');
    const before = await head();
    // Three orders, and (hub/crm/value-service.ts) each of the two customers' value recomputed in the same transaction.
    const broadcasts = collectBroadcasts(agent, 5, before);
    const { status, answer } = await post(csv, { token: adminToken });
    expect(status).toBe(200);
    expect(ok(answer)).toEqual({ encoding: 'utf-8', rows: 3, imported: 3, updated: 0, unchanged: 0, bad: [], badTotal: 0, ignoredColumns: ['Channel'] });

    const sent = (await broadcasts).flat();
    const interactions = sent.filter((change) => change.entity === 'interaction');
    expect(interactions.map((change) => change.entity === 'interaction' && change.data.channel === 'order' && change.data.orderNo).sort()).toEqual(['IMP-1', 'IMP-2', 'IMP-3']);
    expect(sent.filter((change) => change.entity === 'customerValue').map((change) => change.data.customerId).sort()).toEqual([first.id, second.id].sort());
    // A desktop's pull parses every change with the shared schema: the derived ids and the profit field pass it.
    expect((await pullAll(agent, { since: before })).changes).toHaveLength(5);

    const mine = (await orders(first.id)).sort((a, b) => a.occurredAt - b.occurredAt);
    // 2026-03-01 10:30 in Shanghai (UTC+8) is 02:30 UTC; 1,234.50 yuan is 123 450 fen, 200.25 is 20 025.
    expect(mine[0]).toMatchObject({
      channel: 'order',
      customerId: first.id,
      agentId: null,
      orderNo: 'IMP-1',
      occurredAt: Date.parse('2026-03-01T02:30:00Z'),
      amount: 123_450,
      profit: 20_025,
      currency: 'CNY',
      items: 'Tea; Cups',
    });
    // No profit column value: no profit key at all (absent = not recorded).
    expect(mine[1]).toMatchObject({ orderNo: 'IMP-3', amount: 1_000, items: '' });
    expect(mine[1]).not.toHaveProperty('profit');
    expect((await orders(second.id)).map((o) => [o.orderNo, o.amount, o.occurredAt])).toEqual([['IMP-2', 9_990, Date.parse('2026-03-01T16:00:00Z')]]);

    // Again, by a supervisor this time: the same counts as unchanged, no new interactions, no new changes.
    const changesBefore = await changeCount();
    const again = ok((await post(csv, { token: supToken })).answer);
    expect(again).toMatchObject({ rows: 3, imported: 0, updated: 0, unchanged: 3, badTotal: 0 });
    expect(await changeCount()).toBe(changesBefore);
    expect(await orders(first.id)).toHaveLength(2);

    // A corrected amount replaces the order in place (same id) and sends just that one.
    const corrected = csv.replace('10,,,', '12,,,');
    const one = collectBroadcasts(agent, 1, await head());
    expect(ok((await post(corrected, { token: adminToken })).answer)).toMatchObject({ imported: 1, updated: 1, unchanged: 2 });
    const [change] = (await one).flat();
    expect(change?.entity === 'interaction' && change.data).toMatchObject({ id: mine[1]?.id, amount: 1_200 });
    expect((await orders(first.id)).map((o) => o.amount).sort((a, b) => a - b)).toEqual([1_200, 123_450]);
  });

  it('writes a file bigger than one batch in several transactions, and re-imports it unchanged', async () => {
    const lines = ['order id,customer,date,amount'];
    // 1 201 rows: two full batches of 500 and one of 201; alternate customers.
    for (let i = 0; i < 1_201; i += 1) lines.push(`IMP-BIG-${i},${i % 2 === 0 ? first.number : second.number},2026-06-01,${i}.01`);
    const csv = lines.join('\n');
    const before = await head();
    expect(ok((await post(csv, { token: adminToken })).answer)).toMatchObject({ rows: 1_201, imported: 1_201, badTotal: 0 });
    // Besides the orders, each batch's customers get their value recomputed (one change each per transaction).
    const valueChanges = Number(
      (await t.hub.db.selectFrom('changes').select((eb) => eb.fn.countAll().as('n')).where('seq', '>', before).where('entity', '=', 'customerValue').executeTakeFirstOrThrow()).n,
    );
    expect(valueChanges).toBeGreaterThanOrEqual(2);
    expect(await head()).toBe(before + 1_201 + valueChanges);
    // Rows 0, 2, …, 1 200 went to the first customer: 601 of them.
    expect((await orders(first.id)).filter((o) => o.orderNo.startsWith('IMP-BIG-'))).toHaveLength(601);
    expect(ok((await post(csv, { token: adminToken })).answer)).toMatchObject({ imported: 0, unchanged: 1_201 });
    expect(await head()).toBe(before + 1_201 + valueChanges);
  });

  it('reads a GBK file with Chinese headers and product names', async () => {
    const csv = ['订单号,客户编号,下单时间,金额(元),商品', `IMP-GBK-1,${second.number},2026-04-05 09:00,88.00,龙井茶、紫砂壶`].join('\r\n');
    const bytes = iconv.encode(csv, 'gbk');
    expect(bytes.includes(Buffer.from('龙井', 'utf8'))).toBe(false);
    const answer = ok((await post(bytes, { token: adminToken })).answer);
    expect(answer).toMatchObject({ encoding: 'gb18030', rows: 1, imported: 1 });
    const order = (await orders(second.id)).find((o) => o.orderNo === 'IMP-GBK-1');
    // 09:00 in Shanghai is 01:00 UTC; 88.00 yuan is 8 800 fen.
    expect(order).toMatchObject({ items: '龙井茶; 紫砂壶', amount: 8_800, occurredAt: Date.parse('2026-04-05T01:00:00Z') });
  });

  it('lists bad rows with their reasons and keeps the good rows of the same file', async () => {
    const csv = [
      'order id,customer,date,amount',
      `IMP-B1,${first.number},2026-05-01,5.00`,
      `IMP-B2,${first.number},2026-13-01,5.00`,
      `IMP-B3,NO-SUCH-CUSTOMER,2026-05-01,5.00`,
      `IMP-B4,${second.number},2026-05-01,five`,
      `IMP-B5,${second.number},2026-05-02,7.50`,
      `IMP-B1,${second.number},2026-05-03,1.00`,
    ].join('\n');
    const answer = ok((await post(csv, { token: adminToken, query: { timeZone: 'UTC', currency: 'EUR' } })).answer);
    expect(answer).toMatchObject({ rows: 6, imported: 2, unchanged: 0, badTotal: 4 });
    // Lines count the header as line 1.
    expect(answer.bad.map((row) => [row.line, row.reason, row.field])).toEqual([
      [3, 'bad-date', 'orderedAt'],
      [4, 'unknown-customer', 'customerRef'],
      [5, 'bad-amount', 'amount'],
      [7, 'duplicate-order-id', 'orderId'],
    ]);
    expect(answer.bad[1]?.detail).toContain('NO-SUCH-CUSTOMER');
    expect((await orders(first.id)).find((o) => o.orderNo === 'IMP-B1')).toMatchObject({ amount: 500, currency: 'EUR', occurredAt: Date.parse('2026-05-01T00:00:00Z') });
    expect((await orders(second.id)).find((o) => o.orderNo === 'IMP-B5')).toMatchObject({ amount: 750 });
  });

  it('refuses no token, an agent, a bad query, a file that is no order file, and an oversize body with typed errors', async () => {
    const csv = `order id,customer,date,amount\nIMP-X,${first.number},2026-05-01,5.00`;
    const none = await post(csv);
    expect(none.status).toBe(401);
    expect(!none.answer.ok && none.answer.error.code).toBe('token-invalid');
    const asAgent = await post(csv, { token: agentToken });
    expect(asAgent.status).toBe(403);
    expect(!asAgent.answer.ok && asAgent.answer.error.code).toBe('forbidden');
    const zone = await post(csv, { token: adminToken, query: { timeZone: 'Nowhere/City' } });
    expect(zone.status).toBe(400);
    expect(!zone.answer.ok && zone.answer.error.issues?.[0]?.path).toBe('timeZone');
    const json = await post(JSON.stringify({ orders: [{ id: 1 }] }), { token: adminToken });
    expect(json.status).toBe(400);
    expect(!json.answer.ok && json.answer.error.issues?.[0]?.path).toBe('missing-column');
    const empty = await post('', { token: adminToken });
    expect(!empty.answer.ok && empty.answer.error.issues?.[0]?.path).toBe('empty-file');
    expect((await orders(first.id)).some((o) => o.orderNo === 'IMP-X')).toBe(false);

    // A declared length past the limit is refused before a byte of the body is read.
    const oversize = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${t.hub.url}${ORDER_IMPORT_PATH}`);
      const request = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-length': String(201 * 1024 * 1024) } },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, body });
            request.destroy();
          });
        },
      );
      request.on('error', reject);
      request.write(csv);
    });
    expect(oversize.status).toBe(413);
    expect((JSON.parse(oversize.body) as { error: { code: string } }).error.code).toBe('too-large');
  });
});
