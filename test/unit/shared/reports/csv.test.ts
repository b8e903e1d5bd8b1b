import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../../../../shared/protocol/reports';
import { CSV_BOM, csvCell, toCsv } from '../../../../shared/reports/csv';
import { emptyTally, figuresOf } from '../../../../shared/reports/figures';
import { reportCsv } from '../../../../shared/reports/report-csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as they are and nothing for a missing figure', () => {
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('starts with the UTF-8 byte-order mark and ends every line with CRLF', () => {
    const text = toCsv([
      ['队列', 'n'],
      ['一般', 1],
    ]);
    const bytes = Buffer.from(text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toBe(`${CSV_BOM}队列,n\r\n一般,1\r\n`);
  });
});

describe('reportCsv', () => {
  const line = (key: string, label: string | null, offered: number) => ({
    key,
    label,
    csat: null,
    figures: { ...figuresOf(emptyTally()), offered, answered: offered, serviceLevel: 83.333333, asa: 12.04, aht: 301.96, abandonRate: 0, fcr: null },
  });
  const result = (groupBy: 'queue' | 'agent' | 'channel' | 'disposition', lines: ReportResult['lines']): ReportResult => ({
    request: { from: '2026-03-01', to: '2026-03-07', timeZone: 'Asia/Shanghai', groupBy, interval: 'day' },
    start: 0,
    end: 1,
    lines,
    totals: line('', null, lines.reduce((n, l) => n + l.figures.offered, 0)),
    series: [],
    csatCollected: false,
    liveEvents: 0,
  });

  it('writes localized headings, one line per group, the totals, figures rounded and missing ones empty', () => {
    const csv = reportCsv(result('queue', [line('q1', '售后, 二线', 3), line('q2', '=cmd|calc', 1)]), 'zh-CN');
    expect(csv.split('\r\n')).toEqual([
      `${CSV_BOM}队列,进线量,接通量,放弃量,溢出量,服务水平 %,平均应答时长 (秒),平均处理时长 (秒),放弃率 %,首次解决率 %,满意度`,
      '"售后, 二线",3,3,0,0,83.3,12,302,0,,',
      "'=cmd|calc,1,1,0,0,83.3,12,302,0,,",
      '合计,4,4,0,0,83.3,12,302,0,,',
      '',
    ]);
  });

  it('names channels, "no agent" and "no disposition" in the chosen language', () => {
    expect(reportCsv(result('channel', [line('call', null, 1)]), 'en').split('\r\n')[1]).toMatch(/^Call,/);
    expect(reportCsv(result('channel', [line('sms', null, 1)]), 'zh-CN').split('\r\n')[1]).toMatch(/^短信,/);
    expect(reportCsv(result('agent', [line('', null, 1)]), 'en').split('\r\n')[1]).toMatch(/^\(not answered\),/);
    expect(reportCsv(result('disposition', [line('', null, 1)]), 'zh-CN').split('\r\n')[1]).toMatch(/^（无）,/);
    expect(reportCsv(result('disposition', [line('-Refund', null, 1)]), 'en').split('\r\n')[1]).toMatch(/^'-Refund,/);
  });
});
