import { z } from 'zod';
import { addBusinessTime, businessTimeBetween, type ComplaintCalendar, ComplaintCalendarSchema, type Interval } from './calendar';
import { type ClockPause, type Complaint, ComplaintCodeSchema, type ComplaintSeverity } from './complaint';

/**
 * SLA clocks on a complaint: first response (stopped by the acknowledgement)
 * and resolution (stopped by the resolution, standing still while waiting on
 * the customer and while resolved until a reopen).
 *
 * First response defaults to 24 hours as the customer counts them ('elapsed'),
 * since that is the promise made to them; resolution targets count business
 * hours of the complaints calendar. Either basis is a setting.
 */

const HoursSchema = z.number().positive().max(8760);
const HoursBySeveritySchema = z.object({ low: HoursSchema, medium: HoursSchema, high: HoursSchema, critical: HoursSchema });
export type HoursBySeverity = z.infer<typeof HoursBySeveritySchema>;

export const SlaBasisSchema = z.enum(['business', 'elapsed']);
export type SlaBasis = z.infer<typeof SlaBasisSchema>;

const CategoryTargetsSchema = z.object({
  firstResponseHours: HoursBySeveritySchema.partial().default({}),
  resolutionHours: HoursBySeveritySchema.partial().default({}),
});

export const ComplaintSlaSettingsSchema = z.object({
  firstResponse: z
    .object({ basis: SlaBasisSchema, hours: HoursBySeveritySchema })
    .default({ basis: 'elapsed', hours: { low: 24, medium: 24, high: 24, critical: 24 } }),
  /** Business hours: a critical complaint within a working day, a low one within two working weeks (8 h days). */
  resolution: z
    .object({ basis: SlaBasisSchema, hours: HoursBySeveritySchema })
    .default({ basis: 'business', hours: { low: 80, medium: 40, high: 24, critical: 8 } }),
  /** Per category or sub-category code; a sub-category's entry wins over its category's. */
  byCategory: z.record(ComplaintCodeSchema, CategoryTargetsSchema).default({}),
  /** The clock turns amber (and the first escalation goes out by default) at this share of the target. */
  amberAtPercent: z.number().int().min(1).max(99).default(80),
  /** Null: business time is all the time. */
  calendar: ComplaintCalendarSchema.nullable().default(null),
});
export type ComplaintSlaSettings = z.infer<typeof ComplaintSlaSettingsSchema>;
export const DEFAULT_COMPLAINT_SLA_SETTINGS: ComplaintSlaSettings = ComplaintSlaSettingsSchema.parse({});

export type SlaKind = 'first-response' | 'resolution';
export type SlaColour = 'green' | 'amber' | 'red';

export type SlaClock = {
  kind: SlaKind;
  targetMs: number;
  /** Counted time so far (business or elapsed, per the basis), pauses left out. */
  elapsedMs: number;
  /** Negative once breached. */
  remainingMs: number;
  percent: number;
  colour: SlaColour;
  breached: boolean;
  /** Met (or given up on) at this instant; the clock no longer moves. */
  stoppedAt: number | null;
  /** Standing still while waiting on the customer. */
  paused: boolean;
  /** When it turns amber / is breached if nothing pauses it; null while paused before getting there. */
  amberAt: number | null;
  dueAt: number | null;
};

export type SlaClockInput = {
  kind: SlaKind;
  startedAt: number;
  stoppedAt: number | null;
  targetMs: number;
  /** Null: count every millisecond. */
  calendar: ComplaintCalendar | null;
  pauses: readonly ClockPause[];
  amberAtPercent: number;
  now: number;
};

const HOUR = 3_600_000;
const asGaps = (pauses: readonly ClockPause[]): Interval[] => pauses.map((p) => ({ start: p.from, end: p.to ?? Number.POSITIVE_INFINITY }));

export function slaClock(input: SlaClockInput): SlaClock {
  const { targetMs, calendar, amberAtPercent } = input;
  const gaps = asGaps(input.pauses);
  const until = input.stoppedAt === null ? input.now : Math.min(input.now, input.stoppedAt);
  const elapsedMs = businessTimeBetween(calendar, input.startedAt, until, gaps);
  const breached = elapsedMs >= targetMs;
  const colour: SlaColour = breached ? 'red' : elapsedMs * 100 >= targetMs * amberAtPercent ? 'amber' : 'green';
  const paused = input.stoppedAt === null && input.pauses.some((p) => p.from <= input.now && p.to === null);
  return {
    kind: input.kind,
    targetMs,
    elapsedMs,
    remainingMs: targetMs - elapsedMs,
    percent: (elapsedMs * 100) / targetMs,
    colour,
    breached,
    stoppedAt: input.stoppedAt,
    paused,
    amberAt: addBusinessTime(calendar, input.startedAt, Math.ceil((targetMs * amberAtPercent) / 100), gaps),
    dueAt: addBusinessTime(calendar, input.startedAt, targetMs, gaps),
  };
}

/** Target hours for a complaint: sub-category entry, then category entry, then the severity default. */
export function targetHours(settings: ComplaintSlaSettings, kind: SlaKind, category: string, subCategory: string | null, severity: ComplaintSeverity): number {
  const field = kind === 'first-response' ? 'firstResponseHours' : 'resolutionHours';
  const lookup = (code: string | null) => (code !== null && Object.hasOwn(settings.byCategory, code) ? settings.byCategory[code]?.[field][severity] : undefined);
  const fallback = kind === 'first-response' ? settings.firstResponse.hours : settings.resolution.hours;
  return lookup(subCategory) ?? lookup(category) ?? fallback[severity];
}

/** What each clock of a complaint counts from, as of `now`; `slaClock` reads them, timers use `instantAtPercent`. */
export function complaintClockInputs(complaint: Complaint, settings: ComplaintSlaSettings, now: number): { firstResponse: SlaClockInput; resolution: SlaClockInput } {
  const common = { startedAt: complaint.openedAt, amberAtPercent: settings.amberAtPercent, now };
  const hours = (kind: SlaKind) => targetHours(settings, kind, complaint.category, complaint.subCategory, complaint.severity);
  const resolved = complaint.status === 'resolved' || complaint.status === 'closed';
  return {
    firstResponse: {
      ...common,
      kind: 'first-response',
      stoppedAt: complaint.acknowledgedAt,
      targetMs: Math.round(hours('first-response') * HOUR),
      calendar: settings.firstResponse.basis === 'business' ? settings.calendar : null,
      // Waiting on the customer starts after the first response, so it never holds this clock.
      pauses: [],
    },
    resolution: {
      ...common,
      kind: 'resolution',
      stoppedAt: resolved ? (complaint.resolution?.resolvedAt ?? complaint.updatedAt) : null,
      targetMs: Math.round(hours('resolution') * HOUR),
      calendar: settings.resolution.basis === 'business' ? settings.calendar : null,
      pauses: complaint.pauses,
    },
  };
}

/** Both clocks of a complaint at `now`, as the complaint view and the lists draw them. */
export function complaintClocks(complaint: Complaint, settings: ComplaintSlaSettings, now: number): { firstResponse: SlaClock; resolution: SlaClock } {
  const inputs = complaintClockInputs(complaint, settings, now);
  return { firstResponse: slaClock(inputs.firstResponse), resolution: slaClock(inputs.resolution) };
}

/**
 * When a running clock reaches `percent` of its target if nothing pauses it
 * (possibly already past); null once stopped, or while paused short of it.
 */
export function instantAtPercent(input: SlaClockInput, percent: number): number | null {
  if (input.stoppedAt !== null) return null;
  return addBusinessTime(input.calendar, input.startedAt, Math.ceil((input.targetMs * percent) / 100), asGaps(input.pauses));
}
