/**
 * Header row → which column holds which order field. Files come from shops,
 * ERPs and hand-made spreadsheets in English or Chinese, so each field has
 * several names; case, spacing, underscores and a unit in brackets
 * ("金额(元)", "Amount (CNY)") do not matter. Columns we do not know are
 * ignored and listed, so the administrator sees what was left out.
 */

export type OrderField = 'orderId' | 'customerRef' | 'orderedAt' | 'amount' | 'profit' | 'products';

/** The order id is required: it is the key the hub upserts on, which makes re-importing a file harmless. */
export const REQUIRED_ORDER_FIELDS: readonly OrderField[] = ['orderId', 'customerRef', 'orderedAt', 'amount'];

const ALIASES: Record<OrderField, readonly string[]> = {
  orderId: ['order id', 'orderid', 'order no', 'order number', 'order', '订单号', '订单编号', '订单id', '单号'],
  customerRef: ['customer number', 'customer no', 'customer id', 'customer', 'client id', '客户编号', '客户号', '客户id', '客户代码', '会员号'],
  orderedAt: ['ordered at', 'order date', 'order time', 'date', '下单时间', '下单日期', '订单时间', '订单日期', '日期'],
  amount: ['amount', 'order amount', 'total', 'order total', '金额', '订单金额', '总金额', '实付金额'],
  profit: ['profit', 'gross profit', 'margin', '利润', '毛利', '毛利润'],
  products: ['products', 'product', 'items', '商品', '商品名称', '产品'],
};

export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\(.*?\)/g, '')
    .replace(/[:：*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, ' ');
}

const FIELD_BY_ALIAS = new Map<string, OrderField>(
  (Object.entries(ALIASES) as [OrderField, readonly string[]][]).flatMap(([field, names]) => names.map((name) => [name, field] as const)),
);

export type ColumnMap = Record<OrderField, number | null>;

export type HeaderResult =
  | { ok: true; columns: ColumnMap; ignored: string[] }
  | { ok: false; code: 'missing-column'; missing: OrderField[]; message: string }
  | { ok: false; code: 'duplicate-column'; field: OrderField; headers: string[]; message: string };

export function mapHeader(headers: readonly string[]): HeaderResult {
  const columns: ColumnMap = { orderId: null, customerRef: null, orderedAt: null, amount: null, profit: null, products: null };
  const ignored: string[] = [];
  for (const [index, header] of headers.entries()) {
    const field = FIELD_BY_ALIAS.get(normalizeHeader(header));
    if (!field) {
      if (header.trim() !== '') ignored.push(header);
      continue;
    }
    const earlier = columns[field];
    if (earlier !== null) {
      // Two "amount" columns: picking one would be a guess about money.
      const both = [headers[earlier] ?? '', header];
      return { ok: false, code: 'duplicate-column', field, headers: both, message: `Columns ${both.map((h) => `"${h}"`).join(' and ')} both mean ${field}` };
    }
    columns[field] = index;
  }
  const missing = REQUIRED_ORDER_FIELDS.filter((field) => columns[field] === null);
  if (missing.length > 0) {
    const names = missing.map((field) => `${field} (e.g. "${ALIASES[field][0]}" or "${ALIASES[field].find((a) => /[^\x20-\x7e]/.test(a))}")`);
    return { ok: false, code: 'missing-column', missing, message: `Missing column: ${names.join(', ')}` };
  }
  return { ok: true, columns, ignored };
}
