import { describe, expect, it } from 'vitest';
import {
  draftFromProfile,
  newAgentDraft,
  profileFromDraft,
  toggleQueue,
  usersWithoutProfile,
} from '../../../../../renderer/features/admin/agent-form';
import type { User } from '../../../../../shared/domain/user';
import { AGENT, BILLING, GENERAL, profile } from './fixtures';

const errorsOf = (result: ReturnType<typeof profileFromDraft>) => {
  if (result.ok) throw new Error('expected problems');
  return result.errors;
};

describe('agent form', () => {
  it('gives back the profile it was opened with', () => {
    expect(profileFromDraft(draftFromProfile(profile))).toEqual({ ok: true, value: profile });
  });

  it('shows a channel the agent does not take as an empty box, and leaves it out again', () => {
    const draft = draftFromProfile(profile);
    expect(draft.capacity).toEqual({ call: '1', video: '', chat: '3', sms: '', email: '5' });
    const result = profileFromDraft({ ...draft, capacity: { ...draft.capacity, email: ' ', sms: '2' } });
    expect(result).toEqual({ ok: true, value: { ...profile, capacity: { call: 1, chat: 3, sms: 2 } } });
  });

  it('sends auto-accept only for the channels that have it', () => {
    const draft = draftFromProfile(profile);
    const result = profileFromDraft({ ...draft, autoAccept: { ...draft.autoAccept, chat: false, email: true } });
    expect(result.ok && result.value.autoAccept).toEqual({ email: true });
  });

  it('starts a new profile with the usual desk and asks who it is for', () => {
    const draft = newAgentDraft('');
    expect(draft.capacity).toEqual({ call: '1', video: '1', chat: '3', sms: '3', email: '5' });
    expect(draft.maxMissedBeforeAway).toBe('3');
    expect(errorsOf(profileFromDraft(draft)).get('userId')).toEqual({ kind: 'choose' });
    expect(profileFromDraft({ ...draft, userId: AGENT }).ok).toBe(true);
  });

  it('marks a bad capacity and a bad limit on their fields, and a bad skill level on its row', () => {
    const draft = draftFromProfile(profile);
    expect(errorsOf(profileFromDraft({ ...draft, capacity: { ...draft.capacity, chat: 'lots' } })).get('capacity.chat')).toEqual({ kind: 'not-number' });
    expect(errorsOf(profileFromDraft({ ...draft, capacity: { ...draft.capacity, chat: '51' } })).get('capacity.chat')).toEqual({ kind: 'too-big', limit: 50 });
    expect(errorsOf(profileFromDraft({ ...draft, maxMissedBeforeAway: '-1' })).get('maxMissedBeforeAway')).toEqual({
      kind: 'too-small',
      limit: 0,
      inclusive: true,
    });
    expect(errorsOf(profileFromDraft({ ...draft, skills: [{ skill: 'vip', level: 9 }] })).get('skills.0')).toEqual({ kind: 'too-big', limit: 5 });
  });

  it('offers agents and supervisors without a profile for "add an agent"', () => {
    const users: User[] = [
      { id: AGENT, username: 'agent1', displayName: 'Wang Fang', role: 'agent' },
      { id: '01HQ00000000000000000000A2', username: 'agent2', displayName: 'Li Qiang', role: 'agent' },
      { id: '01HQ00000000000000000000S1', username: 'supervisor', displayName: 'Zhao Min', role: 'supervisor' },
      { id: '01HQ00000000000000000000D1', username: 'admin', displayName: 'Admin', role: 'admin' },
    ];
    expect(usersWithoutProfile(users, [profile]).map((user) => user.username)).toEqual(['agent2', 'supervisor']);
  });

  it('ticks and unticks queues', () => {
    expect(toggleQueue([GENERAL], BILLING, true)).toEqual([GENERAL, BILLING]);
    expect(toggleQueue([GENERAL, BILLING], GENERAL, false)).toEqual([BILLING]);
    expect(toggleQueue([GENERAL], GENERAL, true)).toEqual([GENERAL]);
  });
});
