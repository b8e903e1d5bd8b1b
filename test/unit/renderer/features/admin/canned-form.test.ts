import { describe, expect, it } from 'vitest';
import { cannedFromDraft, draftFromCanned, newCannedDraft, sharedReplies } from '../../../../../renderer/features/admin/canned-form';
import type { CannedResponse } from '../../../../../shared/domain/chat';
import { AGENT } from './fixtures';

const ID = '01HQ0000000000000000000C01';
const OTHER = '01HQ0000000000000000000C02';
const hello: CannedResponse = { id: ID, ownerId: null, shortcut: 'hello', title: 'Greeting', text: '您好，请问有什么可以帮您？', updatedAt: 1 };
const thanks: CannedResponse = { id: OTHER, ownerId: null, shortcut: 'thanks', title: 'Thanks', text: 'Thank you for waiting.', updatedAt: 1 };
const mine: CannedResponse = { id: '01HQ0000000000000000000C03', ownerId: AGENT, shortcut: 'aaa', title: 'Mine', text: 'Personal.', updatedAt: 1 };
const errorsOf = (result: ReturnType<typeof cannedFromDraft>) => {
  if (result.ok) throw new Error('expected problems');
  return result.errors;
};

describe('shared reply form', () => {
  it('sends the reply as shared, without the slash people type', () => {
    const result = cannedFromDraft({ ...newCannedDraft(ID), shortcut: ' /hello ', title: ' Greeting ', text: 'Hi!' }, [thanks]);
    expect(result).toEqual({ ok: true, value: { id: ID, scope: 'shared', shortcut: 'hello', title: 'Greeting', text: 'Hi!' } });
  });

  it('refuses a shortcut another shared reply uses, but not the reply’s own', () => {
    expect(errorsOf(cannedFromDraft({ ...draftFromCanned(thanks), shortcut: 'hello' }, [hello, thanks])).get('shortcut')).toEqual({ kind: 'taken' });
    expect(cannedFromDraft(draftFromCanned(hello), [hello, thanks]).ok).toBe(true);
  });

  it('asks for a title and a text', () => {
    const errors = errorsOf(cannedFromDraft({ ...newCannedDraft(ID), shortcut: 'x' }, []));
    expect(errors.get('title')).toEqual({ kind: 'required' });
    expect(errors.get('text')).toEqual({ kind: 'required' });
  });

  it('lists only the shared replies, by shortcut', () => {
    expect(sharedReplies([thanks, mine, hello]).map((reply) => reply.shortcut)).toEqual(['hello', 'thanks']);
  });
});
