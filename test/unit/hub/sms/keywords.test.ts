import { describe, expect, it } from 'vitest';
import { smsKeyword } from '../../../../hub/sms/keywords';

describe('smsKeyword', () => {
  it('hears opt-out words in English and Chinese, whatever the case, spacing and end punctuation', () => {
    for (const text of ['STOP', 'stop', ' Stop. ', 'UNSUBSCRIBE', 'Cancel', 'quit!', '取消', '退订', ' 退订。', 'STOPALL', 'end']) {
      expect(smsKeyword(text), text).toBe('opt-out');
    }
  });

  it('hears opt-in words', () => {
    for (const text of ['START', 'start', 'Unstop', '订阅', '订阅！']) expect(smsKeyword(text), text).toBe('opt-in');
  });

  it('leaves sentences that merely contain a keyword to the agent', () => {
    for (const text of ['please stop calling me', 'stop it now', '我想取消订单', 'STOPPED', 'start over?', '', '   ']) {
      expect(smsKeyword(text), text).toBeNull();
    }
  });
});
