import type { ReportLine, ReportResult } from '../../../shared/protocol/reports';
import { useLocale, useT } from '../../i18n/locale-store';
import { formatPercent, formatSeconds, lineName } from './report-format';

/** One row per group, busiest first, then the totals; "—" wherever a figure has nothing to be measured on. */
export function ReportTable({ report }: { report: ReportResult }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { groupBy } = report.request;
  const number = new Intl.NumberFormat(locale);
  const row = (line: ReportLine, name: string, total: boolean) => {
    const f = line.figures;
    return (
      <tr key={total ? '\u0000total' : line.key} className={total ? 'report-total' : undefined} data-testid={total ? 'report-total' : 'report-row'}>
        <th scope="row">{name}</th>
        <td className="num">{number.format(f.offered)}</td>
        <td className="num">{number.format(f.answered)}</td>
        <td className="num">{number.format(f.abandoned)}</td>
        <td className="num">{number.format(f.overflowed)}</td>
        <td className="num">{formatPercent(t, f.serviceLevel, locale)}</td>
        <td className="num">{formatSeconds(t, f.asa)}</td>
        <td className="num">{formatSeconds(t, f.aht)}</td>
        <td className="num">{formatPercent(t, f.abandonRate, locale)}</td>
        <td className="num">{formatPercent(t, f.fcr, locale)}</td>
        <td className="num" title={report.csatCollected ? undefined : t('reports.csatMissing')}>
          {line.csat === null ? t('reports.noFigure') : line.csat.toFixed(2)}
        </td>
      </tr>
    );
  };
  return (
    <div className="report-table-scroll">
      <table className="report-table" aria-label={t('reports.table.title')} data-testid="report-table">
        <thead>
          <tr>
            <th scope="col">{t(`reports.group.${groupBy}`)}</th>
            <th scope="col" className="num">{t('reports.col.offered')}</th>
            <th scope="col" className="num">{t('reports.col.answered')}</th>
            <th scope="col" className="num">{t('reports.col.abandoned')}</th>
            <th scope="col" className="num">{t('reports.col.overflowed')}</th>
            <th scope="col" className="num">{t('reports.col.serviceLevel')}</th>
            <th scope="col" className="num">{t('reports.col.asa')}</th>
            <th scope="col" className="num">{t('reports.col.aht')}</th>
            <th scope="col" className="num">{t('reports.col.abandonRate')}</th>
            <th scope="col" className="num">{t('reports.col.fcr')}</th>
            <th scope="col" className="num">{t('reports.col.csat')}</th>
          </tr>
        </thead>
        <tbody>{report.lines.map((line) => row(line, lineName(t, groupBy, line), false))}</tbody>
        <tfoot>{row(report.totals, t('reports.total'), true)}</tfoot>
      </table>
    </div>
  );
}
