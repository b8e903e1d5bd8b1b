/**
 * Call quality from WebRTC statistics: what one `getStats()` report says
 * (`readStats`), the figures over the last poll (`assessQuality`), and a
 * mean opinion score from a simplified ITU-T G.107 E-model (`estimateMos`).
 * Pure, so the grades can be checked against worked examples.
 */

/** The counters of one report, cumulative as the browser keeps them. */
export type QualitySample = {
  /** Round trip in ms: the connection's STUN checks, else the far end's RTCP reports. */
  roundTripMs: number | null;
  /** Jitter of the audio this side receives, ms. */
  jitterReceivedMs: number | null;
  /** Jitter of our audio as the far end receives it (RTCP receiver reports), ms. */
  jitterSentMs: number | null;
  received: { packets: number; lost: number } | null;
  /** The fraction of our packets the far end lost over its last report interval (0…1). */
  sentFractionLost: number | null;
};

export type QualityGrade = 'good' | 'fair' | 'poor';

export type CallQuality = {
  grade: QualityGrade;
  /** 1…4.5 */
  mos: number;
  roundTripMs: number | null;
  /** The worse of the two directions. */
  jitterMs: number | null;
  /** Fractions 0…1 since the previous poll; null when no packets were due (e.g. on hold). */
  lossReceived: number | null;
  lossSent: number | null;
};

type Stat = Record<string, unknown>;

const numberIn = (stat: Stat | undefined, key: string): number | null => {
  const value = stat?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
const textIn = (stat: Stat | undefined, key: string): string | null => {
  const value = stat?.[key];
  return typeof value === 'string' ? value : null;
};
const seconds = (value: number | null): number | null => (value === null ? null : value * 1000);
const isAudio = (stat: Stat): boolean => (textIn(stat, 'kind') ?? textIn(stat, 'mediaType')) !== 'video';

/** The pair ICE chose: named by the transport where the browser says so, else the nominated, succeeded one. */
function selectedPair(stats: Stat[]): Stat | undefined {
  const transportPair = stats.map((stat) => (stat.type === 'transport' ? textIn(stat, 'selectedCandidatePairId') : null)).find(Boolean);
  const byTransport = stats.find((stat) => stat.type === 'candidate-pair' && stat.id === transportPair);
  return byTransport ?? stats.find((stat) => stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded');
}

/** One `RTCStatsReport` (its values) → the figures this module reads. Anything missing or odd is null. */
export function readStats(report: Iterable<unknown>): QualitySample {
  const stats = [...report].filter((stat): stat is Stat => typeof stat === 'object' && stat !== null);
  const inbound = stats.find((stat) => stat.type === 'inbound-rtp' && isAudio(stat));
  const remoteInbound = stats.find((stat) => stat.type === 'remote-inbound-rtp' && isAudio(stat));
  const packets = numberIn(inbound, 'packetsReceived');
  const lost = numberIn(inbound, 'packetsLost');
  return {
    roundTripMs: seconds(numberIn(selectedPair(stats), 'currentRoundTripTime') ?? numberIn(remoteInbound, 'roundTripTime')),
    jitterReceivedMs: seconds(numberIn(inbound, 'jitter')),
    jitterSentMs: seconds(numberIn(remoteInbound, 'jitter')),
    received: packets === null ? null : { packets, lost: lost ?? 0 },
    sentFractionLost: numberIn(remoteInbound, 'fractionLost'),
  };
}

/** Loss over the interval between two samples; the first sample counts from the start of the call. */
function lossBetween(previous: QualitySample['received'], current: QualitySample['received']): number | null {
  if (!current) return null;
  // packetsLost can go down (late or duplicate packets), so the interval never counts below zero.
  const lost = Math.max(0, current.lost - (previous?.lost ?? 0));
  const packets = Math.max(0, current.packets - (previous?.packets ?? 0));
  return lost + packets === 0 ? null : lost / (lost + packets);
}

const worse = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** Packetisation and codec look-ahead added to the network delay (20 ms audio frames). */
const FRAMING_MS = 20;
/** G.113 Appendix I packet-loss robustness of G.711 with concealment; Opus conceals at least as well. */
const LOSS_ROBUSTNESS = 25.1;

/**
 * Simplified E-model (ITU-T G.107) → MOS:
 * - one-way delay d ≈ half the round trip + a jitter buffer of twice the jitter + framing;
 * - delay impairment Id = 0.024·d + 0.11·(d − 177.3) once d passes 177.3 ms;
 * - loss impairment Ie,eff = 95·P / (P + Bpl) for P % random loss (the codec's own Ie is 0);
 * - R = 93.2 − Id − Ie,eff; MOS = 1 + 0.035·R + 7·10⁻⁶·R·(R − 60)·(100 − R).
 */
export function estimateMos(figures: { roundTripMs: number; jitterMs: number; loss: number }): number {
  const delay = Math.max(0, figures.roundTripMs) / 2 + 2 * Math.max(0, figures.jitterMs) + FRAMING_MS;
  const delayImpairment = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
  const lossPercent = Math.min(100, Math.max(0, figures.loss * 100));
  const lossImpairment = (95 * lossPercent) / (lossPercent + LOSS_ROBUSTNESS);
  const r = 93.2 - delayImpairment - lossImpairment;
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
}

/** MOS 4.0 and above is what a good landline sounds like; below 3.6 many callers notice and complain. */
export function gradeFor(mos: number): QualityGrade {
  if (mos >= 4) return 'good';
  if (mos >= 3.6) return 'fair';
  return 'poor';
}

/**
 * The call's quality now, from this poll and the one before. Null until the
 * report says anything at all (the first packets and the first round trip
 * take a moment after the call connects).
 */
export function assessQuality(previous: QualitySample | null, current: QualitySample): CallQuality | null {
  const lossReceived = lossBetween(previous?.received ?? null, current.received);
  const lossSent = current.sentFractionLost;
  const jitterMs = worse(current.jitterReceivedMs, current.jitterSentMs);
  if (current.roundTripMs === null && jitterMs === null && lossReceived === null && lossSent === null) return null;
  // What is not measured yet counts as perfect: the grade then rests on what is.
  const mos = estimateMos({ roundTripMs: current.roundTripMs ?? 0, jitterMs: jitterMs ?? 0, loss: worse(lossReceived, lossSent) ?? 0 });
  return { grade: gradeFor(mos), mos, roundTripMs: current.roundTripMs, jitterMs, lossReceived, lossSent };
}

export type QualityFigures = { roundTrip: string; jitter: string; lossReceived: string; lossSent: string; mos: string };

/** The figures for the tooltip: whole milliseconds, loss in percent to a tenth, MOS to a tenth; `none` where not measured. */
export function formatQualityFigures(quality: CallQuality, none: string): QualityFigures {
  const ms = (value: number | null) => (value === null ? none : `${Math.round(value)} ms`);
  const percent = (value: number | null) => (value === null ? none : `${(value * 100).toFixed(1)} %`);
  return {
    roundTrip: ms(quality.roundTripMs),
    jitter: ms(quality.jitterMs),
    lossReceived: percent(quality.lossReceived),
    lossSent: percent(quality.lossSent),
    mos: quality.mos.toFixed(1),
  };
}
