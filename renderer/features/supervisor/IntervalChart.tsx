import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import type { IntervalSeries } from './board-logic';
import { useT } from '../../i18n/locale-store';
import { useEChart } from '../reports/use-echart';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

const hhmm = (ms: number) => {
  const date = new Date(ms);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
};

/**
 * Today's quarter hours: answered and abandoned as stacked bars (their sum is
 * what ended), offered as a line, the service level on its own axis with the
 * target drawn across. One chart instance lives as long as the element; a new
 * board only replaces the data.
 */
export function IntervalChart({ series, target, large = false }: { series: IntervalSeries; target: number; large?: boolean }) {
  const t = useT();
  const { element, chart } = useEChart(large ? 'dark' : undefined);

  useEffect(() => {
    const font = large ? 16 : 11;
    chart.current?.setOption(
      {
        animation: false,
        backgroundColor: 'transparent',
        grid: { left: 40, right: 44, top: 34, bottom: 24 },
        tooltip: { trigger: 'axis' },
        legend: { top: 0, textStyle: { fontSize: font } },
        xAxis: { type: 'category', data: series.starts.map(hhmm), axisLabel: { fontSize: font } },
        yAxis: [
          { type: 'value', minInterval: 1, axisLabel: { fontSize: font } },
          { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: font }, splitLine: { show: false } },
        ],
        series: [
          { name: t('supervisor.queue.answered'), type: 'bar', stack: 'ended', data: series.answered, itemStyle: { color: '#3b7dd8' } },
          { name: t('supervisor.queue.abandoned'), type: 'bar', stack: 'ended', data: series.abandoned, itemStyle: { color: '#d9534f' } },
          { name: t('supervisor.queue.offered'), type: 'line', data: series.offered, symbol: 'none', lineStyle: { color: '#8590a0', type: 'dashed' }, itemStyle: { color: '#8590a0' } },
          {
            name: t('supervisor.queue.serviceLevel'),
            type: 'line',
            yAxisIndex: 1,
            data: series.serviceLevel,
            connectNulls: true,
            itemStyle: { color: '#1b8a4e' },
            markLine: { silent: true, symbol: 'none', data: [{ yAxis: target }], lineStyle: { color: '#b26b00' }, label: { formatter: `${target}%`, position: 'insideStartTop', fontSize: font } },
          },
        ],
      },
      { replaceMerge: ['series'] },
    );
  }, [series, target, large, t, chart]);

  return <div ref={element} className="interval-chart" data-testid="interval-chart" role="img" aria-label={t('supervisor.chart.title')} />;
}
