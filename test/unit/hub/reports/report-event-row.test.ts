import { describe, expect, it } from 'vitest';
import { reportEventOfRow } from '../../../../hub/reports/report-queries';
import type { TaskEvent } from '../../../../shared/domain/routing';
import { KINDS_FOLDED, KINDS_WITH_DETAIL, reportEventOf } from '../../../../shared/reports/report-event';

const base = { at: 1_700_000_000_000, taskId: '01HTASK0000000000000000000', queueId: '01HQUEUE000000000000000000' };
const agentId = '01HAGENT000000000000000000';
const other = '01HQUEUE000000000000000001';

/** One TaskEvent of every kind routing writes. */
const EVENTS: TaskEvent[] = [
  { ...base, kind: 'created', channel: 'sms', priority: 2, customerId: '01HCUST0000000000000000000', customerTier: 'vip', requiredSkills: {}, preferredAgentId: null },
  { ...base, kind: 'offered', agentId, expiresAt: base.at + 30_000, reason: 'longest-idle' },
  { ...base, kind: 'accepted', agentId },
  { ...base, kind: 'declined', agentId },
  { ...base, kind: 'offer-timed-out', agentId },
  { ...base, kind: 'assigned', agentId, reason: 'supervisor' },
  { ...base, kind: 'transferred', agentId, to: { kind: 'queue', queueId: other } },
  { ...base, kind: 'transferred', agentId, to: { kind: 'agent', agentId, expiresAt: base.at } },
  { ...base, kind: 'wrap-up', agentId },
  { ...base, kind: 'done', agentId, disposition: 'Sale / 成交' },
  { ...base, kind: 'done', agentId, disposition: null },
  { ...base, kind: 'abandoned', reason: 'hung up' },
  { ...base, kind: 'overflowed', toQueueId: other },
  { ...base, kind: 'timed-out' },
];

/** The row as insertTaskEvents stores it, with the JSON blanked for kinds the report query does not fetch it for. */
function storedRow(event: TaskEvent) {
  return {
    task_id: event.taskId,
    queue_id: event.queueId,
    kind: event.kind,
    at: event.at,
    agent_id: 'agentId' in event ? event.agentId : null,
    data: KINDS_WITH_DETAIL.has(event.kind) ? JSON.stringify(event) : '',
  };
}

describe('reading task_events rows for a report', () => {
  it.each(EVENTS.map((event) => [event.kind, event] as const))('reads a stored %s as the event itself says', (_kind, event) => {
    expect(reportEventOfRow(storedRow(event))).toEqual(reportEventOf(event));
  });

  it('folds every kind but offers and the start of wrap-up', () => {
    const kinds = new Set(EVENTS.map((event) => event.kind));
    expect([...kinds].filter((kind) => !(KINDS_FOLDED as readonly string[]).includes(kind)).sort()).toEqual(['offered', 'wrap-up']);
  });
});
