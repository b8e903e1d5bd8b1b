import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricFamily } from './prometheus-text';

/** The sampling timer's period: what an idle loop records, taken off so an idle hub reads 0. */
const RESOLUTION_MS = 20;

export type ProcessFigures = { families(): MetricFamily[]; stop(): void };

/**
 * The process's memory and CPU, and how late the event loop runs (a slow
 * synchronous step delays every socket's ack). The delay histogram is reset at
 * each scrape, so the figures cover the time since the previous one.
 */
export function createProcessFigures(): ProcessFigures {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const startedAt = Date.now() / 1000 - process.uptime();
  return {
    families() {
      const cpu = process.cpuUsage();
      // Nanoseconds, each sample the timer's whole period; NaN before the histogram has its first sample.
      const seconds = (ns: number) => (Number.isFinite(ns) && delay.count > 0 ? Math.max(0, ns / 1e6 - RESOLUTION_MS) / 1000 : 0);
      const lag = { mean: seconds(delay.mean), p99: seconds(delay.percentile(99)), max: seconds(delay.max) };
      delay.reset();
      return [
        { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', type: 'gauge', samples: [{ value: process.memoryUsage.rss() }] },
        { name: 'process_cpu_user_seconds_total', help: 'User CPU time spent in seconds.', type: 'counter', samples: [{ value: cpu.user / 1e6 }] },
        { name: 'process_cpu_system_seconds_total', help: 'System CPU time spent in seconds.', type: 'counter', samples: [{ value: cpu.system / 1e6 }] },
        { name: 'process_cpu_seconds_total', help: 'Total user and system CPU time spent in seconds.', type: 'counter', samples: [{ value: (cpu.user + cpu.system) / 1e6 }] },
        { name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch in seconds.', type: 'gauge', samples: [{ value: Math.round(startedAt) }] },
        { name: 'nodejs_eventloop_lag_seconds', help: 'Mean event loop delay since the previous scrape, in seconds.', type: 'gauge', samples: [{ value: lag.mean }] },
        { name: 'nodejs_eventloop_lag_p99_seconds', help: '99th percentile event loop delay since the previous scrape, in seconds.', type: 'gauge', samples: [{ value: lag.p99 }] },
        { name: 'nodejs_eventloop_lag_max_seconds', help: 'Longest event loop delay since the previous scrape, in seconds.', type: 'gauge', samples: [{ value: lag.max }] },
      ];
    },
    stop: () => delay.disable(),
  };
}
