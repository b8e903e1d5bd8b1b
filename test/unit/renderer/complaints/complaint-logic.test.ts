import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../../shared/complaints/complaint';
import { DEFAULT_COMPLAINT_SETTINGS } from '../../../../shared/complaints/settings-defaults';
import { complaintFromLogged } from '../../../../shared/complaints/workflow';
import type { Interaction } from '../../../../shared/domain/interaction';
import {
  availableSteps,
  complaintChannelOf,
  EMPTY_LOG_FORM,
  filterRanked,
  labelOf,
  linkedInteractionOf,
  orderRefsOf,
  plainStep,
  rankByUrgency,
  refusalCodeOf,
  spanParts,
  validateLogForm,
} from '../../../../renderer/features/complaints/complaint-logic';

const HOUR = 3_600_000;
const T0 = 1_800_000_000_000;
const customerId = ulid();
const context = { customerId, channel: 'chat' as const, linkedInteractionIds: [], me: 'agent-1' };

const complaint = (over: Partial<Complaint> = {}): Complaint => ({
  ...complaintFromLogged({
    id: ulid(),
    customerId,
    channel: 'call',
    category: 'delivery',
    subCategory: 'delivery.late',
    severity: 'medium',
    description: 'late',
    customerRequest: '',
    linkedInteractionIds: [],
    orderRefs: [],
    ownerId: 'agent-1',
    teamId: null,
    at: T0,
  }),
  ...over,
});

describe('the log form', () => {
  it('names every missing field, each with its own reason', () => {
    const result = validateLogForm(EMPTY_LOG_FORM, DEFAULT_COMPLAINT_SETTINGS, context);
    expect(result).toEqual({ ok: false, errors: { category: 'required', severity: 'required', description: 'required' } });
  });

  it('asks for a sub-category of the chosen category, and refuses one from another', () => {
    const form = { ...EMPTY_LOG_FORM, category: 'billing', severity: 'low' as const, description: 'x' };
    expect(validateLogForm(form, DEFAULT_COMPLAINT_SETTINGS, context)).toEqual({ ok: false, errors: { subCategory: 'required' } });
    expect(validateLogForm({ ...form, subCategory: 'delivery.late' }, DEFAULT_COMPLAINT_SETTINGS, context)).toEqual({ ok: false, errors: { subCategory: 'unknown-sub-category' } });
    expect(validateLogForm({ ...form, category: 'gone' }, DEFAULT_COMPLAINT_SETTINGS, context)).toEqual({ ok: false, errors: { category: 'unknown-category' } });
    // A category without children needs none.
    expect(validateLogForm({ ...form, category: 'other' }, DEFAULT_COMPLAINT_SETTINGS, context).ok).toBe(true);
  });

  it('refuses an over-long description', () => {
    const form = { ...EMPTY_LOG_FORM, category: 'other', severity: 'low' as const, description: 'x'.repeat(4001) };
    expect(validateLogForm(form, DEFAULT_COMPLAINT_SETTINGS, context)).toEqual({ ok: false, errors: { description: 'too-long' } });
  });

  it('builds the draft: trimmed words, me as owner unless a colleague is chosen', () => {
    const form = { ...EMPTY_LOG_FORM, category: 'billing', subCategory: 'billing.double-charge', severity: 'critical' as const, description: '  charged twice ', orderRefs: ['SO-1'] };
    const result = validateLogForm(form, DEFAULT_COMPLAINT_SETTINGS, context);
    expect(result).toEqual({
      ok: true,
      draft: {
        customerId,
        channel: 'chat',
        category: 'billing',
        subCategory: 'billing.double-charge',
        severity: 'critical',
        description: 'charged twice',
        customerRequest: '',
        linkedInteractionIds: [],
        orderRefs: ['SO-1'],
        ownerId: 'agent-1',
        teamId: null,
      },
    });
    const colleague = validateLogForm({ ...form, ownerId: 'agent-2' }, DEFAULT_COMPLAINT_SETTINGS, context);
    expect(colleague.ok && colleague.draft.ownerId).toBe('agent-2');
  });

  it('takes the channel from the task, and links its newest contact since the task began', () => {
    expect(complaintChannelOf('video')).toBe('call');
    expect(complaintChannelOf('sms')).toBe('sms');
    expect(complaintChannelOf(null)).toBe('profile');
    const rows: Interaction[] = [
      { id: ulid(), customerId, occurredAt: T0 - 10, agentId: null, channel: 'sms', direction: 'inbound', from: '1', to: '2', text: 'old' },
      { id: 'NEW', customerId, occurredAt: T0 + 10, agentId: null, channel: 'sms', direction: 'inbound', from: '1', to: '2', text: 'new' },
      { id: ulid(), customerId, occurredAt: T0 + 20, agentId: null, channel: 'note', text: 'note' },
    ] as Interaction[];
    expect(linkedInteractionOf(rows, 'sms', T0)).toEqual(['NEW']);
    expect(linkedInteractionOf(rows, 'sms', T0 + 11)).toEqual([]);
    expect(linkedInteractionOf(rows, 'profile', 0)).toEqual([]);
  });

  it('offers each cached order once, newest first', () => {
    const order = (orderNo: string, occurredAt: number): Interaction => ({ id: ulid(), customerId, occurredAt, agentId: null, channel: 'order', orderNo, amount: 100, currency: 'CNY', items: 'x' });
    expect(orderRefsOf([order('A', 1), order('B', 3), order('A', 2)])).toEqual([
      { orderNo: 'B', occurredAt: 3 },
      { orderNo: 'A', occurredAt: 2 },
    ]);
  });
});

describe('steps and refusals', () => {
  it('offers the steps the status allows, waiting or not', () => {
    expect(availableSteps(complaint())).toEqual(['acknowledge', 'resolve', 'assign']);
    expect(availableSteps(complaint({ status: 'acknowledged' }))).toEqual(['investigate', 'await-customer', 'resolve', 'assign']);
    expect(availableSteps(complaint({ status: 'investigating', pauses: [{ reason: 'awaiting-customer', from: T0, to: null }] }))).toEqual(['customer-replied', 'resolve', 'assign']);
    expect(availableSteps(complaint({ status: 'closed' }))).toEqual(['reopen']);
    expect(plainStep('acknowledge')).toEqual({ type: 'acknowledge' });
    expect(plainStep('resolve')).toBeNull();
  });

  it('reads the workflow code a hub refusal names, and nothing from other refusals', () => {
    expect(refusalCodeOf({ code: 'conflict', issues: [{ path: 'args.event.note', message: 'resolution-note-required' }] })).toBe('resolution-note-required');
    expect(refusalCodeOf({ code: 'invalid-payload', issues: [{ path: 'args.complaint.category', message: 'unknown-category' }] })).toBe('unknown-category');
    expect(refusalCodeOf({ code: 'conflict' })).toBeNull();
    expect(refusalCodeOf({ code: 'forbidden', issues: [{ path: 'x', message: 'invalid-transition' }] })).toBeNull();
    expect(refusalCodeOf({ code: 'conflict', issues: [{ path: 'x', message: 'something-new' }] })).toBeNull();
  });

  it('labels codes in the reader’s language, falling back to the code', () => {
    expect(labelOf(DEFAULT_COMPLAINT_SETTINGS.categories, 'delivery.late', 'zh-CN')).toBe('配送延误');
    expect(labelOf(DEFAULT_COMPLAINT_SETTINGS.categories, 'delivery', 'en')).toBe('Delivery');
    expect(labelOf(DEFAULT_COMPLAINT_SETTINGS.categories, 'gone', 'en')).toBe('gone');
  });
});

describe('urgency', () => {
  const settings = { sla: { ...DEFAULT_COMPLAINT_SETTINGS.sla, calendar: null, resolution: { basis: 'elapsed' as const, hours: { low: 80, medium: 40, high: 24, critical: 8 } } } };

  it('puts red before amber before green, then least time left', () => {
    const now = T0 + 30 * HOUR;
    const green = complaint({ severity: 'low', acknowledgedAt: T0 + 1, status: 'acknowledged' });
    const amber = complaint({ severity: 'medium', acknowledgedAt: T0 + 1, status: 'acknowledged', openedAt: T0 - 3 * HOUR });
    const red = complaint({ severity: 'critical', acknowledgedAt: T0 + 1, status: 'acknowledged' });
    const ranked = rankByUrgency([green, amber, red], settings, now);
    expect(ranked.map((r) => r.lead.colour)).toEqual(['red', 'amber', 'green']);
    expect(ranked.map((r) => r.complaint.id)).toEqual([red.id, amber.id, green.id]);
    expect(filterRanked(ranked, { colour: 'amber', severity: 'all' }).map((r) => r.complaint.id)).toEqual([amber.id]);
    expect(filterRanked(ranked, { colour: 'all', severity: 'low' }).map((r) => r.complaint.id)).toEqual([green.id]);
  });

  it('leads with the first-response clock until it is met', () => {
    const fresh = rankByUrgency([complaint({ severity: 'low' })], settings, T0 + 20 * HOUR)[0];
    expect(fresh?.lead.kind).toBe('first-response');
    expect(fresh?.lead.colour).toBe('amber');
  });

  it('rounds spans up to the minute', () => {
    expect(spanParts(HOUR + 61_000)).toEqual({ hours: 1, minutes: 2 });
    expect(spanParts(-30_000)).toEqual({ hours: 0, minutes: 1 });
  });
});
