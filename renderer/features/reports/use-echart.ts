import type { ECharts } from 'echarts/core';
import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * One ECharts instance for as long as its element lives (the report, the
 * supervisor's interval chart, the customer analysis): created on mount, sized
 * with the element, disposed on unmount. A new theme makes a new instance.
 * The caller registers its chart kinds with `echarts.use` and sets the option
 * in its own effect, declared after this hook so the instance exists by then.
 */
export function useEChart(theme?: string) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, theme, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  return { element, chart };
}
