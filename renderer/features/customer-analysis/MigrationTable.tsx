import { MIGRATION_SIDES, type MigrationSide } from '../../../shared/crm/analysis/migration-matrix';
import type { MigrationAnswer } from '../../../shared/protocol/customer-analysis';
import { useT } from '../../i18n/locale-store';

/** Tier migration between two snapshot days: rows are the earlier tier, columns the later; the diagonal stayed put. */
export function MigrationTable({ answer, onDays }: { answer: MigrationAnswer; onDays: (from: string, to: string) => void }) {
  const t = useT();
  const { matrix } = answer;
  const sideName = (side: MigrationSide, as: 'from' | 'to') => (side === 'none' ? t(as === 'from' ? 'analysis.migration.new' : 'analysis.migration.gone') : t(`tier.${side}`));
  if (answer.from === null || answer.to === null) return <p className="muted">{t('analysis.migration.none')}</p>;
  const { from, to } = answer;
  return (
    <div className="analysis-migration" data-testid="migration">
      <div className="analysis-migration-days">
        <label className="field">
          <span>{t('analysis.migration.from')}</span>
          <select value={from} onChange={(e) => onDays(e.target.value, to)} data-testid="migration-from">
            {answer.days.map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('analysis.migration.to')}</span>
          <select value={to} onChange={(e) => onDays(from, e.target.value)} data-testid="migration-to">
            {answer.days.map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="report-table-scroll">
        <table className="report-table analysis-matrix">
          <thead>
            <tr>
              <th>{t('analysis.migration.corner')}</th>
              {MIGRATION_SIDES.map((side) => (
                <th key={side} className="num">
                  {sideName(side, 'to')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {MIGRATION_SIDES.map((row) => (
              <tr key={row} data-testid={`migration-row-${row}`}>
                <th>{sideName(row, 'from')}</th>
                {MIGRATION_SIDES.map((column) => {
                  const count = matrix.counts[row][column];
                  const kind = row === column ? 'stayed' : row === 'none' || column === 'none' ? 'moved' : MIGRATION_SIDES.indexOf(column) < MIGRATION_SIDES.indexOf(row) ? 'up' : 'down';
                  return (
                    <td key={column} className={`num matrix-${kind}${count === 0 ? ' is-zero' : ''}`}>
                      {row === 'none' && column === 'none' ? '' : count}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small" data-testid="migration-summary">
        {t('analysis.migration.summary', { stayed: matrix.stayed, upgraded: matrix.upgraded, downgraded: matrix.downgraded, joined: matrix.joined, left: matrix.left })}
      </p>
    </div>
  );
}
