import { type ComponentProps, lazy, Suspense } from 'react';

/** ECharts is large and only supervisors draw charts: it loads when the first chart does, not with every agent's desktop. */
const IntervalChart = lazy(() => import('./IntervalChart').then((module) => ({ default: module.IntervalChart })));

export function LazyIntervalChart(props: ComponentProps<typeof IntervalChart>) {
  return (
    <Suspense fallback={<div className="interval-chart" />}>
      <IntervalChart {...props} />
    </Suspense>
  );
}
