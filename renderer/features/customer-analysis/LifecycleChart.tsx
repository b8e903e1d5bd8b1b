import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import type { LifecycleAnswer } from '../../../shared/protocol/customer-analysis';
import { useT } from '../../i18n/locale-store';
import { TIER_COLOURS } from './analysis-format';
import { useEChart } from '../reports/use-echart';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const STAGES = ['exploration', 'formation', 'stability', 'decline'] as const;
const TIERS = ['vip', 'key', 'ordinary', 'small'] as const;

/** Customers per lifecycle stage (考察期 → 退化期), stacked by tier, so a VIP slice in decline stands out. */
export function LifecycleChart({ lifecycle }: { lifecycle: LifecycleAnswer }) {
  const t = useT();
  const { element, chart } = useEChart();

  useEffect(() => {
    const count = (tier: string, stage: string) => lifecycle.byTier.find((cell) => cell.tier === tier && cell.stage === stage)?.customers ?? 0;
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 44, right: 12, top: 36, bottom: 28 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, textStyle: { fontSize: 11 } },
        xAxis: { type: 'category', data: STAGES.map((stage) => t(`value.stage.${stage}`)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: TIERS.map((tier) => ({
          name: t(`tier.${tier}`),
          type: 'bar',
          stack: 'customers',
          data: STAGES.map((stage) => count(tier, stage)),
          itemStyle: { color: TIER_COLOURS[tier] },
        })),
      },
      { replaceMerge: ['series', 'xAxis'] },
    );
  }, [lifecycle, t, chart]);

  return <div ref={element} className="analysis-lifecycle-chart" data-testid="lifecycle-chart" role="img" aria-label={t('analysis.lifecycle.chart')} />;
}
