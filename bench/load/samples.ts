import pg from 'pg';
import { cpuSeconds, rssMb } from '../sip-load';
import { round } from '../stats';

/** Every SAMPLE_MS during the run: the hubs' RSS and CPU (from /proc, outside the process) and the store's connections. */
export const SAMPLE_MS = 5_000;

export type Spread = { n: number; min: number; avg: number; max: number };

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { n: 0, min: Number.NaN, avg: Number.NaN, max: Number.NaN };
  const sum = values.reduce((total, value) => total + value, 0);
  return { n: values.length, min: round(Math.min(...values)), avg: round(sum / values.length), max: round(Math.max(...values)) };
}

export type NodeSamples = { pid: number; rssMB: Spread; cpuPercent: Spread };
export type Sampler = { stop(): Promise<{ hubRssMB: Spread; hubCpuPercent: Spread; perNode: NodeSamples[]; postgresConnections: Spread }> };

/**
 * Samples until stopped. CPU% is of one core over each interval (two busy
 * cores read 200 %), summed over the hub processes; connections are those
 * to the run's own database, this sampler's own left out.
 */
export async function startSampler(hubPids: readonly number[], databaseUrl: string): Promise<Sampler> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rss: number[] = [];
  const cpu: number[] = [];
  const nodes = hubPids.map((pid) => ({ pid, rss: [] as number[], cpu: [] as number[], lastCpu: cpuSeconds([pid]) }));
  const connections: number[] = [];
  let lastAt = performance.now();
  let busy: Promise<void> = Promise.resolve();
  const sample = async () => {
    const now = performance.now();
    const seconds = (now - lastAt) / 1000;
    lastAt = now;
    for (const node of nodes) {
      const used = cpuSeconds([node.pid]);
      node.cpu.push(((used - node.lastCpu) / seconds) * 100);
      node.lastCpu = used;
      node.rss.push(rssMb(node.pid));
    }
    cpu.push(nodes.reduce((total, node) => total + (node.cpu.at(-1) ?? 0), 0));
    rss.push(nodes.reduce((total, node) => total + (node.rss.at(-1) ?? 0), 0));
    const result = await client.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    connections.push(Number(result.rows[0]?.n ?? Number.NaN));
  };
  const timer = setInterval(() => {
    busy = busy.then(sample, sample);
  }, SAMPLE_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await busy.catch(() => undefined);
      await client.end();
      return {
        hubRssMB: spread(rss),
        hubCpuPercent: spread(cpu),
        perNode: nodes.map((node) => ({ pid: node.pid, rssMB: spread(node.rss), cpuPercent: spread(node.cpu) })),
        postgresConnections: spread(connections),
      };
    },
  };
}
