import type { AuditQuery } from '../../../shared/protocol/audit';

/** The audit tab's filter as typed: dates as `YYYY-MM-DD` in the admin's own time zone, '' for none. */
export type AuditFilter = { actor: string; action: string; from: string; to: string };

export const NO_FILTER: AuditFilter = { actor: '', action: '', from: '', to: '' };

export const AUDIT_PAGE = 50;

/** Local midnight of a `YYYY-MM-DD`, or undefined when the field is empty or not a date. */
function startOfDay(day: string, plusDays = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).getTime();
}

/** The hub's query for a filter: the `to` day is included whole; empty fields are left out. `before` continues a page. */
export function auditQueryOf(filter: AuditFilter, before?: string): AuditQuery {
  const query: AuditQuery = { limit: AUDIT_PAGE };
  if (filter.actor.trim()) query.actor = filter.actor.trim();
  if (filter.action.trim()) query.action = filter.action.trim();
  const from = startOfDay(filter.from);
  const to = startOfDay(filter.to, 1);
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  if (before) query.before = before;
  return query;
}

/** A summary's fields as `key: value` text for the table (values are already free of secrets: hub/audit/audit-summary.ts). */
export function summaryText(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
