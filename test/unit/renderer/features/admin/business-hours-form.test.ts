import { describe, expect, it } from 'vitest';
import {
  businessHoursFrom,
  COMMON_TIME_ZONES,
  copyToWorkdays,
  hoursDraftFrom,
  timeZoneChoices,
} from '../../../../../renderer/features/admin/business-hours-form';
import { isKnownTimeZone } from '../../../../../shared/domain/routing';
import { billingQueue } from './fixtures';

describe('business hours editor', () => {
  it('opens "always open" as office hours in Beijing time, ready to be switched on', () => {
    const draft = hoursDraftFrom(null);
    expect(draft.alwaysOpen).toBe(true);
    expect(draft.timeZone).toBe('Asia/Shanghai');
    expect(draft.weekly.mon).toEqual([{ open: '09:00', close: '18:00' }]);
    expect(draft.weekly.sat).toEqual([]);
    expect(businessHoursFrom(draft)).toBeNull();
    expect(businessHoursFrom({ ...draft, alwaysOpen: false })).toEqual({
      timeZone: 'Asia/Shanghai',
      weekly: {
        mon: [{ open: '09:00', close: '18:00' }],
        tue: [{ open: '09:00', close: '18:00' }],
        wed: [{ open: '09:00', close: '18:00' }],
        thu: [{ open: '09:00', close: '18:00' }],
        fri: [{ open: '09:00', close: '18:00' }],
      },
      holidays: [],
    });
  });

  it('gives back the hours it was opened with, closed days left out', () => {
    const hours = billingQueue.businessHours;
    const draft = hoursDraftFrom(hours);
    expect(draft.weekly.sun).toEqual([]);
    expect(businessHoursFrom(draft)).toEqual(hours);
  });

  it('trims typed times and holidays', () => {
    const draft = hoursDraftFrom(billingQueue.businessHours);
    const typed = { ...draft, weekly: { ...draft.weekly, sun: [{ open: ' 10:00', close: '14:00 ' }] }, holidays: [' 2026-10-02 '] };
    expect(businessHoursFrom(typed)).toMatchObject({ weekly: { sun: [{ open: '10:00', close: '14:00' }] }, holidays: ['2026-10-02'] });
  });

  it('copies Monday to Tuesday–Friday as separate rows, leaving the weekend', () => {
    const draft = hoursDraftFrom(billingQueue.businessHours);
    const copied = copyToWorkdays(draft, 'mon');
    expect(copied.weekly.fri).toEqual(draft.weekly.mon);
    expect(copied.weekly.sat).toEqual(draft.weekly.sat);
    expect(copied.weekly.sun).toEqual([]);
    expect(copied.weekly.tue).not.toBe(draft.weekly.mon);
    expect(copied.weekly.tue[0]).not.toBe(draft.weekly.mon[0]);
  });

  it('lists the common zones, all known to the runtime, and keeps a queue’s own zone', () => {
    expect(COMMON_TIME_ZONES).toEqual(expect.arrayContaining(['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Europe/London', 'America/New_York', 'UTC']));
    for (const zone of COMMON_TIME_ZONES) expect(isKnownTimeZone(zone), zone).toBe(true);
    expect(timeZoneChoices('Asia/Shanghai')).toEqual([...COMMON_TIME_ZONES]);
    expect(timeZoneChoices('Asia/Kolkata')[0]).toBe('Asia/Kolkata');
  });
});
