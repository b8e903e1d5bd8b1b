import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { initialRoutingState, type RoutingEvent, type RoutingState, reduceRouting, toastOffers } from '../../../../renderer/store/routing';
import { makeCustomer } from '../fixtures';
import { makeDesk, makeQueue, makeTask, T0 } from '../features/inbox/routing-fixtures';

const ME = ulid();
const OTHER = ulid();

function run(state: RoutingState, ...events: RoutingEvent[]) {
  const effects = [];
  let current = state;
  for (const event of events) {
    const step = reduceRouting(current, event);
    current = step.state;
    effects.push(...step.effects);
  }
  return { state: current, effects };
}

const live = () => run(initialRoutingState(ME), { type: 'desk', desk: makeDesk({ queues: [makeQueue()] }), now: T0 }).state;

describe('routing store reducer', () => {
  it('starts paused and goes live with the desk, keeping only my tasks', () => {
    expect(initialRoutingState(ME).live).toBe(false);
    const mine = makeTask({ status: 'assigned', assignedTo: ME });
    const theirs = makeTask({ status: 'assigned', assignedTo: OTHER });
    const { state } = run(initialRoutingState(ME), { type: 'desk', desk: makeDesk({ tasks: [mine, theirs] }), now: T0 });
    expect(state.live).toBe(true);
    expect(state.me).toEqual({ status: 'available', since: T0 });
    expect(state.tasks.map((t) => t.id)).toEqual([mine.id]);
    expect(state.awayReasons.map((r) => r.code)).toEqual(['break', 'lunch']);
  });

  it('rings an offer, then keeps the task when it is updated to assigned', () => {
    const customer = makeCustomer({ tier: 'vip' });
    const offered = makeTask({ status: 'offered', offeredTo: ME, offerExpiresAt: T0 + 20_000, customerId: customer.id });
    let { state } = run(live(), { type: 'offer', offer: { task: offered, customer, expiresAt: T0 + 20_000 }, now: T0 });
    expect(state.offers).toEqual([{ taskId: offered.id, customer, expiresAt: T0 + 20_000 }]);
    expect(state.tasks[0]?.status).toBe('offered');
    expect(state.customers[customer.id]).toEqual(customer);

    const assigned = { ...offered, status: 'assigned' as const, offeredTo: null, offerExpiresAt: null, assignedTo: ME };
    const step = run(state, { type: 'updated', task: assigned, now: T0 + 3_000 });
    state = step.state;
    expect(step.effects).toEqual([]);
    expect(state.offers).toEqual([]);
    expect(state.tasks).toEqual([assigned]);
    expect(state.statusSince[offered.id]).toBe(T0 + 3_000);
  });

  it('drops a withdrawn offer with a note', () => {
    const offered = makeTask({ status: 'offered', offeredTo: ME, offerExpiresAt: T0 + 20_000, subject: 'Refund' });
    const { state, effects } = run(
      live(),
      { type: 'offer', offer: { task: offered, customer: null, expiresAt: T0 + 20_000 }, now: T0 },
      { type: 'updated', task: { ...offered, status: 'abandoned', offeredTo: null }, now: T0 + 5_000 },
    );
    expect(state.offers).toEqual([]);
    expect(state.tasks).toEqual([]);
    expect(effects).toEqual([{ kind: 'offer-ended', taskId: offered.id, subject: 'Refund', reason: 'withdrawn' }]);
  });

  it('calls an offer the hub takes back after its expiry "expired"', () => {
    const offered = makeTask({ status: 'offered', offeredTo: ME, offerExpiresAt: T0 + 20_000 });
    const { effects } = run(
      live(),
      { type: 'offer', offer: { task: offered, customer: null, expiresAt: T0 + 20_000 }, now: T0 },
      { type: 'updated', task: { ...offered, status: 'queued', offeredTo: null, declinedBy: [ME] }, now: T0 + 20_100 },
    );
    expect(effects.map((e) => e.reason)).toEqual(['expired']);
  });

  it('lets an offer lapse on the local clock, once', () => {
    const offered = makeTask({ status: 'offered', offeredTo: ME, offerExpiresAt: T0 + 20_000 });
    const { state, effects } = run(
      live(),
      { type: 'offer', offer: { task: offered, customer: null, expiresAt: T0 + 20_000 }, now: T0 },
      { type: 'offer-lapsed', taskId: offered.id },
      { type: 'offer-lapsed', taskId: offered.id },
      // The hub's word arrives afterwards: nothing more to say.
      { type: 'updated', task: { ...offered, status: 'queued', offeredTo: null }, now: T0 + 21_000 },
    );
    expect(state.offers).toEqual([]);
    expect(state.tasks).toEqual([]);
    expect(effects).toHaveLength(1);
    expect(effects[0]?.reason).toBe('expired');
  });

  it('ignores offers meant for someone else', () => {
    const offered = makeTask({ status: 'offered', offeredTo: OTHER });
    const before = live();
    const { state } = run(before, { type: 'offer', offer: { task: offered, customer: null, expiresAt: T0 + 1 }, now: T0 });
    expect(state).toBe(before);
  });

  it('moves a task through wrap-up and removes it when done', () => {
    const assigned = makeTask({ status: 'assigned', assignedTo: ME });
    let { state } = run(initialRoutingState(ME), { type: 'desk', desk: makeDesk({ tasks: [assigned] }), now: T0 }, { type: 'select', taskId: assigned.id });
    state = run(state, { type: 'updated', task: { ...assigned, status: 'wrap-up' }, now: T0 + 60_000 }).state;
    expect(state.tasks[0]?.status).toBe('wrap-up');
    expect(state.statusSince[assigned.id]).toBe(T0 + 60_000);
    const done = run(state, { type: 'updated', task: { ...assigned, status: 'done', disposition: 'resolved' }, now: T0 + 90_000 });
    expect(done.state.tasks).toEqual([]);
    expect(done.state.selectedTaskId).toBeNull();
    expect(done.state.statusSince).toEqual({});
    expect(done.effects).toEqual([]);
  });

  it('removes a task transferred away', () => {
    const assigned = makeTask({ status: 'assigned', assignedTo: ME });
    const { state } = run(
      initialRoutingState(ME),
      { type: 'desk', desk: makeDesk({ tasks: [assigned] }), now: T0 },
      { type: 'updated', task: { ...assigned, status: 'offered', assignedTo: null, offeredTo: OTHER }, now: T0 + 1 },
    );
    expect(state.tasks).toEqual([]);
  });

  it('applies agent state from the hub', () => {
    const { state } = run(live(), { type: 'agent-state', state: { status: 'away', since: T0 + 5, reasonCode: 'missed-offers' } });
    expect(state.me).toEqual({ status: 'away', since: T0 + 5, reasonCode: 'missed-offers' });
  });

  it('pauses routing offline: offers stop ringing, tasks stay, and the desk brings back what still rings', () => {
    const offered = makeTask({ status: 'offered', offeredTo: ME, offerExpiresAt: T0 + 20_000 });
    const assigned = makeTask({ status: 'assigned', assignedTo: ME });
    let { state } = run(
      live(),
      { type: 'updated', task: assigned, now: T0 },
      { type: 'offer', offer: { task: offered, customer: null, expiresAt: T0 + 20_000 }, now: T0 },
      { type: 'offline' },
    );
    expect(state.live).toBe(false);
    expect(state.offers).toEqual([]);
    expect(state.tasks).toHaveLength(2);
    state = run(state, { type: 'desk', desk: makeDesk({ tasks: [assigned, offered] }), now: T0 + 5_000 }).state;
    expect(state.live).toBe(true);
    expect(state.offers.map((o) => o.taskId)).toEqual([offered.id]);
    // The assigned task kept its local start time across the reconnect.
    expect(state.statusSince[assigned.id]).toBe(T0);
  });
});

describe('declining', () => {
  it('needs no note when I declined the offer myself', () => {
    const offered = makeTask({ status: 'offered', offeredTo: ME, offerExpiresAt: T0 + 20_000 });
    const { state, effects } = run(
      live(),
      { type: 'offer', offer: { task: offered, customer: null, expiresAt: T0 + 20_000 }, now: T0 },
      { type: 'updated', task: { ...offered, status: 'queued', offeredTo: null, declinedBy: [ME] }, now: T0 + 2_000 },
    );
    expect(state.offers).toEqual([]);
    expect(state.tasks).toEqual([]);
    expect(effects).toEqual([]);
  });

  it('leaves call and video offers to the softphone: the toast and the shortcuts answer the rest', () => {
    const ringing = (channel: 'call' | 'video' | 'chat' | 'email') => makeTask({ channel, status: 'offered', offeredTo: ME, offerExpiresAt: T0 + 20_000 });
    const tasks = [ringing('call'), ringing('chat'), ringing('video'), ringing('email')];
    const { state } = run(live(), ...tasks.map((task): RoutingEvent => ({ type: 'offer', offer: { task, customer: null, expiresAt: T0 + 20_000 }, now: T0 })));
    expect(state.offers).toHaveLength(4);
    expect(toastOffers(state).map((offer) => offer.taskId)).toEqual([tasks[1]?.id, tasks[3]?.id]);
  });
});
