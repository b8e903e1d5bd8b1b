import type { ReportLine, ReportResult } from '../protocol/reports';
import { toCsv } from './csv';

/**
 * The export's words. The hub writes the file, so its headings live here in
 * both languages rather than in the renderer's catalogue.
 */
const HEADINGS = {
  en: {
    group: { queue: 'Queue', agent: 'Agent', channel: 'Channel', disposition: 'Disposition' },
    columns: ['Offered', 'Answered', 'Abandoned', 'Overflowed', 'Service level %', 'ASA (s)', 'AHT (s)', 'Abandon rate %', 'FCR %', 'CSAT'],
    total: 'Total',
    noAgent: '(not answered)',
    noDisposition: '(none)',
    channel: { call: 'Call', video: 'Video', chat: 'Chat', sms: 'SMS', email: 'Email' },
  },
  'zh-CN': {
    group: { queue: '队列', agent: '坐席', channel: '渠道', disposition: '处理结果' },
    columns: ['进线量', '接通量', '放弃量', '溢出量', '服务水平 %', '平均应答时长 (秒)', '平均处理时长 (秒)', '放弃率 %', '首次解决率 %', '满意度'],
    total: '合计',
    noAgent: '（未接通）',
    noDisposition: '（无）',
    channel: { call: '电话', video: '视频', chat: '在线聊天', sms: '短信', email: '邮件' },
  },
} as const;

export type ReportCsvLocale = keyof typeof HEADINGS;

const rounded = (value: number | null, digits: number): number | null => (value === null ? null : Number(value.toFixed(digits)));

/** The report as CSV: one line per group, then the totals. Figures with no denominator are left empty. */
export function reportCsv(result: ReportResult, locale: ReportCsvLocale): string {
  const words = HEADINGS[locale];
  const { groupBy } = result.request;
  const name = (line: ReportLine): string => {
    if (line.label !== null) return line.label;
    if (groupBy === 'channel') return words.channel[line.key as keyof typeof words.channel] ?? line.key;
    if (line.key === '') return groupBy === 'agent' ? words.noAgent : words.noDisposition;
    return line.key;
  };
  const cells = (first: string, line: ReportLine) => {
    const f = line.figures;
    return [
      first,
      f.offered,
      f.answered,
      f.abandoned,
      f.overflowed,
      rounded(f.serviceLevel, 1),
      rounded(f.asa, 1),
      rounded(f.aht, 1),
      rounded(f.abandonRate, 1),
      rounded(f.fcr, 1),
      rounded(line.csat, 2),
    ];
  };
  return toCsv([
    [words.group[groupBy], ...words.columns],
    ...result.lines.map((line) => cells(name(line), line)),
    cells(words.total, result.totals),
  ]);
}
