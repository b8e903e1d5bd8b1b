import { describe, expect, it } from 'vitest';
import { agentEditFromForm } from '../../../../../renderer/features/supervisor/agent-edit';
import { fieldsFromThresholds, thresholdsFromFields } from '../../../../../renderer/features/supervisor/thresholds-form';

const AGENT = '01J0000000000000000000000A';
const Q1 = '01J0000000000000000000000Q';

describe('thresholdsFromFields', () => {
  it('reads a blank service level as the queue’s own target', () => {
    expect(thresholdsFromFields({ serviceLevelBelow: ' ', waitAboveSec: '90', agentStateAboveSec: '600' })).toEqual({
      ok: true,
      thresholds: { serviceLevelBelow: null, waitAboveSec: 90, agentStateAboveSec: 600 },
    });
  });

  it('names every field to fix: out of range, not whole, blank or not a number', () => {
    const result = thresholdsFromFields({ serviceLevelBelow: '120', waitAboveSec: '1.5', agentStateAboveSec: '' });
    expect(result).toEqual({ ok: false, invalid: ['serviceLevelBelow', 'waitAboveSec', 'agentStateAboveSec'] });
    expect(thresholdsFromFields({ serviceLevelBelow: '80', waitAboveSec: 'soon', agentStateAboveSec: '0' })).toEqual({
      ok: false,
      invalid: ['waitAboveSec', 'agentStateAboveSec'],
    });
  });

  it('round-trips what the hub holds', () => {
    const thresholds = { serviceLevelBelow: 75, waitAboveSec: 45, agentStateAboveSec: 900 };
    expect(thresholdsFromFields(fieldsFromThresholds(thresholds))).toEqual({ ok: true, thresholds });
  });
});

describe('agentEditFromForm', () => {
  it('builds the payload, dropping blank rows and repeated queues', () => {
    const result = agentEditFromForm(
      AGENT,
      [
        { skill: 'billing', level: 3 },
        { skill: '  ', level: 1 },
        { skill: '普通话', level: 5 },
      ],
      [Q1, Q1],
    );
    expect(result).toEqual({ ok: true, edit: { agentId: AGENT, skills: { billing: 3, 普通话: 5 }, queueIds: [Q1] } });
  });

  it('points at the second row naming the same skill, counted in the form’s own rows', () => {
    const result = agentEditFromForm(
      AGENT,
      [
        { skill: '', level: 1 },
        { skill: 'billing', level: 3 },
        { skill: 'billing', level: 2 },
      ],
      [],
    );
    expect(result).toEqual({ ok: false, problem: { row: 2, kind: 'duplicate' } });
  });

  it('points at a skill name the hub would refuse', () => {
    const result = agentEditFromForm(
      AGENT,
      [
        { skill: 'billing', level: 3 },
        { skill: 'bad name!', level: 2 },
      ],
      [],
    );
    expect(result).toEqual({ ok: false, problem: { row: 1, kind: 'skill' } });
  });
});
