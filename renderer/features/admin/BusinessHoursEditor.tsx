import type { OpenRange, Weekday } from '../../../shared/domain/routing';
import { useT } from '../../i18n/locale-store';
import { useAdmin } from './admin-context';
import { copyToWorkdays, type HoursDraft, timeZoneChoices, WEEK } from './business-hours-form';
import type { FieldErrors } from './field-errors';
import { FieldMessage, isInvalid } from './FieldMessage';
import { TextRows } from './TextRows';

const PATH = 'businessHours';

/** Open/close times per weekday in the queue's time zone, and whole-day holidays; or open around the clock. */
export function BusinessHoursEditor({ hours, onChange, errors }: { hours: HoursDraft; onChange(hours: HoursDraft): void; errors: FieldErrors }) {
  const t = useT();
  const { canEdit } = useAdmin();
  const setDay = (day: Weekday, ranges: OpenRange[]) => onChange({ ...hours, weekly: { ...hours.weekly, [day]: ranges } });

  return (
    <div className="admin-hours" data-testid="business-hours">
      <label className="admin-check">
        <input
          type="checkbox"
          checked={hours.alwaysOpen}
          onChange={(event) => onChange({ ...hours, alwaysOpen: event.target.checked })}
          data-testid="hours-always-open"
        />
        {t('admin.hours.alwaysOpen')}
      </label>
      {!hours.alwaysOpen && (
        <>
          <label className="field admin-narrow">
            <span>{t('admin.hours.timeZone')}</span>
            <select
              value={hours.timeZone}
              aria-invalid={isInvalid(errors, `${PATH}.timeZone`)}
              onChange={(event) => onChange({ ...hours, timeZone: event.target.value })}
              data-testid="hours-time-zone"
            >
              {timeZoneChoices(hours.timeZone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
            <FieldMessage errors={errors} paths={`${PATH}.timeZone`} />
          </label>
          <table className="admin-table admin-week">
            <tbody>
              {WEEK.map((day) => (
                <tr key={day} data-testid={`hours-${day}`}>
                  <th scope="row">{t(`admin.weekday.${day}`)}</th>
                  <td>
                    {hours.weekly[day].length === 0 && <span className="muted">{t('admin.hours.closed')}</span>}
                    {hours.weekly[day].map((range, index) => {
                      const path = `${PATH}.weekly.${day}.${index}`;
                      const set = (change: Partial<OpenRange>) =>
                        setDay(
                          day,
                          hours.weekly[day].map((r, i) => (i === index ? { ...r, ...change } : r)),
                        );
                      return (
                        // biome-ignore lint/suspicious/noArrayIndexKey: ranges are addressed by index, as their error paths are
                        <div className="admin-range" key={index}>
                          <div className="admin-row-fields">
                            <input
                              className="admin-time"
                              value={range.open}
                              maxLength={5}
                              placeholder="09:00"
                              aria-label={t('admin.hours.open', { day: t(`admin.weekday.${day}`) })}
                              aria-invalid={isInvalid(errors, path, `${path}.open`)}
                              onChange={(event) => set({ open: event.target.value })}
                              data-testid="hours-open"
                            />
                            <span aria-hidden="true">–</span>
                            <input
                              className="admin-time"
                              value={range.close}
                              maxLength={5}
                              placeholder="18:00"
                              aria-label={t('admin.hours.close', { day: t(`admin.weekday.${day}`) })}
                              aria-invalid={isInvalid(errors, path, `${path}.close`)}
                              onChange={(event) => set({ close: event.target.value })}
                              data-testid="hours-close"
                            />
                            {canEdit && (
                              <button
                                type="button"
                                className="icon-button"
                                aria-label={t('admin.hours.removeRange')}
                                onClick={() => setDay(day, hours.weekly[day].filter((_, i) => i !== index))}
                              >
                                ×
                              </button>
                            )}
                          </div>
                          <FieldMessage errors={errors} paths={[`${path}.open`, `${path}.close`, path]} />
                        </div>
                      );
                    })}
                    <FieldMessage errors={errors} paths={`${PATH}.weekly.${day}`} />
                  </td>
                  {canEdit && (
                    <td className="admin-week-actions">
                      <button
                        type="button"
                        className="button small ghost"
                        onClick={() => setDay(day, [...hours.weekly[day], { open: '09:00', close: '18:00' }])}
                      >
                        {t('admin.hours.addRange')}
                      </button>
                      {day === 'mon' && (
                        <button type="button" className="button small ghost" onClick={() => onChange(copyToWorkdays(hours, 'mon'))}>
                          {t('admin.hours.copyMonday')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <FieldMessage errors={errors} paths={[`${PATH}.weekly`, PATH]} />
          <div className="field">
            <span>{t('admin.hours.holidays')}</span>
            <TextRows
              rows={hours.holidays}
              onChange={(holidays) => onChange({ ...hours, holidays })}
              path={`${PATH}.holidays`}
              errors={errors}
              addLabel="admin.hours.addHoliday"
              rowLabel="admin.hours.holiday"
              type="date"
              testId="holidays"
            />
          </div>
        </>
      )}
    </div>
  );
}
