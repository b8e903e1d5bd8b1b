import { describe, expect, it } from 'vitest';
import { errorsFromHub } from '../../../../../renderer/features/admin/field-errors';
import { refusalErrors } from '../../../../../renderer/features/admin/save-refusal';
import { draftFromVoice, NEW_NUMBER, queuesTakingCalls, voiceFromDraft } from '../../../../../renderer/features/admin/voice-form';
import type { VoiceSettings } from '../../../../../shared/protocol/voice';
import { BILLING, billingQueue, EMAIL_ONLY, emailQueue, GENERAL, generalQueue } from './fixtures';

const QUEUES = [generalQueue, billingQueue, emailQueue];
const SETTINGS: VoiceSettings = {
  domain: 'sip.example.cn',
  numbers: [
    { dialled: 'support', queueId: GENERAL },
    { dialled: '4008001234', queueId: BILLING },
  ],
  ringSec: 20,
  waitRetrySec: 3,
};

const draft = () => draftFromVoice(SETTINGS);
const errorsOf = (result: ReturnType<typeof voiceFromDraft>) => {
  if (result.ok) throw new Error('expected problems');
  return result.errors;
};

describe('voice settings form', () => {
  it('gives back the settings it was opened with', () => {
    expect(voiceFromDraft(draft(), QUEUES)).toEqual({ ok: true, value: SETTINGS });
  });

  it('offers only the queues that take calls', () => {
    expect(queuesTakingCalls(QUEUES).map((queue) => queue.id)).toEqual([GENERAL, BILLING]);
  });

  it('takes a new number, trimmed, and the timings', () => {
    const start = draft();
    const result = voiceFromDraft(
      { ...start, domain: ' pbx.example.cn ', numbers: [...start.numbers, { dialled: ' sales ', queueId: GENERAL }], ringSec: '30', waitRetrySec: '5' },
      QUEUES,
    );
    if (!result.ok) throw new Error(JSON.stringify([...result.errors]));
    expect(result.value.domain).toBe('pbx.example.cn');
    expect(result.value.numbers.at(-1)).toEqual({ dialled: 'sales', queueId: GENERAL });
    expect(result.value.ringSec).toBe(30);
    expect(result.value.waitRetrySec).toBe(5);
  });

  it('takes a removed number away, down to none at all', () => {
    const result = voiceFromDraft({ ...draft(), numbers: [] }, QUEUES);
    expect(result.ok && result.value.numbers).toEqual([]);
  });

  it('marks the row that repeats a number, whatever its case, instead of the whole list', () => {
    const start = draft();
    const errors = errorsOf(voiceFromDraft({ ...start, numbers: [...start.numbers, { dialled: 'SUPPORT', queueId: BILLING }] }, QUEUES));
    expect([...errors]).toEqual([['numbers.2.dialled', { kind: 'duplicate' }]]);
  });

  it('marks a new row left empty, and a number that is not a SIP user part', () => {
    const start = draft();
    const empty = errorsOf(voiceFromDraft({ ...start, numbers: [...start.numbers, { ...NEW_NUMBER }] }, QUEUES));
    expect(empty.get('numbers.2.dialled')).toEqual({ kind: 'required' });
    expect(empty.get('numbers.2.queueId')).toEqual({ kind: 'choose' });
    const spaced = errorsOf(voiceFromDraft({ ...start, numbers: [{ dialled: 'sales team', queueId: GENERAL }] }, QUEUES));
    expect(spaced.get('numbers.0.dialled')).toEqual({ kind: 'format', hint: 'sip-user' });
  });

  it('marks a number sent to a queue that does not take calls, before the hub has to', () => {
    const errors = errorsOf(voiceFromDraft({ ...draft(), numbers: [{ dialled: 'followups', queueId: EMAIL_ONLY }] }, QUEUES));
    expect([...errors]).toEqual([['numbers.0.queueId', { kind: 'no-calls' }]]);
  });

  it('marks timings out of range and an empty domain', () => {
    const errors = errorsOf(voiceFromDraft({ ...draft(), domain: ' ', ringSec: '2', waitRetrySec: '1.5' }, QUEUES));
    expect(errors.get('domain')).toEqual({ kind: 'required' });
    expect(errors.get('ringSec')).toEqual({ kind: 'too-small', limit: 5, inclusive: true });
    expect(errors.get('waitRetrySec')).toEqual({ kind: 'not-whole' });
  });

  it('puts the hub’s refusals on the number and queue fields they name', () => {
    const issues = [
      { path: 'numbers.0.queueId', message: 'not a queue that takes calls' },
      { path: 'numbers.1.dialled', message: "an agent's extension" },
    ];
    expect([...errorsFromHub(issues)]).toEqual([
      ['numbers.0.queueId', { kind: 'no-calls' }],
      ['numbers.1.dialled', { kind: 'agent-extension' }],
    ]);
    const refused = refusalErrors('voice', { kind: 'hub', error: { code: 'invalid-payload', message: 'Some numbers cannot be routed.', issues } });
    expect(refused.get('numbers.1.dialled')).toEqual({ kind: 'agent-extension' });
  });
});
