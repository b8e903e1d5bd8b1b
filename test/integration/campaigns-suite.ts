import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignFilter } from '../../shared/campaigns/campaign';
import type { Customer } from '../../shared/domain/customer';
import type { Role } from '../../shared/domain/user';
import type { Mutation } from '../../shared/protocol/mutations';
import { CLIENT_EVENTS, type ClientEventName } from '../../shared/protocol/events';
import { callableEntries, claimEntry } from '../../hub/campaigns/campaign-store';
import { insertCustomers } from '../../hub/db/customer-queries';
import { insertIdentities } from '../../hub/db/identity-queries';
import { readStoredJson } from '../../hub/db/stored-json';
import { demoQueues } from '../../hub/routing/demo-routing';
import { type Desktop, expectError, expectOk, startTestHub, type TestHub } from './helpers/test-hub';
import type { TestStore } from './helpers/test-stores';

const DAY = 86_400_000;
const MINUTE = 60_000;
const CAMPAIGN_EVENTS = Object.keys(CLIENT_EVENTS).filter((name) => name.startsWith('campaign:')) as ClientEventName[];

/**
 * Outbound campaigns end to end on one store: a list drawn from a filter
 * holds exactly the customers worked out below, two agents never claim the
 * same customer, retries wait and run out, a do-not-contact answer keeps the
 * customer off later lists, and the supervisor's figures add up.
 */
export function defineCampaignSuite(label: string, makeStore: () => Promise<TestStore>): void {
  describe(`outbound campaigns on ${label}`, () => {
    let store: TestStore;
    let t: TestHub;
    let admin: Desktop;
    let sup: Desktop;
    let agent1: Desktop;
    let agent2: Desktop;
    let agent4: Desktop;
    const [general, vip] = demoQueues().map((queue) => queue.id) as [string, string];
    let serial = 0;
    /** Each test's customers carry their own tag, so its filters see no one else. */
    const tagOf = (name: string) => `cmp-${name}`;

    async function customer(tag: string, shape: { tier?: Customer['tier']; stage?: string; lastOrderAt?: number | null; phone?: boolean } = {}): Promise<Customer> {
      serial += 1;
      const now = t.clock.now();
      const c: Customer = { id: ulid(), number: `K${String(serial).padStart(6, '0')}`, name: `Campaign ${tag} ${serial}`, company: null, tags: [tag], tier: shape.tier ?? 'ordinary', createdAt: now, updatedAt: now };
      await insertCustomers(t.hub.db, [c]);
      if (shape.phone !== false) await insertIdentities(t.hub.db, [{ id: ulid(), customerId: c.id, kind: 'phone', value: `+86137${String(serial).padStart(8, '0')}` }]);
      if (shape.stage) {
        await t.hub.db
          .insertInto('customer_values')
          .values({
            customer_id: c.id,
            tier: c.tier,
            tier_rank: serial,
            profit_cents: 0,
            rfm_r: null,
            rfm_f: null,
            rfm_m: null,
            clv_cents: 0,
            stage: shape.stage,
            stage_reason: 'lapsed',
            points: 0,
            order_count: 0,
            last_order_at: shape.lastOrderAt ?? null,
            credit_note: null,
            computed_at: now,
            data: '{}',
          })
          .execute();
      }
      return c;
    }

    const filterFor = (tag: string, more: Partial<CampaignFilter> = {}) => ({ tags: [tag], ...more });
    const create = async (tag: string, more: Partial<CampaignFilter> = {}, rules: { maxAttempts?: number; retryAfterMinutes?: number; queueId?: string } = {}) =>
      expectOk(await sup.emitWithAck('campaign:create', { name: `Campaign ${tag}`, queueId: rules.queueId ?? general, filter: filterFor(tag, more), ...rules }));
    const idsOf = async (campaignId: string) =>
      (await t.hub.db.selectFrom('campaign_entries').select('customer_id').where('campaign_id', '=', campaignId).orderBy('customer_id').execute()).map((r) => r.customer_id);
    const sorted = (ids: string[]) => [...ids].sort();

    beforeAll(async () => {
      store = await makeStore();
      t = await startTestHub(store, { SWITCHBOARD_RENDERER: `${store.dataDir}/no-renderer-here` });
      admin = await t.desktop('admin');
      sup = await t.desktop('supervisor');
      agent1 = await t.desktop('agent1');
      agent2 = await t.desktop('agent2');
      agent4 = await t.desktop('agent4');
    });

    afterAll(async () => {
      await t?.close();
      await store?.cleanup();
    });

    it('refuses every campaign event to the roles not listed for it', async () => {
      const desktops: Record<Role, Desktop> = { agent: agent1, supervisor: sup, admin };
      let refused = 0;
      for (const name of CAMPAIGN_EVENTS) {
        const allowed: readonly Role[] = CLIENT_EVENTS[name].roles;
        for (const role of ['agent', 'supervisor', 'admin'] as const) {
          if (allowed.includes(role)) continue;
          const answer = await (desktops[role].emitWithAck as (event: ClientEventName, payload: unknown) => Promise<never>)(name, {});
          expect(expectError(answer).code, `${role} → ${name}`).toBe('forbidden');
          refused += 1;
        }
      }
      // agent: preview, create, list, progress, start, pause; admin: next, mine, outcome (an administrator has no desk).
      expect(refused).toBe(9);
    });

    it('refuses a bad filter and an unknown team with their reasons', async () => {
      const bad = expectError(await sup.emitWithAck('campaign:create', { name: 'x', queueId: general, filter: { tiers: ['gold'] } } as never));
      expect(bad.code).toBe('invalid-payload');
      expect(bad.issues?.some((issue) => issue.path.startsWith('filter.tiers'))).toBe(true);
      const unknown = expectError(await sup.emitWithAck('campaign:create', { name: 'x', queueId: ulid(), filter: {} }));
      expect(unknown.code).toBe('not-found');
      expect(unknown.issues?.[0]?.path).toBe('queueId');
    });

    it('draws exactly the customers the filter matches', async () => {
      const tag = tagOf(`filter-${label}`);
      const now = t.clock.now();
      const vipDecline = await customer(tag, { tier: 'vip', stage: 'decline', lastOrderAt: now - 200 * DAY });
      const vipDeclineNoPhone = await customer(tag, { tier: 'vip', stage: 'decline', lastOrderAt: null, phone: false });
      await customer(tag, { tier: 'vip', stage: 'stability', lastOrderAt: now - 5 * DAY });
      await customer(tag, { tier: 'key', stage: 'decline', lastOrderAt: now - 100 * DAY });
      await customer(tag, { tier: 'vip' });
      const recent = await customer(tag, { tier: 'key', stage: 'formation', lastOrderAt: now - 2 * DAY });

      expect(expectOk(await sup.emitWithAck('campaign:preview', { filter: filterFor(tag, { tiers: ['vip'], stages: ['decline'] }) }))).toEqual({ matches: 2 });
      const made = await create(tag, { tiers: ['vip'], stages: ['decline'] });
      expect(made.entries).toBe(2);
      expect(made.campaign.status).toBe('draft');
      expect(await idsOf(made.campaign.id)).toEqual(sorted([vipDecline.id, vipDeclineNoPhone.id]));
      const phones = await t.hub.db.selectFrom('campaign_entries').select(['customer_id', 'phone']).where('campaign_id', '=', made.campaign.id).execute();
      expect(phones.find((row) => row.customer_id === vipDeclineNoPhone.id)?.phone).toBeNull();
      expect(phones.find((row) => row.customer_id === vipDecline.id)?.phone).toMatch(/^\+86137/);

      // Last order 30 days ago or more, or never: everyone but the two recent buyers (the customer without a value row never ordered).
      const lapsed = expectOk(await sup.emitWithAck('campaign:preview', { filter: filterFor(tag, { lastOrderBeforeDays: 30 }) }));
      expect(lapsed.matches).toBe(4);
      const any = expectOk(await sup.emitWithAck('campaign:preview', { filter: filterFor(tag) }));
      expect(any.matches).toBe(6);
      expect(recent.id).toBeTruthy();
    });

    it('draws the customers with a complaint open longer than the days given', async () => {
      const tag = tagOf(`complaint-${label}`);
      const old = await customer(tag);
      const young = await customer(tag);
      await customer(tag);
      const log = (customerId: string): Mutation =>
        ({
          id: ulid(),
          name: 'complaint.log',
          createdAt: Date.now(),
          args: {
            lineId: ulid(),
            complaint: {
              id: ulid(),
              customerId,
              channel: 'email',
              category: 'delivery',
              subCategory: 'delivery.late',
              severity: 'medium',
              description: 'Late parcel.',
              customerRequest: 'Deliver it',
              orderRefs: [],
              at: t.clock.now(),
            },
          },
        }) as unknown as Mutation;
      const pushed = expectOk(await agent1.emitWithAck('mutation:push', { mutations: [log(old.id), log(young.id)] }));
      expect(pushed.results.map((result) => result.status), JSON.stringify(pushed.results)).toEqual(['applied', 'applied']);
      // Moving the hub's clock 8 days would expire every session: the older complaint is dated back instead.
      await t.hub.db.updateTable('complaints').set({ opened_at: t.clock.now() - 8 * DAY }).where('customer_id', '=', old.id).execute();
      await t.hub.db.updateTable('complaints').set({ opened_at: t.clock.now() - 6 * DAY }).where('customer_id', '=', young.id).execute();
      const made = await create(tag, { hasOpenComplaintOlderThanDays: 7 });
      expect(await idsOf(made.campaign.id)).toEqual([old.id]);
    });

    it('gives two agents asking at once different customers, and nothing once the list is taken', async () => {
      const tag = tagOf(`race-${label}`);
      const a = await customer(tag);
      const b = await customer(tag);
      const { campaign } = await create(tag);
      // A draft is not worked yet.
      expect(expectOk(await agent1.emitWithAck('campaign:next', { campaignId: campaign.id })).claim).toBeNull();
      expect(expectOk(await sup.emitWithAck('campaign:start', { campaignId: campaign.id })).status).toBe('running');
      const [first, second] = await Promise.all([
        agent1.emitWithAck('campaign:next', { campaignId: campaign.id }),
        agent2.emitWithAck('campaign:next', { campaignId: campaign.id }),
      ]);
      const claims = [expectOk(first).claim, expectOk(second).claim];
      expect(claims.every((claim) => claim !== null)).toBe(true);
      expect(sorted(claims.map((claim) => claim?.customerId ?? ''))).toEqual(sorted([a.id, b.id]));
      expect(claims[0]?.campaignName).toBe(`Campaign ${tag}`);
      // Asking again gives back the one I hold (an outcome is owed first); another agent gets nothing.
      expect(expectOk(await agent1.emitWithAck('campaign:next', { campaignId: campaign.id })).claim?.customerId).toBe(claims[0]?.customerId);
      expect(expectOk(await agent4.emitWithAck('campaign:next', { campaignId: campaign.id })).claim).toBeNull();
      expect(expectOk(await agent1.emitWithAck('campaign:mine', {})).claims.map((c) => c.customerId)).toContain(claims[0]?.customerId);
      // Not agent2's to file.
      const stolen = expectError(await agent2.emitWithAck('campaign:outcome', { campaignId: campaign.id, customerId: claims[0]?.customerId ?? '', outcome: 'reached' }));
      expect(stolen.code).toBe('conflict');
      for (const [desktop, claim] of [[agent1, claims[0]], [agent2, claims[1]]] as const) {
        expectOk(await desktop.emitWithAck('campaign:outcome', { campaignId: campaign.id, customerId: claim?.customerId ?? '', outcome: 'reached', note: 'spoke to them' }));
      }
      // The last entry worked finishes the campaign.
      const listed = expectOk(await sup.emitWithAck('campaign:list', {})).find((item) => item.campaign.id === campaign.id);
      expect(listed?.campaign.status).toBe('done');
      expect(listed?.progress).toMatchObject({ total: 2, finished: 2, reached: 2, reachedPct: 100, finishedPct: 100 });
    });

    it('lets only one of two claims on the same entry win (two hub nodes reading the same candidate)', async () => {
      const tag = tagOf(`claim-${label}`);
      await customer(tag);
      const { campaign } = await create(tag);
      const now = t.clock.now();
      const [seenByOne] = await callableEntries(t.hub.db, campaign.id, now, 5);
      const [seenByOther] = await callableEntries(t.hub.db, campaign.id, now, 5);
      if (!seenByOne || !seenByOther) throw new Error('no callable entry');
      const won = await Promise.all([claimEntry(t.hub.db, seenByOne, ulid(), now), claimEntry(t.hub.db, seenByOther, ulid(), now)]);
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await callableEntries(t.hub.db, campaign.id, now, 5)).toEqual([]);
    });

    it('refuses a campaign of a team the agent is not in, and gives nothing new from a paused one', async () => {
      const tag = tagOf(`team-${label}`);
      await customer(tag);
      const { campaign } = await create(tag, {}, { queueId: vip });
      expectOk(await sup.emitWithAck('campaign:start', { campaignId: campaign.id }));
      expect(expectError(await agent4.emitWithAck('campaign:next', { campaignId: campaign.id })).code).toBe('forbidden');
      // Without naming the campaign, agent4 simply finds nothing of it.
      const any = expectOk(await agent4.emitWithAck('campaign:next', {})).claim;
      expect(any?.campaignId).not.toBe(campaign.id);
      if (any) expectOk(await agent4.emitWithAck('campaign:outcome', { campaignId: any.campaignId, customerId: any.customerId, outcome: 'wrong-number' }));
      // agent1 is in the VIP team: a paused campaign gives it nothing new.
      expectOk(await sup.emitWithAck('campaign:pause', { campaignId: campaign.id }));
      expect(expectOk(await agent1.emitWithAck('campaign:next', { campaignId: campaign.id })).claim).toBeNull();
      expect(expectOk(await sup.emitWithAck('campaign:start', { campaignId: campaign.id })).status).toBe('running');
      const claim = expectOk(await agent1.emitWithAck('campaign:next', { campaignId: campaign.id })).claim;
      expect(claim?.campaignId).toBe(campaign.id);
      expectOk(await sup.emitWithAck('campaign:pause', { campaignId: campaign.id }));
      // Pausing does not strand a customer on a call: the outcome is still taken.
      expect(expectOk(await agent1.emitWithAck('campaign:outcome', { campaignId: campaign.id, customerId: claim?.customerId ?? '', outcome: 'reached' })).status).toBe('done');
      const offList = expectError(await agent1.emitWithAck('campaign:outcome', { campaignId: campaign.id, customerId: ulid(), outcome: 'reached' }));
      expect(offList.code).toBe('not-found');
    });

    it('tries again after retryAfter, no more than maxAttempts, and files each attempt on the timeline', async () => {
      const tag = tagOf(`retry-${label}`);
      const c = await customer(tag);
      const { campaign } = await create(tag, {}, { maxAttempts: 2, retryAfterMinutes: 30 });
      expectOk(await sup.emitWithAck('campaign:start', { campaignId: campaign.id }));
      const next = async () => expectOk(await agent1.emitWithAck('campaign:next', { campaignId: campaign.id })).claim;
      expect((await next())?.customerId).toBe(c.id);
      const first = expectOk(await agent1.emitWithAck('campaign:outcome', { campaignId: campaign.id, customerId: c.id, outcome: 'no-answer' }));
      expect(first).toMatchObject({ status: 'pending', attempts: 1 });
      expect(first.nextTryAt).toBeGreaterThanOrEqual(t.clock.now() + 29 * MINUTE);
      expect(await next()).toBeNull();
      t.clock.offsetMs += 31 * MINUTE;
      try {
        // A desktop signed in at the moved time: the first one's access token would have run out by now.
        const later = await t.desktop('agent1');
        const nextLater = async () => expectOk(await later.emitWithAck('campaign:next', { campaignId: campaign.id })).claim;
        expect(await nextLater()).toMatchObject({ customerId: c.id, attempts: 1, maxAttempts: 2 });
        const second = expectOk(await later.emitWithAck('campaign:outcome', { campaignId: campaign.id, customerId: c.id, outcome: 'busy', note: 'line busy' }));
        expect(second).toMatchObject({ status: 'exhausted', attempts: 2, nextTryAt: null });
        expect(await nextLater()).toBeNull();
        later.disconnect();
      } finally {
        t.clock.offsetMs -= 31 * MINUTE;
      }
      const notes = await t.hub.db.selectFrom('interactions').select('data').where('customer_id', '=', c.id).where('channel', '=', 'note').execute();
      const texts = notes.map((row) => readStoredJson<{ text: string }>(row.data).text).sort();
      expect(texts).toEqual([`Campaign "Campaign ${tag}": busy — line busy`, `Campaign "Campaign ${tag}": no-answer`]);
      const progress = expectOk(await sup.emitWithAck('campaign:progress', { campaignId: campaign.id }));
      expect(progress.progress).toMatchObject({ total: 1, finished: 1, reached: 0, reachedPct: 0 });
      expect(progress.progress.byOutcome.busy).toBe(1);
    });

    it('keeps a do-not-contact customer off later lists and off the lists still waiting', async () => {
      const tag = tagOf(`dnc-${label}`);
      const x = await customer(tag);
      const y = await customer(tag);
      const { campaign } = await create(tag);
      const waiting = await create(tag);
      expect(waiting.entries).toBe(2);
      expectOk(await sup.emitWithAck('campaign:start', { campaignId: campaign.id }));
      // Work the list until x comes up.
      for (;;) {
        const claim = expectOk(await agent2.emitWithAck('campaign:next', { campaignId: campaign.id })).claim;
        if (!claim) throw new Error('x never came up');
        const outcome = claim.customerId === x.id ? 'do-not-contact' : 'callback-requested';
        expectOk(await agent2.emitWithAck('campaign:outcome', { campaignId: campaign.id, customerId: claim.customerId, outcome }));
        if (claim.customerId === x.id) break;
      }
      expect(expectOk(await sup.emitWithAck('campaign:preview', { filter: filterFor(tag) })).matches).toBe(1);
      // Without tags the store counts: everyone but the customers flagged do-not-contact.
      const everyone = Number((await t.hub.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const flagged = Number((await t.hub.db.selectFrom('do_not_contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(flagged).toBeGreaterThanOrEqual(1);
      expect(expectOk(await sup.emitWithAck('campaign:preview', { filter: {} })).matches).toBe(everyone - flagged);
      const later = await create(tag);
      expect(await idsOf(later.campaign.id)).toEqual([y.id]);
      const stillWaiting = await t.hub.db.selectFrom('campaign_entries').select('status').where('campaign_id', '=', waiting.campaign.id).where('customer_id', '=', x.id).executeTakeFirstOrThrow();
      expect(stillWaiting.status).toBe('do-not-contact');
      const progress = expectOk(await sup.emitWithAck('campaign:progress', { campaignId: campaign.id }));
      expect(progress.progress.byOutcome).toMatchObject({ 'do-not-contact': 1 });
      expect(progress.progress.byAgent).toHaveLength(1);
      expect(progress.agentNames[progress.progress.byAgent[0]?.agentId ?? '']).toBeTruthy();
      // A draft is not running: there is nothing to pause.
      expect(expectError(await sup.emitWithAck('campaign:pause', { campaignId: waiting.campaign.id })).code).toBe('conflict');
    });

    it('carries a duplicate’s place on a list and its do-not-contact flag to the survivor of a merge', async () => {
      const tag = tagOf(`merge-${label}`);
      const [duplicate, survivor, other] = [await customer(tag), await customer(tag), await customer(tag)];
      const both = await create(tag);
      const merge = async (survivorId: string, duplicateId: string) => {
        const mutation = { id: ulid(), name: 'customer.merge', args: { survivorId, duplicateId, auditId: ulid() }, createdAt: Date.now() };
        const answer = expectOk(await agent2.emitWithAck('mutation:push', { mutations: [mutation] } as never)) as { results: { status: string }[] };
        expect(answer.results[0]?.status).toBe('applied');
      };
      await t.hub.db.insertInto('do_not_contact').values({ customer_id: duplicate.id, at: t.clock.now(), by_user: 'test', campaign_id: null }).execute();
      await merge(survivor.id, duplicate.id);
      // Both were on the list: the survivor keeps its one place; the duplicate's flag is now the survivor's.
      expect(sorted(await idsOf(both.campaign.id))).toEqual(sorted([survivor.id, other.id]));
      const flags = await t.hub.db.selectFrom('do_not_contact').select('customer_id').where('customer_id', 'in', [duplicate.id, survivor.id]).execute();
      expect(flags.map((row) => row.customer_id)).toEqual([survivor.id]);
      // Only the first is on this list: the merge moves its place.
      const [onlyHere, keeper] = [await customer(`${tag}-solo`), await customer(`${tag}-keeper`)];
      const solo = await create(`${tag}-solo`);
      await merge(keeper.id, onlyHere.id);
      expect(await idsOf(solo.campaign.id)).toEqual([keeper.id]);
    });
  });
}
