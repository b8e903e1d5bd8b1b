import { describe, expect, it } from 'vitest';
import { formatClock } from '../../../../../renderer/features/supervisor/clock-format';
import { supervisorFailureText } from '../../../../../renderer/features/supervisor/failure-text';
import { type MessageKey, type Params, translate } from '../../../../../renderer/i18n/translate';
import type { AdminFailure } from '../../../../../renderer/sync/admin-client';
import type { ErrorCode } from '../../../../../shared/protocol/errors';

const en = (key: MessageKey, params?: Params) => translate('en', key, params);
const zh = (key: MessageKey, params?: Params) => translate('zh-CN', key, params);
const refused = (code: ErrorCode): AdminFailure => ({ kind: 'hub', error: { code, message: 'hub detail, never shown' } });

describe('supervisorFailureText', () => {
  it('says a task is gone when it was taken or left before the move or the pick landed', () => {
    expect(supervisorFailureText(en, 'task:move', refused('not-found'))).toBe(en('supervisor.refused.taskGone'));
    expect(supervisorFailureText(en, 'task:move', refused('conflict'))).toBe(en('supervisor.refused.taskGone'));
    expect(supervisorFailureText(en, 'task:assign', refused('not-found'))).toBe(en('supervisor.refused.taskGone'));
    expect(supervisorFailureText(zh, 'task:move', refused('conflict'))).toContain('不在此队列');
  });

  it('blames the agent, not the task, when an assignment conflicts', () => {
    expect(supervisorFailureText(en, 'task:assign', refused('conflict'))).toBe(en('supervisor.refused.agentCannotTake'));
    expect(supervisorFailureText(en, 'agent:state', refused('conflict'))).toBe(en('supervisor.refused.agentState'));
  });

  it('explains who may edit agents and their settings', () => {
    expect(supervisorFailureText(en, 'agent:edit', refused('forbidden'))).toBe(en('supervisor.refused.editAgents'));
    expect(supervisorFailureText(en, 'settings', refused('forbidden'))).toBe(en('supervisor.refused.settings'));
    // Elsewhere "forbidden" is the app's usual sentence: an agent's session that reached the live view.
    expect(supervisorFailureText(en, 'watch', refused('forbidden'))).toBe(en('error.forbidden'));
  });

  it('falls back to the app’s sentences for other refusals and for the connection', () => {
    expect(supervisorFailureText(en, 'message', refused('invalid-payload'))).toBe(en('error.invalid-payload'));
    expect(supervisorFailureText(en, 'agent:edit', refused('conflict'))).toBe(en('error.conflict'));
    expect(supervisorFailureText(zh, 'watch', { kind: 'network' })).toBe(zh('error.network'));
    expect(supervisorFailureText(en, 'settings', { kind: 'bad-answer', message: 'x' })).toBe(en('error.bad-answer'));
  });
});

describe('formatClock', () => {
  it('shows seconds on a 24-hour clock in either language', () => {
    const at = new Date(2026, 10, 24, 14, 5, 9).getTime();
    expect(formatClock(at, 'en')).toBe('14:05:09');
    expect(formatClock(at, 'zh-CN')).toBe('14:05:09');
    // Not "24:00:07", as hour12: false gives in some engines.
    expect(formatClock(new Date(2026, 10, 24, 0, 0, 7).getTime(), 'en')).toBe('00:00:07');
  });
});

describe('supervisor messages', () => {
  it('count the agents reached, in both languages', () => {
    expect(en('supervisor.message.sent', { count: 1 })).toBe('Sent to 1 agent signed in now.');
    expect(en('supervisor.message.sent', { count: 3 })).toBe('Sent to 3 agents signed in now.');
    expect(zh('supervisor.message.sent', { count: 3 })).toBe('已发送给 3 位在线坐席。');
  });
});
