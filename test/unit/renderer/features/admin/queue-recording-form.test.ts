import { describe, expect, it } from 'vitest';
import { draftFromQueue, newQueueDraft, queueFromDraft } from '../../../../../renderer/features/admin/queue-form';
import { GENERAL, generalQueue } from './fixtures';

describe('the queue form’s recording setting', () => {
  it('is off for a new queue and for one saved before recording existed', () => {
    expect(newQueueDraft(GENERAL)).toMatchObject({ recordCalls: false, recordingNotice: '' });
    expect(draftFromQueue(generalQueue)).toMatchObject({ recordCalls: false, recordingNotice: '' });
  });

  it('saves recording on with its notice, and reads it back the same', () => {
    const draft = { ...draftFromQueue(generalQueue), recordCalls: true, recordingNotice: 'This call is recorded. / 本次通话将被录音。' };
    const saved = queueFromDraft(draft);
    if (!saved.ok) throw new Error('expected a queue');
    expect(saved.value).toMatchObject({ recordCalls: true, recordingNotice: 'This call is recorded. / 本次通话将被录音。' });
    expect(draftFromQueue(saved.value)).toEqual(draft);
  });

  it('leaves both out when off and empty, and refuses a notice too long to read out', () => {
    const saved = queueFromDraft({ ...draftFromQueue(generalQueue), recordCalls: false, recordingNotice: '  ' });
    if (!saved.ok) throw new Error('expected a queue');
    expect('recordCalls' in saved.value || 'recordingNotice' in saved.value).toBe(false);
    const long = queueFromDraft({ ...draftFromQueue(generalQueue), recordCalls: true, recordingNotice: 'x'.repeat(501) });
    expect(long.ok).toBe(false);
    if (!long.ok) expect([...long.errors.keys()]).toEqual(['recordingNotice']);
  });
});
