/**
 * The Prometheus text exposition format (version 0.0.4), written here rather
 * than with prom-client: the hub exposes a dozen gauges and counters read at
 * scrape time, and this file is all of it — no registry of global state, no
 * default collectors to keep apart between hubs started in one test process.
 */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;
export type Sample = { labels?: Labels; value: number };
export type MetricFamily = {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: readonly Sample[];
};

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Every family with its HELP and TYPE lines, samples in the order given; a family without samples still says what it is. */
export function renderPrometheus(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (!METRIC_NAME.test(family.name)) throw new Error(`not a Prometheus metric name: ${family.name}`);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) lines.push(`${family.name}${renderLabels(sample.labels)} ${renderValue(sample.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderLabels(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  return `{${entries
    .map(([name, value]) => {
      if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new Error(`not a Prometheus label name: ${name}`);
      return `${name}="${escapeLabelValue(value)}"`;
    })
    .join(',')}}`;
}

/** Go's ParseFloat spellings, which Prometheus reads. */
export function renderValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

const escapeHelp = (text: string): string => text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
const escapeLabelValue = (text: string): string => text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
