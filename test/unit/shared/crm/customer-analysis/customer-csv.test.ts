import { describe, expect, it } from 'vitest';
import { customerCsv, yuan } from '../../../../../shared/crm/analysis/customer-csv';
import type { CustomerListRow } from '../../../../../shared/protocol/customer-analysis';

const row: CustomerListRow = {
  customerId: '01J0000000000000000000000A',
  number: 'C-1',
  name: '@王, "老" 板',
  company: null,
  tags: ['north', 'vip'],
  tier: 'vip',
  stage: 'decline',
  rfm: { recency: 1, frequency: 5, monetary: 5 },
  profitCents: -1205,
  clvCents: 1_000_007,
  orderCount: 3,
  lastOrderAt: Date.UTC(2026, 0, 31, 20),
  openComplaints: 2,
};

describe('customerCsv', () => {
  it('writes BOM, CRLF, quoted and defused cells, words in the exporter’s language', () => {
    const csv = customerCsv([row], 'zh-CN', 'Asia/Shanghai');
    expect(csv.startsWith('\uFEFF客户编号,')).toBe(true);
    const [, line, end] = csv.slice(1).split('\r\n');
    // 20:00 UTC on 31 January is 1 February in Shanghai.
    expect(line).toBe(`C-1,"'@王, ""老"" 板",,重要客户,退化期,1,5,5,'-12.05,10000.07,3,2026-02-01,2,north; vip`);
    expect(end).toBe('');
    expect(customerCsv([{ ...row, stage: null, rfm: null, lastOrderAt: null }], 'en', 'UTC').split('\r\n')[1]).toBe(
      `C-1,"'@王, ""老"" 板",,VIP,,,,,'-12.05,10000.07,3,,2,north; vip`,
    );
  });

  it('writes money as yuan exactly', () => {
    expect([yuan(0), yuan(5), yuan(100), yuan(-1), yuan(123_456_789)]).toEqual(['0.00', '0.05', '1.00', '-0.01', '1234567.89']);
  });
});
