import { describe, expect, it } from 'vitest';
import { draftOf, parseTags, patchFromDraft } from '../../../../../renderer/features/customer360/profile-draft';

const original = { name: 'Wang Wei', company: 'Acme', tags: ['vip', 'beijing'] };

describe('parseTags', () => {
  it('splits on Latin and Chinese commas, trims, drops blanks and repeats', () => {
    expect(parseTags(' vip, 北京，vip,, 投诉、回访 ')).toEqual(['vip', '北京', '投诉', '回访']);
  });
});

describe('patchFromDraft', () => {
  it('sends only the fields that changed', () => {
    const draft = { ...draftOf(original), company: 'Acme Ltd' };
    expect(patchFromDraft(original, draft)).toEqual({ kind: 'patch', patch: { company: 'Acme Ltd' } });
  });

  it('treats an emptied company as none', () => {
    expect(patchFromDraft(original, { ...draftOf(original), company: '  ' })).toEqual({ kind: 'patch', patch: { company: null } });
  });

  it('notices tag order and content but not spacing', () => {
    expect(patchFromDraft(original, { ...draftOf(original), tags: 'vip ,beijing' })).toEqual({ kind: 'no-change' });
    expect(patchFromDraft(original, { ...draftOf(original), tags: 'beijing, vip' })).toEqual({
      kind: 'patch',
      patch: { tags: ['beijing', 'vip'] },
    });
  });

  it('requires a name and checks limits', () => {
    expect(patchFromDraft(original, { ...draftOf(original), name: ' ' })).toEqual({ kind: 'name-required' });
    expect(patchFromDraft(original, { ...draftOf(original), tags: 'x'.repeat(41) })).toEqual({ kind: 'invalid', fields: ['tags'] });
  });
});
