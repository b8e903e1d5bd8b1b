import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../hub/audit/audit-summary';

describe('summarize (what an audit line keeps of a payload)', () => {
  it('keeps the ids a payload names, at the top, nested and in id lists', () => {
    const { targetIds } = summarize({ userId: 'U1', target: { queueId: 'Q1' }, memberIds: ['A', 'B'], id: 'X' });
    expect(targetIds.sort()).toEqual(['A', 'B', 'Q1', 'U1', 'X']);
  });

  it('withholds secrets and people’s words by key, and long strings whatever their key', () => {
    const { summary } = summarize({
      password: 'hunter2hunter2',
      newPassword: 'x',
      secret: 's',
      refreshToken: 't',
      text: 'the customer said…',
      note: 'n',
      role: 'agent',
      disabled: true,
      limit: 50,
      comment: 'y'.repeat(200),
      nested: { a: 1 },
      list: [1, 2, 3],
    });
    expect(summary).toEqual({
      password: '[withheld]',
      newPassword: '[withheld]',
      secret: '[withheld]',
      refreshToken: '[withheld]',
      text: '[withheld]',
      note: '[withheld]',
      role: 'agent',
      disabled: true,
      limit: 50,
      comment: '[200 characters]',
      nested: '{…}',
      list: '[3 items]',
    });
    expect(JSON.stringify(summary)).not.toContain('hunter2');
  });

  it('reads no shape from what is not an object', () => {
    expect(summarize('text')).toEqual({ targetIds: [], summary: {} });
    expect(summarize(null)).toEqual({ targetIds: [], summary: {} });
    expect(summarize([{ id: 'A' }]).summary).toEqual({});
  });
});
