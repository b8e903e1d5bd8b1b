import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import type { ReportResult } from '../../../shared/protocol/reports';
import { useLocale, useT } from '../../i18n/locale-store';
import { stepLabel } from './report-format';
import { useEChart } from './use-echart';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * The range step by step: answered and abandoned stacked (what ended), offered
 * as a line, the service level on its own percent axis. The chart lives as
 * long as its element; a new report replaces the data.
 */
export function ReportChart({ report }: { report: ReportResult }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { element, chart } = useEChart();

  useEffect(() => {
    const { request, series, start, end } = report;
    const spansDays = end - start > 25 * 3_600_000;
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 44, right: 48, top: 36, bottom: 28 },
        tooltip: { trigger: 'axis' },
        legend: { top: 0, textStyle: { fontSize: 11 } },
        xAxis: { type: 'category', data: series.map((point) => stepLabel(point.start, request.interval, locale, request.timeZone, spansDays)) },
        yAxis: [
          { type: 'value', minInterval: 1 },
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
        ],
        series: [
          { name: t('reports.col.answered'), type: 'bar', stack: 'ended', data: series.map((p) => p.answered), itemStyle: { color: '#3b7dd8' } },
          { name: t('reports.col.abandoned'), type: 'bar', stack: 'ended', data: series.map((p) => p.abandoned), itemStyle: { color: '#d9534f' } },
          {
            name: t('reports.col.offered'),
            type: 'line',
            data: series.map((p) => p.offered),
            symbol: 'none',
            lineStyle: { color: '#8590a0', type: 'dashed' },
            itemStyle: { color: '#8590a0' },
          },
          {
            name: t('reports.col.serviceLevel'),
            type: 'line',
            yAxisIndex: 1,
            data: series.map((p) => (p.serviceLevel === null ? null : Math.round(p.serviceLevel * 10) / 10)),
            connectNulls: true,
            itemStyle: { color: '#1b8a4e' },
          },
        ],
      },
      { replaceMerge: ['series', 'xAxis'] },
    );
  }, [report, locale, t, chart]);

  return <div ref={element} className="report-chart" data-testid="report-chart" role="img" aria-label={t('reports.chart.title')} />;
}
