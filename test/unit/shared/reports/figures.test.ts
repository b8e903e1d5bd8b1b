import { describe, expect, it } from 'vitest';
import type { ReportGroup } from '../../../../shared/protocol/reports';
import { arrivalsByCustomer, markFirstContact } from '../../../../shared/reports/first-contact';
import { emptyTally, figuresOf, FCR_WINDOW_MS } from '../../../../shared/reports/figures';
import { addRows, buildReport, emptySums } from '../../../../shared/reports/report';
import { rollUp } from '../../../../shared/reports/rollup';
import { foldTask, type TaskFacts } from '../../../../shared/reports/task-facts';
import { A1, A2, HISTORY, Q1, Q2, T0, thresholdMs } from './history';

const allFacts = (): TaskFacts[] => Object.values(HISTORY).flatMap((events) => foldTask(events, thresholdMs) ?? []);

function report(groupBy: ReportGroup, facts = allFacts()) {
  const sums = addRows(emptySums(), rollUp(facts), groupBy);
  return buildReport({ sums, label: (key) => (key === Q1 ? 'General' : key === Q2 ? 'Billing' : null), intervals: [T0 - 3_600_000, T0], csat: new Map() });
}

describe('report figures against the hand-computed history', () => {
  it('by queue: volumes, service level, ASA, AHT and abandon rate', () => {
    const { lines, totals } = report('queue');
    // Q1: entered a, b, c, c (back from Q2), d twice, f = 7; answered a, c, d twice = 4 (3 in time);
    // waits ended 4 + 2 abandoned (b, f) + 1 overflowed (c) = 7; wait 10 + 30 + 5 + 10 s; handled 90 + 60 + 60 + 60 s.
    // FCR is null until first contacts are marked (below).
    expect(lines[0]).toEqual({
      key: Q1,
      label: 'General',
      csat: null,
      figures: { offered: 7, answered: 4, abandoned: 2, overflowed: 1, serviceLevel: (300 / 7), asa: 13.75, aht: 67.5, abandonRate: (200 / 7), fcr: null },
    });
    // Q2: c answered in 30 s (its threshold) and handled 30 s; e still waiting.
    expect(lines[1]?.figures).toEqual({ offered: 2, answered: 1, abandoned: 0, overflowed: 0, serviceLevel: 100, asa: 30, aht: 30, abandonRate: 0, fcr: null });
    // Totals are summed, not averaged: 4 of 8 waits ended in time, 85 s of waiting over 5 answers.
    expect(totals.figures).toMatchObject({ offered: 9, answered: 5, abandoned: 2, serviceLevel: 50, asa: 17, aht: 60 });
  });

  it('by agent: unanswered waits under the "no agent" key', () => {
    const byKey = new Map(report('agent').lines.map((line) => [line.key, line.figures]));
    expect(byKey.get(A1)).toMatchObject({ offered: 4, answered: 4, aht: 67.5 });
    expect(byKey.get(A2)).toMatchObject({ offered: 1, answered: 1, aht: 30 });
    expect(byKey.get('')).toMatchObject({ offered: 4, answered: 0, abandoned: 2, overflowed: 1, serviceLevel: 0, asa: null, aht: null });
  });

  it('by channel and by disposition: a task counts under its channel and the disposition it was done with', () => {
    const channels = new Map(report('channel').lines.map((line) => [line.key, line.figures.offered]));
    expect(Object.fromEntries(channels)).toEqual({ chat: 3, call: 5, email: 1 });
    const dispositions = new Map(report('disposition').lines.map((line) => [line.key, line.figures]));
    expect(dispositions.get('Resolved')).toMatchObject({ offered: 1, answered: 1 });
    expect(dispositions.get('Sale')).toMatchObject({ offered: 2, answered: 2 });
    expect(dispositions.get('')).toMatchObject({ offered: 6 });
  });

  it('charts every interval, empty ones included', () => {
    const { series } = report('queue');
    expect(series).toEqual([
      { start: T0 - 3_600_000, offered: 0, answered: 0, abandoned: 0, serviceLevel: null },
      { start: T0, offered: 9, answered: 5, abandoned: 2, serviceLevel: 50 },
    ]);
  });

  it('shows "no figure" (null) rather than 0 where nothing was measured', () => {
    expect(figuresOf(emptyTally())).toEqual({ offered: 0, answered: 0, abandoned: 0, overflowed: 0, serviceLevel: null, asa: null, aht: null, abandonRate: null, fcr: null });
  });
});

describe('first-contact resolution', () => {
  const doneAtA = T0 + 100_000;
  const doneAtD = T0 + 145_000;

  it('is resolved when the customer does not come back within the window', () => {
    const facts = allFacts();
    markFirstContact(facts, arrivalsByCustomer([...facts, { customerId: 'c1', arrivedAt: doneAtD + FCR_WINDOW_MS + 1 }]));
    // a and d (customer c1) were done; c was done without a customer and is not counted.
    expect(report('queue', facts).lines[0]?.figures.fcr).toBe(100);
    expect(facts.reduce((n, f) => n + (f.done?.part.tally.fcrEligible ?? 0), 0)).toBe(2);
  });

  it('counts each done task against its own window', () => {
    const facts = allFacts();
    // Back just after a's window closed but inside d's: a resolved, d not.
    markFirstContact(facts, arrivalsByCustomer([...facts, { customerId: 'c1', arrivedAt: doneAtA + FCR_WINDOW_MS + 1 }]));
    expect(report('queue', facts).lines[0]?.figures.fcr).toBe(50);
  });

  it('is not resolved when the customer is back within the window (at its very end included)', () => {
    const facts = allFacts();
    // Back 3 days later: after both a's and d's done, so neither resolved.
    markFirstContact(facts, arrivalsByCustomer([...facts, { customerId: 'c1', arrivedAt: T0 + 3 * 86_400_000 }]));
    expect(report('queue', facts).lines[0]?.figures.fcr).toBe(0);
    const edge = allFacts();
    markFirstContact(edge, arrivalsByCustomer([...edge, { customerId: 'c1', arrivedAt: doneAtA + FCR_WINDOW_MS }]));
    // a's window holds the return (0 %); d was done 45 s later, and the return is inside its window too.
    expect(report('queue', edge).lines[0]?.figures.fcr).toBe(0);
  });

  it('ignores arrivals from before the done and other customers', () => {
    const facts = allFacts();
    markFirstContact(facts, arrivalsByCustomer([...facts, { customerId: 'c2', arrivedAt: T0 + 60_000 }, { customerId: null, arrivedAt: T0 + 60_000 }]));
    expect(report('queue', facts).lines[0]?.figures.fcr).toBe(100);
  });
});

describe('rollUp', () => {
  it('adds tasks of the same bucket and dimensions into one row, keyed by arrival', () => {
    const facts = allFacts();
    const rows = rollUp(facts);
    const q1a1 = rows.filter((row) => row.queueId === Q1 && row.agentId === A1);
    // a (chat, Resolved), c (call, none), d (chat, Sale): three rows.
    expect(q1a1.map((row) => [row.channel, row.disposition]).sort()).toEqual([
      ['call', ''],
      ['chat', 'Resolved'],
      ['chat', 'Sale'],
    ]);
    expect(new Set(rows.map((row) => row.bucket))).toEqual(new Set([T0]));
    const twice = rollUp([...facts, ...allFacts()]);
    expect(twice.length).toBe(rows.length);
    expect(twice.reduce((n, row) => n + row.tally.entered, 0)).toBe(2 * rows.reduce((n, row) => n + row.tally.entered, 0));
  });
});
