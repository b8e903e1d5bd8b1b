import { z } from 'zod';
import { IsoDateSchema, isKnownTimeZone } from '../domain/routing';
import type { Figures } from '../reports/figures';
import { daysBetween } from '../reports/range';

/**
 * Historical reports (issue 6): a date range by queue, agent, channel or
 * disposition. Supervisors and administrators only. The hub adds up the
 * rollup table of finished periods and folds the rest live from task events
 * (hub/reports/); the CSV export is the same report over HTTP.
 */

export const REPORT_GROUPS = ['queue', 'agent', 'channel', 'disposition'] as const;
export const ReportGroupSchema = z.enum(REPORT_GROUPS);
export type ReportGroup = z.infer<typeof ReportGroupSchema>;

/** The longest range one report covers, and the longest that may be charted by the hour. */
export const MAX_REPORT_DAYS = 400;
export const MAX_HOURLY_DAYS = 31;

/** A calendar date that exists (the pattern alone lets 2026-02-30 through). */
const ReportDateSchema = IsoDateSchema.refine((date) => {
  const at = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().startsWith(date);
}, 'no such date');

export const ReportRequestSchema = z
  .object({
    /** Local dates in `timeZone`, both included. */
    from: ReportDateSchema,
    to: ReportDateSchema,
    timeZone: z.string().max(64).refine(isKnownTimeZone, 'unknown time zone'),
    groupBy: ReportGroupSchema,
    /** The chart's step; day when left out. */
    interval: z.enum(['day', 'hour']).default('day'),
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'the range ends before it starts', path: ['to'] })
  .refine((r) => daysBetween(r.from, r.to) <= MAX_REPORT_DAYS, { message: `at most ${MAX_REPORT_DAYS} days`, path: ['to'] })
  .refine((r) => r.interval === 'day' || daysBetween(r.from, r.to) <= MAX_HOURLY_DAYS, {
    message: `hourly charts cover at most ${MAX_HOURLY_DAYS} days`,
    path: ['interval'],
  });
export type ReportRequest = z.infer<typeof ReportRequestSchema>;

/**
 * One group's figures. `label` is the queue's name or the agent's display
 * name; null where the desktop names it itself (a channel, "no agent",
 * "no disposition"). `key` '' = no agent / no disposition.
 */
export type ReportLine = {
  key: string;
  label: string | null;
  figures: Figures;
  /** Mean survey score, 1–5; null while no survey answers exist for the group. */
  csat: number | null;
};

/** One step of the chart: totals over every group. */
export type ReportPoint = { start: number; offered: number; answered: number; abandoned: number; serviceLevel: number | null };

export type ReportResult = {
  request: ReportRequest;
  /** The instants the local dates stand for: [start, end). */
  start: number;
  end: number;
  lines: ReportLine[];
  totals: ReportLine;
  series: ReportPoint[];
  /** False until customers answer surveys: the CSAT column shows "—" and says why. */
  csatCollected: boolean;
  /** Task events folded live for the part of the range not rolled up yet (a measure of the report's cost). */
  liveEvents: number;
};

/** The CSV export: GET with the report's fields as query parameters and the access token as a bearer token. */
export const REPORT_EXPORT_PATH = '/api/reports/export.csv';
export const ReportExportQuerySchema = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    timeZone: z.string(),
    groupBy: ReportGroupSchema,
    locale: z.enum(['en', 'zh-CN']).default('en'),
  })
  .strict();
