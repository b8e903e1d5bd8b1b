import type { Tier } from '../../../shared/domain/customer';

/** Tier colours, the same order in the pyramid and the lifecycle chart: VIP gold down to small grey. */
export const TIER_COLOURS: Record<Tier, string> = { vip: '#c98a0b', key: '#3b7dd8', ordinary: '#1b8a4e', small: '#8590a0' };

/** A share 0–1 as a whole or one-decimal percentage ("42 %", "4.8 %"), in the locale's digits. */
export function formatShare(share: number, locale: string): string {
  const percent = share * 100;
  const digits = percent !== 0 && percent < 10 ? 1 : 0;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(share);
}

/** A lift as the 360 shows it: two significant decimals at most ("3.1", "12"). */
export function formatLift(lift: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: lift < 10 ? 1 : 0 }).format(lift);
}

/** The retention follow-up's due time: tomorrow at 10:00 on this desk's clock. */
export function tomorrowAtTen(now: number): number {
  const due = new Date(now);
  due.setDate(due.getDate() + 1);
  due.setHours(10, 0, 0, 0);
  return due.getTime();
}
