import { describe, expect, it } from 'vitest';
import { draftFromSms, queuesTakingSms, smsFromDraft } from '../../../../../renderer/features/sms/sms-settings-form';
import type { SmsSettingsView } from '../../../../../shared/protocol/sms';
import { billingQueue, EMAIL_ONLY, emailQueue, GENERAL, generalQueue } from '../admin/fixtures';

const QUEUES = [{ ...generalQueue, channels: [...generalQueue.channels, 'sms' as const] }, billingQueue, emailQueue];
const VIEW: SmsSettingsView = {
  providerUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json',
  account: 'AC1',
  publicUrl: null,
  numbers: [{ number: '+8610690000001', queueId: GENERAL }],
  secretSet: true,
};
const errorsOf = (result: ReturnType<typeof smsFromDraft>) => {
  if (result.ok) throw new Error('expected problems');
  return result.errors;
};

describe('SMS settings form', () => {
  it('gives back what it was opened with, keeping the stored secret when none is typed', () => {
    expect(smsFromDraft(draftFromSms(VIEW), QUEUES)).toEqual({
      ok: true,
      value: { providerUrl: VIEW.providerUrl, account: 'AC1', publicUrl: null, numbers: VIEW.numbers },
    });
    expect(smsFromDraft({ ...draftFromSms(VIEW), secret: 'new-token' }, QUEUES)).toMatchObject({ ok: true, value: { secret: 'new-token' } });
  });

  it('turns blanks into "not set" and tidies numbers typed with spaces and dashes', () => {
    const draft = { ...draftFromSms(VIEW), providerUrl: '  ', publicUrl: '', numbers: [{ number: '+86 1069-0000-001', queueId: GENERAL }] };
    expect(smsFromDraft(draft, QUEUES)).toMatchObject({ ok: true, value: { providerUrl: null, publicUrl: null, numbers: [{ number: '+8610690000001' }] } });
  });

  it('offers only queues that take SMS, and marks a number sent anywhere else', () => {
    expect(queuesTakingSms(QUEUES).map((queue) => queue.id)).toEqual([GENERAL]);
    const errors = errorsOf(smsFromDraft({ ...draftFromSms(VIEW), numbers: [{ number: '+8610690000001', queueId: EMAIL_ONLY }] }, QUEUES));
    expect(errors.has('numbers.0.queueId')).toBe(true);
  });

  it('marks a number not in international form, a repeated one, and a send URL that is not a URL', () => {
    const draft = {
      ...draftFromSms(VIEW),
      providerUrl: 'api.twilio.com',
      numbers: [
        { number: '010-6900', queueId: GENERAL },
        { number: '+8610690000001', queueId: GENERAL },
        { number: '+8610690000001', queueId: GENERAL },
      ],
    };
    const errors = errorsOf(smsFromDraft(draft, QUEUES));
    expect(errors.has('providerUrl')).toBe(true);
    expect(errors.has('numbers.0.number')).toBe(true);
    expect(errors.get('numbers')).toEqual({ kind: 'duplicate' });
  });
});
