import { describe, expect, it } from 'vitest';
import { recordRowsPath } from '../../../../../renderer/features/admin/field-errors';
import { describeRefusal, loadFailureText, refusalErrors } from '../../../../../renderer/features/admin/save-refusal';
import { type MessageKey, type Params, translate } from '../../../../../renderer/i18n/translate';
import type { AdminFailure } from '../../../../../renderer/sync/admin-client';

const en = (key: MessageKey, params?: Params) => translate('en', key, params);
const zh = (key: MessageKey, params?: Params) => translate('zh-CN', key, params);
const loop: AdminFailure = { kind: 'hub', error: { code: 'conflict', message: 'Overflow would loop: A → B → A.' } };

describe('describeRefusal', () => {
  it('tells a supervisor that only an administrator can save', () => {
    const forbidden: AdminFailure = { kind: 'hub', error: { code: 'forbidden', message: 'admins only' } };
    expect(describeRefusal(en, 'settings', forbidden)).toBe('Only an administrator can change this.');
    expect(refusalErrors('settings', forbidden).size).toBe(0);
  });

  it('explains a queue conflict as an overflow loop, in the admin’s language', () => {
    expect(describeRefusal(zh, 'queue', loop)).toContain('溢出');
    expect(describeRefusal(en, 'queue', loop)).toContain('loop');
  });

  it('uses the app’s usual sentences for other refusals and for the connection', () => {
    expect(describeRefusal(en, 'widget', loop)).toBe(en('error.conflict'));
    expect(describeRefusal(en, 'agent', { kind: 'hub', error: { code: 'not-found', message: 'No such user.' } })).toBe(en('error.not-found'));
    expect(describeRefusal(en, 'canned', { kind: 'network' })).toBe(en('error.network'));
    expect(describeRefusal(en, 'canned', { kind: 'bad-answer', message: 'x' })).toBe(en('error.bad-answer'));
    expect(loadFailureText(en, { kind: 'hub', error: { code: 'unknown-event', message: 'x' } })).toBe(en('error.unknown-event'));
  });
});

describe('refusalErrors', () => {
  it('puts the hub’s field issues on the form’s fields', () => {
    const failure: AdminFailure = {
      kind: 'hub',
      error: {
        code: 'invalid-payload',
        message: 'Unknown queues',
        issues: [
          { path: 'skills.vip', message: 'nope' },
          { path: 'queueIds', message: 'unknown queue' },
        ],
      },
    };
    expect(describeRefusal(en, 'agent', failure)).toMatch(/marked below/);
    expect([...refusalErrors('agent', failure, recordRowsPath('skills', 'skills', ['billing', 'vip']))]).toEqual([
      ['skills.1', { kind: 'hub-refused' }],
      ['queueIds', { kind: 'unknown-queue' }],
    ]);
  });

  it('marks the overflow field for a queue’s loop, and nothing for a lost connection', () => {
    expect(refusalErrors('queue', loop).get('overflowQueueId')).toEqual({ kind: 'overflow-loop' });
    expect(refusalErrors('queue', { kind: 'network' }).size).toBe(0);
  });
});
