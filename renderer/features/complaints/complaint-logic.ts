import type { Complaint, ComplaintChannel, ComplaintSeverity } from '../../../shared/complaints/complaint';
import { COMPLAINT_SEVERITIES } from '../../../shared/complaints/complaint';
import { complaintClocks, type SlaClock, type SlaColour } from '../../../shared/complaints/sla';
import type { ComplaintEvent, ComplaintTransitionErrorCode } from '../../../shared/complaints/workflow';
import type { Interaction } from '../../../shared/domain/interaction';
import type { TaskChannel } from '../../../shared/domain/routing';
import { COMPLAINT_PAYLOAD_CODES, type ComplaintPayloadCode, type ComplaintSettings, complaintRefusalCode } from '../../../shared/protocol/complaints';
import type { HubError } from '../../../shared/protocol/errors';
import type { ComplaintDraft, ComplaintStep } from '../../sync/mutations';

/**
 * The complaint screens' decisions as plain functions: what the log form
 * accepts, which steps a status offers, how lists are ordered by urgency,
 * and which workflow rule a hub refusal names.
 */

export type LogForm = {
  category: string;
  subCategory: string;
  severity: ComplaintSeverity | '';
  description: string;
  customerRequest: string;
  orderRefs: string[];
  ownerId: string;
};

export const EMPTY_LOG_FORM: LogForm = { category: '', subCategory: '', severity: '', description: '', customerRequest: '', orderRefs: [], ownerId: '' };

export type LogField = 'category' | 'subCategory' | 'severity' | 'description' | 'customerRequest';
/** Each field's own reason, shown beside it. */
export type LogFieldError = 'required' | 'unknown-category' | 'unknown-sub-category' | 'too-long';
export type LogFormErrors = Partial<Record<LogField, LogFieldError>>;

/** Where the complaint was raised: a task's channel (a video call is a call), or the profile. */
export function complaintChannelOf(taskChannel: TaskChannel | null): ComplaintChannel {
  switch (taskChannel) {
    case 'call':
    case 'video':
      return 'call';
    case 'chat':
    case 'email':
    case 'sms':
      return taskChannel;
    case null:
      return 'profile';
  }
}

/** The contact a complaint raised during a task points at: the customer's newest cached interaction on that channel since the task began. */
export function linkedInteractionOf(rows: readonly Interaction[], channel: ComplaintChannel, since: number): string[] {
  if (channel === 'profile') return [];
  const timelineChannel = channel === 'call' ? ['call', 'video'] : [channel];
  const newest = rows.filter((row) => timelineChannel.includes(row.channel) && row.occurredAt >= since).sort((a, b) => b.occurredAt - a.occurredAt)[0];
  return newest ? [newest.id] : [];
}

/** Order numbers the customer's cached order interactions carry, newest first, without repeats. */
export function orderRefsOf(rows: readonly Interaction[]): { orderNo: string; occurredAt: number }[] {
  const seen = new Set<string>();
  const refs: { orderNo: string; occurredAt: number }[] = [];
  for (const row of [...rows].sort((a, b) => b.occurredAt - a.occurredAt)) {
    if (row.channel !== 'order' || seen.has(row.orderNo)) continue;
    seen.add(row.orderNo);
    refs.push({ orderNo: row.orderNo, occurredAt: row.occurredAt });
  }
  return refs;
}

const MAX_TEXT = 4000;

export type LogContext = { customerId: string; channel: ComplaintChannel; linkedInteractionIds: string[]; me: string | null };

/** Checks the form against the cached category tree; every field with a problem gets its own reason. */
export function validateLogForm(form: LogForm, settings: Pick<ComplaintSettings, 'categories'>, context: LogContext): { ok: true; draft: ComplaintDraft } | { ok: false; errors: LogFormErrors } {
  const errors: LogFormErrors = {};
  const category = settings.categories.find((c) => c.code === form.category);
  if (form.category === '') errors.category = 'required';
  else if (!category) errors.category = 'unknown-category';
  if (category && form.subCategory !== '' && !category.children.some((c) => c.code === form.subCategory)) errors.subCategory = 'unknown-sub-category';
  if (category && category.children.length > 0 && form.subCategory === '') errors.subCategory = 'required';
  if (form.severity === '' || !COMPLAINT_SEVERITIES.includes(form.severity)) errors.severity = 'required';
  if (form.description.trim() === '') errors.description = 'required';
  else if (form.description.trim().length > MAX_TEXT) errors.description = 'too-long';
  if (form.customerRequest.trim().length > MAX_TEXT) errors.customerRequest = 'too-long';
  if (Object.keys(errors).length > 0 || form.severity === '') return { ok: false, errors };
  return {
    ok: true,
    draft: {
      customerId: context.customerId,
      channel: context.channel,
      category: form.category,
      subCategory: form.subCategory === '' ? null : form.subCategory,
      severity: form.severity,
      description: form.description.trim(),
      customerRequest: form.customerRequest.trim(),
      linkedInteractionIds: context.linkedInteractionIds,
      orderRefs: form.orderRefs,
      ownerId: form.ownerId === '' ? context.me : form.ownerId,
      teamId: null,
    },
  };
}

export type StepType = ComplaintEvent['type'];

/** The steps the complaint view offers now, in the order an agent works them (mirrors shared/complaints/workflow.ts). */
export function availableSteps(complaint: Pick<Complaint, 'status' | 'pauses'>): StepType[] {
  const waiting = complaint.pauses.some((p) => p.to === null);
  switch (complaint.status) {
    case 'new':
      return ['acknowledge', 'resolve', 'assign'];
    case 'acknowledged':
      return ['investigate', waiting ? 'customer-replied' : 'await-customer', 'resolve', 'assign'];
    case 'investigating':
      return [waiting ? 'customer-replied' : 'await-customer', 'resolve', 'assign'];
    case 'resolved':
      return ['close', 'reopen', 'assign'];
    case 'closed':
      return ['reopen'];
  }
}

export const isOpen = (complaint: Pick<Complaint, 'status'>): boolean => complaint.status !== 'resolved' && complaint.status !== 'closed';

const COLOUR_RANK: Record<SlaColour, number> = { red: 0, amber: 1, green: 2 };

/** The clock that matters now: the running one nearest its target (a stopped first-response clock no longer counts). */
export function leadClock(clocks: { firstResponse: SlaClock; resolution: SlaClock }): SlaClock {
  const running = [clocks.firstResponse, clocks.resolution].filter((c) => c.stoppedAt === null);
  const pool = running.length > 0 ? running : [clocks.resolution];
  return pool.sort((a, b) => COLOUR_RANK[a.colour] - COLOUR_RANK[b.colour] || a.remainingMs - b.remainingMs)[0] ?? clocks.resolution;
}

export type RankedComplaint<C extends Complaint = Complaint> = { complaint: C; clocks: { firstResponse: SlaClock; resolution: SlaClock }; lead: SlaClock };

/** Most urgent first: red before amber before green, then least time left; clocks as of `now`. */
export function rankByUrgency<C extends Complaint>(complaints: readonly C[], settings: Pick<ComplaintSettings, 'sla'>, now: number): RankedComplaint<C>[] {
  return complaints
    .map((complaint) => {
      const clocks = complaintClocks(complaint, settings.sla, now);
      return { complaint, clocks, lead: leadClock(clocks) };
    })
    .sort((a, b) => COLOUR_RANK[a.lead.colour] - COLOUR_RANK[b.lead.colour] || a.lead.remainingMs - b.lead.remainingMs || a.complaint.openedAt - b.complaint.openedAt);
}

export type ListFilter = { colour: SlaColour | 'all'; severity: ComplaintSeverity | 'all' };

export function filterRanked<C extends Complaint>(ranked: readonly RankedComplaint<C>[], filter: ListFilter): RankedComplaint<C>[] {
  return ranked.filter((r) => (filter.colour === 'all' || r.lead.colour === filter.colour) && (filter.severity === 'all' || r.complaint.severity === filter.severity));
}

/** Hours and minutes of a span, rounded up to the minute so "0 min left" never shows while time remains. */
export function spanParts(ms: number): { hours: number; minutes: number } {
  const total = Math.ceil(Math.abs(ms) / 60_000);
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

export const REFUSAL_CODES = [
  'invalid-transition',
  'time-went-backwards',
  'resolution-note-required',
  'root-cause-required',
  'unknown-root-cause',
  'already-awaiting-customer',
  'not-awaiting-customer',
  'reopen-reason-required',
  ...COMPLAINT_PAYLOAD_CODES,
] as const satisfies readonly (ComplaintTransitionErrorCode | ComplaintPayloadCode)[];
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** The specific rule a hub refusal of a complaint mutation names (the convention is in shared/protocol/complaints.ts), or null. */
export function refusalCodeOf(error: Pick<HubError, 'code' | 'issues'>): RefusalCode | null {
  const code = complaintRefusalCode(error);
  return REFUSAL_CODES.find((known) => known === code) ?? null;
}

type Labelled = { code: string; en: string; zh: string };

/** A category, sub-category or root cause in the reader's language; the bare code when the tree no longer has it. */
export function labelOf(nodes: readonly (Labelled & { children?: readonly Labelled[] })[], code: string | null, locale: string): string {
  if (code === null) return '';
  for (const node of nodes) {
    const found = node.code === code ? node : node.children?.find((child) => child.code === code);
    if (found) return locale.startsWith('zh') ? found.zh : found.en;
  }
  return code;
}

/** A step that needs no words (the others open a form). */
export function plainStep(step: StepType): ComplaintStep | null {
  switch (step) {
    case 'acknowledge':
    case 'investigate':
    case 'await-customer':
    case 'customer-replied':
    case 'close':
      return { type: step };
    default:
      return null;
  }
}
