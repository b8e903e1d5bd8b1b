import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ChatWidgetSchema } from '../../../../../shared/domain/chat';
import { QueueSchema } from '../../../../../shared/domain/routing';
import { DEFAULT_ROUTING_SETTINGS, RoutingSettingsSchema } from '../../../../../shared/protocol/admin';
import { UpsertCannedSchema } from '../../../../../shared/protocol/chat';
import { errorsFromHub, errorsFromZod, type FieldErrors, type FieldProblem, mergeErrors, recordRowsPath } from '../../../../../renderer/features/admin/field-errors';
import { billingQueue, generalQueue } from './fixtures';

const zodErrors = (result: z.ZodSafeParseResult<unknown>): FieldErrors => {
  if (result.success) throw new Error('expected the schema to refuse');
  return errorsFromZod(result.error);
};

const widget = {
  id: 'shop-cn',
  name: 'Shop',
  queueId: generalQueue.id,
  askName: 'optional',
  askEmail: 'required',
  greeting: '',
  closedMessage: '',
  maxWaitMessage: '',
  followUpQueueId: null,
  allowedOrigins: [],
} as const;

describe('errorsFromZod: the shared schemas’ own messages become specific problems', () => {
  it('names the business-hours problems', () => {
    const errors = zodErrors(
      QueueSchema.safeParse({
        ...billingQueue,
        businessHours: {
          timeZone: 'Mars/Olympus',
          weekly: { mon: [{ open: '18:00', close: '09:00' }, { open: '25:00', close: '26:00' }] },
          holidays: ['2026-13-01'],
        },
      }),
    );
    expect(errors.get('businessHours.timeZone')).toEqual({ kind: 'unknown-zone' });
    expect(errors.get('businessHours.weekly.mon.0')).toEqual({ kind: 'open-before-close' });
    expect(errors.get('businessHours.weekly.mon.1.open')).toEqual({ kind: 'format', hint: 'time' });
    expect(errors.get('businessHours.holidays.0')).toEqual({ kind: 'format', hint: 'date' });
  });

  it('names a queue overflowing into itself, repeated dispositions and a missing id', () => {
    expect(zodErrors(QueueSchema.safeParse({ ...generalQueue, overflowQueueId: generalQueue.id })).get('overflowQueueId')).toEqual({
      kind: 'self-overflow',
    });
    expect(zodErrors(QueueSchema.safeParse({ ...generalQueue, dispositions: ['Sale', 'Sale'] })).get('dispositions')).toEqual({ kind: 'duplicate' });
    expect(zodErrors(QueueSchema.safeParse({ ...generalQueue, overflowQueueId: '' })).get('overflowQueueId')).toEqual({ kind: 'choose' });
  });

  it('looks inside a record key for the skill format', () => {
    const errors = zodErrors(QueueSchema.safeParse({ ...generalQueue, requiredSkills: { 'no spaces': 1 } }));
    expect(errors.get('requiredSkills.no spaces')).toEqual({ kind: 'format', hint: 'skill' });
  });

  it('names the routing settings’ rules', () => {
    const reasons = DEFAULT_ROUTING_SETTINGS.awayReasons;
    expect(zodErrors(RoutingSettingsSchema.safeParse({ ...DEFAULT_ROUTING_SETTINGS, awayReasons: [...reasons, reasons[0]] })).get('awayReasons')).toEqual({
      kind: 'duplicate',
    });
    expect(
      zodErrors(RoutingSettingsSchema.safeParse({ ...DEFAULT_ROUTING_SETTINGS, awayReasons: [...reasons, { code: 'missed-offers', label: 'x' }] })).get(
        'awayReasons',
      ),
    ).toEqual({ kind: 'reserved' });
    const policy = DEFAULT_ROUTING_SETTINGS.policy;
    const keyAbove = { ...DEFAULT_ROUTING_SETTINGS, policy: { ...policy, priority: { ...policy.priority, keyBoost: 50, vipBoost: 10 } } };
    expect(zodErrors(RoutingSettingsSchema.safeParse(keyAbove)).get('policy.priority.keyBoost')).toEqual({ kind: 'key-above-vip' });
    expect(
      zodErrors(RoutingSettingsSchema.safeParse({ ...DEFAULT_ROUTING_SETTINGS, awayReasons: [{ code: 'Coffee Break', label: 'Coffee' }] })).get(
        'awayReasons.0.code',
      ),
    ).toEqual({ kind: 'format', hint: 'away-code' });
  });

  it('names the widget and shared-reply formats', () => {
    const errors = zodErrors(ChatWidgetSchema.safeParse({ ...widget, id: 'Shop CN', allowedOrigins: ['shop.example.com'] }));
    expect(errors.get('id')).toEqual({ kind: 'format', hint: 'widget-id' });
    expect(errors.get('allowedOrigins.0')).toEqual({ kind: 'format', hint: 'origin' });
    const canned = UpsertCannedSchema.safeParse({ id: generalQueue.id, scope: 'shared', shortcut: 'hi there', title: 'Hi', text: 'Hello!' });
    expect(zodErrors(canned).get('shortcut')).toEqual({ kind: 'format', hint: 'shortcut' });
  });

  it('turns zod’s generic checks into limits the form can state', () => {
    const errors = zodErrors(
      QueueSchema.safeParse({
        ...generalQueue,
        name: '   ',
        channels: [],
        serviceLevel: { percent: 120, seconds: 0 },
        maxWaitSec: Number.NaN,
        preferredAgentHoldSec: 1.5,
        dispositions: ['x'.repeat(65)],
      }),
    );
    expect(errors.get('name')).toEqual({ kind: 'required' });
    expect(errors.get('channels')).toEqual({ kind: 'too-few', limit: 1 });
    expect(errors.get('serviceLevel.percent')).toEqual({ kind: 'too-big', limit: 100 });
    expect(errors.get('serviceLevel.seconds')).toEqual({ kind: 'too-small', limit: 0, inclusive: false });
    expect(errors.get('maxWaitSec')).toEqual({ kind: 'not-number' });
    expect(errors.get('preferredAgentHoldSec')).toEqual({ kind: 'not-whole' });
    expect(errors.get('dispositions.0')).toEqual({ kind: 'too-long', limit: 64 });
  });

  it('passes every path through the form’s path map', () => {
    const result = QueueSchema.safeParse({ ...generalQueue, name: '' });
    if (result.success) throw new Error('expected a refusal');
    expect([...errorsFromZod(result.error, (path) => `queue.${path}`).keys()]).toEqual(['queue.name']);
  });
});

describe('errorsFromHub', () => {
  it('keeps the field of every issue, naming the ones it knows and marking the rest as refused by the hub', () => {
    const errors = errorsFromHub([
      { path: 'overflowQueueId', message: 'unknown queue' },
      { path: 'queueId', message: 'not served by this queue' },
      { path: 'greeting', message: 'something new on the hub' },
      { path: 'greeting', message: 'a second problem with it' },
    ]);
    expect(errors.get('overflowQueueId')).toEqual({ kind: 'unknown-queue' });
    expect(errors.get('queueId')).toEqual({ kind: 'no-chat' });
    expect(errors.get('greeting')).toEqual({ kind: 'hub-refused' });
    expect(errors.size).toBe(3);
  });

  it('is empty without issues', () => {
    expect(errorsFromHub(undefined).size).toBe(0);
  });
});

describe('recordRowsPath', () => {
  const map = recordRowsPath('requiredSkills', 'skills', ['billing', 'zh.yue', '']);

  it('maps a record key, dots and all, to its row', () => {
    expect(map('requiredSkills.zh.yue')).toBe('skills.1');
    expect(map('requiredSkills.')).toBe('skills.2');
  });

  it('maps the whole record, and a key no row has, to the rows field; leaves other paths alone', () => {
    expect(map('requiredSkills')).toBe('skills');
    expect(map('requiredSkills.vip')).toBe('skills');
    expect(map('maxWaitSec')).toBe('maxWaitSec');
  });
});

describe('mergeErrors', () => {
  it('keeps the first problem for a path', () => {
    const first = new Map<string, FieldProblem>([['name', { kind: 'required' }]]);
    const second = new Map<string, FieldProblem>([
      ['name', { kind: 'taken' }],
      ['id', { kind: 'taken' }],
    ]);
    const merged = mergeErrors(first, second);
    expect([...merged]).toEqual([
      ['name', { kind: 'required' }],
      ['id', { kind: 'taken' }],
    ]);
  });
});
