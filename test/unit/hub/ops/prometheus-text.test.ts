import { describe, expect, it } from 'vitest';
import { renderPrometheus, renderValue } from '../../../../hub/ops/prometheus-text';

describe('renderPrometheus', () => {
  it('writes HELP, TYPE and one line per sample, labels in the order given', () => {
    const text = renderPrometheus([
      {
        name: 'switchboard_queue_waiting',
        help: 'Tasks waiting.',
        type: 'gauge',
        samples: [
          { labels: { queue: 'General', queue_id: 'Q1' }, value: 3 },
          { labels: { queue: 'Billing', queue_id: 'Q2' }, value: 0 },
        ],
      },
      { name: 'switchboard_sync_head_seq', help: 'Head.', type: 'gauge', samples: [{ value: 42 }] },
    ]);
    expect(text).toBe(
      [
        '# HELP switchboard_queue_waiting Tasks waiting.',
        '# TYPE switchboard_queue_waiting gauge',
        'switchboard_queue_waiting{queue="General",queue_id="Q1"} 3',
        'switchboard_queue_waiting{queue="Billing",queue_id="Q2"} 0',
        '# HELP switchboard_sync_head_seq Head.',
        '# TYPE switchboard_sync_head_seq gauge',
        'switchboard_sync_head_seq 42',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values and help text as the format asks', () => {
    const text = renderPrometheus([
      { name: 'm', help: 'back\\slash\nnewline', type: 'counter', samples: [{ labels: { queue: 'Say "hi"\\\n客服' }, value: 1 }] },
    ]);
    expect(text).toContain('# HELP m back\\\\slash\\nnewline\n');
    expect(text).toContain('m{queue="Say \\"hi\\"\\\\\\n客服"} 1\n');
  });

  it('refuses names Prometheus would reject rather than write an unreadable page', () => {
    expect(() => renderPrometheus([{ name: 'queue-waiting', help: '', type: 'gauge', samples: [] }])).toThrow(/metric name/);
    expect(() => renderPrometheus([{ name: 'm', help: '', type: 'gauge', samples: [{ labels: { 'queue-id': 'x' }, value: 1 }] }])).toThrow(/label name/);
    expect(() => renderPrometheus([{ name: 'm', help: '', type: 'gauge', samples: [{ labels: { __name__: 'x' }, value: 1 }] }])).toThrow(/label name/);
  });

  it("spells special values as Go's ParseFloat reads them", () => {
    expect(renderValue(Number.NaN)).toBe('NaN');
    expect(renderValue(Number.POSITIVE_INFINITY)).toBe('+Inf');
    expect(renderValue(Number.NEGATIVE_INFINITY)).toBe('-Inf');
    expect(renderValue(0.25)).toBe('0.25');
  });
});
