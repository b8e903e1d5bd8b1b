import { FunnelChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import type { PyramidAnswer } from '../../../shared/protocol/customer-analysis';
import { formatMoney } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/locale-store';
import { formatShare, TIER_COLOURS } from './analysis-format';
import { useEChart } from '../reports/use-echart';

echarts.use([FunnelChart, TooltipComponent, CanvasRenderer]);

/**
 * The tier pyramid (客户金字塔): VIP at the narrow top, small customers at the
 * wide base. The bands' widths are the pyramid's fixed steps, not the counts
 * (a 1 % VIP band drawn to scale would be a hairline); each band is labelled
 * with its customers and its share of profit, which is the point of the picture.
 */
export function PyramidChart({ pyramid }: { pyramid: PyramidAnswer }) {
  const t = useT();
  const locale = useLocale((state) => state.locale);
  const { element, chart } = useEChart();

  useEffect(() => {
    const bands = pyramid.tiers.map((tier, index) => ({
      name: t(`tier.${tier.tier}`),
      value: index + 1,
      tier,
      itemStyle: { color: TIER_COLOURS[tier.tier] },
    }));
    chart.current?.setOption(
      {
        animation: false,
        tooltip: {
          trigger: 'item',
          formatter: (params: { dataIndex: number }) => {
            const tier = pyramid.tiers[params.dataIndex];
            if (!tier) return '';
            return `${t(`tier.${tier.tier}`)}<br/>${t('analysis.pyramid.customers')}: ${tier.customers}<br/>${t('analysis.pyramid.profit')}: ${formatMoney(tier.profitCents, 'CNY', locale)}<br/>${t('analysis.pyramid.share')}: ${formatShare(tier.profitShare, locale)}`;
          },
        },
        series: [
          {
            type: 'funnel',
            sort: 'ascending',
            left: '5%',
            width: '90%',
            top: 8,
            bottom: 8,
            minSize: '22%',
            maxSize: '100%',
            gap: 3,
            label: {
              position: 'inside',
              color: '#fff',
              fontSize: 12,
              lineHeight: 16,
              formatter: (params: { dataIndex: number }) => {
                const tier = pyramid.tiers[params.dataIndex];
                if (!tier) return '';
                return t('analysis.pyramid.label', { tier: t(`tier.${tier.tier}`), customers: tier.customers, share: formatShare(tier.profitShare, locale) });
              },
            },
            data: bands.map(({ tier: _tier, ...band }) => band),
          },
        ],
      },
      { replaceMerge: ['series'] },
    );
  }, [pyramid, locale, t, chart]);

  return <div ref={element} className="analysis-pyramid-chart" data-testid="pyramid-chart" role="img" aria-label={t('analysis.pyramid.chart')} />;
}
