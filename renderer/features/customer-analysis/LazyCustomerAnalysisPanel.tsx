import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/locale-store';

// The tab brings its own charts (ECharts): loaded on the first visit, like the reports.
const CustomerAnalysisPanel = lazy(() => import('./CustomerAnalysisPanel').then((module) => ({ default: module.CustomerAnalysisPanel })));

/** The supervisor's Customers tab, fetched when first opened. */
export function LazyCustomerAnalysisPanel() {
  const t = useT();
  return (
    <Suspense fallback={<p className="supervisor-loading muted">{t('app.loading')}</p>}>
      <CustomerAnalysisPanel />
    </Suspense>
  );
}
