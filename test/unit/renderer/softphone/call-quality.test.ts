import { describe, expect, it } from 'vitest';
import {
  assessQuality,
  estimateMos,
  formatQualityFigures,
  gradeFor,
  type QualitySample,
  readStats,
} from '../../../../renderer/softphone/call-quality';

/** A report as Chromium gives it for an audio call (the fields read here, and some that are not). */
function chromiumReport(options: { rtt?: number; jitter?: number; received?: number; lost?: number; remoteJitter?: number; fractionLost?: number; remoteRtt?: number }) {
  return [
    { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP1', dtlsState: 'connected' },
    { id: 'CP0', type: 'candidate-pair', state: 'failed', nominated: false, currentRoundTripTime: 9 },
    { id: 'CP1', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: options.rtt },
    {
      id: 'IT01',
      type: 'inbound-rtp',
      kind: 'audio',
      packetsReceived: options.received,
      packetsLost: options.lost,
      jitter: options.jitter,
      codecId: 'CIT01_111',
    },
    { id: 'OT01', type: 'outbound-rtp', kind: 'audio', packetsSent: 500 },
    {
      id: 'RI01',
      type: 'remote-inbound-rtp',
      kind: 'audio',
      jitter: options.remoteJitter,
      fractionLost: options.fractionLost,
      roundTripTime: options.remoteRtt,
    },
    { id: 'CIT01_111', type: 'codec', mimeType: 'audio/opus' },
  ];
}

describe('readStats', () => {
  it('reads round trip, jitter and loss from a Chromium report, in milliseconds', () => {
    expect(readStats(chromiumReport({ rtt: 0.042, jitter: 0.003, received: 1000, lost: 10, remoteJitter: 0.005, fractionLost: 0.01 }))).toEqual({
      roundTripMs: 42,
      jitterReceivedMs: 3,
      jitterSentMs: 5,
      received: { packets: 1000, lost: 10 },
      sentFractionLost: 0.01,
    });
  });

  it('takes the round trip from RTCP when ICE has none yet, and the nominated pair when no transport names one', () => {
    expect(readStats(chromiumReport({ remoteRtt: 0.08 })).roundTripMs).toBe(80);
    const withoutTransport = chromiumReport({ rtt: 0.02 }).filter((stat) => stat.type !== 'transport');
    expect(readStats(withoutTransport).roundTripMs).toBe(20);
  });

  it('an empty or odd report gives no figures rather than failing', () => {
    const nothing: QualitySample = { roundTripMs: null, jitterReceivedMs: null, jitterSentMs: null, received: null, sentFractionLost: null };
    expect(readStats([])).toEqual(nothing);
    expect(readStats([null, 'x', 3, { type: 'inbound-rtp', kind: 'audio', jitter: 'high', packetsReceived: Number.NaN }])).toEqual(nothing);
  });

  it('ignores video streams', () => {
    const report = [{ id: 'V', type: 'inbound-rtp', kind: 'video', jitter: 1, packetsReceived: 5, packetsLost: 5 }];
    expect(readStats(report).jitterReceivedMs).toBeNull();
  });
});

describe('estimateMos: the simplified E-model, worked examples', () => {
  it('a clean LAN call: d = 20 ms, Id = 0.48, R = 92.72 → MOS 4.40 (good)', () => {
    const mos = estimateMos({ roundTripMs: 0, jitterMs: 0, loss: 0 });
    expect(mos).toBeCloseTo(4.3998, 3);
    expect(gradeFor(mos)).toBe('good');
  });

  it('an ordinary WAN call: 100 ms round trip, 10 ms jitter, 1 % loss → R = 87.40, MOS 4.27 (good)', () => {
    // d = 50 + 20 + 20 = 90 ms → Id = 2.16; Ie,eff = 95·1/(1 + 25.1) = 3.64
    const mos = estimateMos({ roundTripMs: 100, jitterMs: 10, loss: 0.01 });
    expect(mos).toBeCloseTo(4.2702, 3);
    expect(gradeFor(mos)).toBe('good');
  });

  it('a long, lossy line: 300 ms, 30 ms jitter, 2 % loss → R = 74.87, MOS 3.82 (fair)', () => {
    // d = 150 + 60 + 20 = 230 ms → Id = 5.52 + 0.11·52.7 = 11.32; Ie,eff = 190/27.1 = 7.01
    const mos = estimateMos({ roundTripMs: 300, jitterMs: 30, loss: 0.02 });
    expect(mos).toBeCloseTo(3.8164, 3);
    expect(gradeFor(mos)).toBe('fair');
  });

  it('10 % loss on a short line → R = 65.32, MOS 3.37 (poor)', () => {
    const mos = estimateMos({ roundTripMs: 20, jitterMs: 2, loss: 0.1 });
    expect(mos).toBeCloseTo(3.3705, 3);
    expect(gradeFor(mos)).toBe('poor');
  });

  it('delay alone: 800 ms round trip → R = 43.02, MOS 2.21 (poor)', () => {
    expect(estimateMos({ roundTripMs: 800, jitterMs: 50, loss: 0 })).toBeCloseTo(2.2145, 3);
  });

  it('stays within 1…4.5 however bad or odd the figures', () => {
    expect(estimateMos({ roundTripMs: 600, jitterMs: 100, loss: 0.3 })).toBe(1);
    expect(estimateMos({ roundTripMs: 5000, jitterMs: 1000, loss: 1 })).toBe(1);
    expect(estimateMos({ roundTripMs: -5, jitterMs: -1, loss: -0.5 })).toBeCloseTo(4.3998, 3);
  });

  it('grades at the MOS 4.0 and 3.6 lines', () => {
    expect([gradeFor(4), gradeFor(3.99), gradeFor(3.6), gradeFor(3.59)]).toEqual(['good', 'fair', 'fair', 'poor']);
  });
});

describe('assessQuality: the call over the last poll', () => {
  const sample = (received: number, lost: number, extra: Partial<QualitySample> = {}): QualitySample => ({
    roundTripMs: 40,
    jitterReceivedMs: 4,
    jitterSentMs: 6,
    received: { packets: received, lost },
    sentFractionLost: 0,
    ...extra,
  });

  it('counts loss between two polls, not since the call began', () => {
    // 2 % lost over the first 1000 packets, then 10 lost out of the next 100: 10/110 now.
    const first = sample(980, 20);
    const second = sample(1080, 30);
    expect(assessQuality(null, first)?.lossReceived).toBeCloseTo(0.02, 6);
    const now = assessQuality(first, second);
    expect(now?.lossReceived).toBeCloseTo(10 / 110, 6);
    expect(now?.grade).toBe('poor');
  });

  it('takes the worse direction: what the far end reports losing of ours, and the larger jitter', () => {
    const quality = assessQuality(sample(100, 0), sample(200, 0, { sentFractionLost: 0.1 }));
    expect(quality).toMatchObject({ lossReceived: 0, lossSent: 0.1, jitterMs: 6, grade: 'poor' });
    expect(quality?.mos).toBeCloseTo(estimateMos({ roundTripMs: 40, jitterMs: 6, loss: 0.1 }), 9);
  });

  it('on hold no packets are due: received loss is not measured, not zero and not a failure', () => {
    const quality = assessQuality(sample(500, 5), sample(500, 5));
    expect(quality?.lossReceived).toBeNull();
    expect(quality?.grade).toBe('good');
  });

  it('a late packet that lowers packetsLost never counts as negative loss', () => {
    expect(assessQuality(sample(100, 5), sample(150, 4))?.lossReceived).toBe(0);
  });

  it('nothing measured yet → no grade', () => {
    expect(assessQuality(null, { roundTripMs: null, jitterReceivedMs: null, jitterSentMs: null, received: null, sentFractionLost: null })).toBeNull();
  });

  it('formats the tooltip figures', () => {
    const quality = assessQuality(null, sample(990, 10, { roundTripMs: 41.6, sentFractionLost: null }));
    expect(quality && formatQualityFigures(quality, '—')).toEqual({ roundTrip: '42 ms', jitter: '6 ms', lossReceived: '1.0 %', lossSent: '—', mos: '4.3' });
  });
});
