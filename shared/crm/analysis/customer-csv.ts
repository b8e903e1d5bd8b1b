import { toCsv } from '../../reports/csv';
import type { Tier } from '../../domain/customer';
import type { LifecycleStage } from '../lifecycle-stage';
import type { CustomerListRow } from '../../protocol/customer-analysis';

/**
 * The analysis customer list as a CSV file (reports' CSV rules: BOM, CRLF,
 * RFC 4180 quoting, formula cells defused). Headers and the tier and stage
 * words follow the exporter's language, in the words the CRM texts use.
 * Money is in yuan with two decimals, as a spreadsheet sums it.
 */

type Locale = 'en' | 'zh-CN';

const HEADERS: Record<Locale, string[]> = {
  en: ['Customer number', 'Name', 'Company', 'Tier', 'Lifecycle stage', 'R', 'F', 'M', 'Profit', 'Lifetime value', 'Orders', 'Last order', 'Open complaints', 'Tags'],
  'zh-CN': ['客户编号', '姓名', '公司', '客户等级', '生命周期', 'R', 'F', 'M', '利润', '客户终身价值', '订单数', '最近下单', '未结投诉', '标签'],
};
const TIER_WORDS: Record<Locale, Record<Tier, string>> = {
  en: { vip: 'VIP', key: 'Key', ordinary: 'Ordinary', small: 'Small' },
  'zh-CN': { vip: '重要客户', key: '次要客户', ordinary: '普通客户', small: '小客户' },
};
const STAGE_WORDS: Record<Locale, Record<LifecycleStage, string>> = {
  en: { exploration: 'Exploration', formation: 'Formation', stability: 'Stability', decline: 'Decline' },
  'zh-CN': { exploration: '考察期', formation: '形成期', stability: '稳定期', decline: '退化期' },
};

/** Cents as yuan with two decimals, exactly (no floating point on the way). */
export function yuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The day of an instant in the hub's zone, YYYY-MM-DD. */
const dayOf = (at: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

export function customerCsv(rows: readonly CustomerListRow[], locale: Locale, timeZone: string): string {
  const tiers = TIER_WORDS[locale];
  const stages = STAGE_WORDS[locale];
  return toCsv([
    HEADERS[locale],
    ...rows.map((row) => [
      row.number,
      row.name,
      row.company,
      tiers[row.tier],
      row.stage === null ? null : stages[row.stage],
      row.rfm?.recency ?? null,
      row.rfm?.frequency ?? null,
      row.rfm?.monetary ?? null,
      // Text cells: a loss ("-12.00") starts like a formula and gets csvCell's apostrophe, the price of never running one.
      yuan(row.profitCents),
      yuan(row.clvCents),
      row.orderCount,
      row.lastOrderAt === null ? null : dayOf(row.lastOrderAt, timeZone),
      row.openComplaints,
      row.tags.join('; '),
    ]),
  ]);
}
