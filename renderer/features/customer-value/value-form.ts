/**
 * The value panel's forms as pure functions: what was typed → the request,
 * or which field is wrong. Amounts are typed in yuan (decimal) and sent in
 * fen (integer minor units), so money never meets floating point on the wire.
 */

/** "128.5", "1,280.00", "-20" → minor units; null when it is not an amount with at most two decimals. */
export function parseAmount(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s]/g, '');
  const match = /^(-?)(\d{1,11})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}

/** A date input's "2026-11-24" → noon that day in the desk's zone (noon: no zone offset moves it to another day); null when empty or impossible. */
export function orderDateToMs(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12).getTime();
  const back = new Date(at);
  return back.getDate() === Number(match[3]) && at >= 0 ? at : null;
}

export type OrderForm = { orderNo: string; amount: string; profit: string; currency: string; items: string; orderedAt: string };
export type OrderFormError = 'orderNo' | 'amount' | 'profit' | 'orderedAt';
export type OrderRequest = { customerId: string; orderNo: string; amountCents: number; profitCents?: number; currency: string; items: string; orderedAt: number };

export function orderRequest(customerId: string, form: OrderForm): { ok: true; request: OrderRequest } | { ok: false; errors: OrderFormError[] } {
  const errors: OrderFormError[] = [];
  const orderNo = form.orderNo.trim();
  if (orderNo === '' || orderNo.length > 40) errors.push('orderNo');
  const amountCents = parseAmount(form.amount);
  if (amountCents === null) errors.push('amount');
  const profitCents = form.profit.trim() === '' ? undefined : parseAmount(form.profit);
  if (profitCents === null) errors.push('profit');
  const orderedAt = orderDateToMs(form.orderedAt);
  if (orderedAt === null) errors.push('orderedAt');
  if (errors.length > 0 || amountCents === null || orderedAt === null || profitCents === null) return { ok: false, errors };
  const request: OrderRequest = { customerId, orderNo, amountCents, currency: form.currency, items: form.items.trim(), orderedAt };
  return { ok: true, request: profitCents === undefined ? request : { ...request, profitCents } };
}

export type PointsForm = { kind: 'adjust' | 'redeem'; points: string; text: string };
export type PointsFormError = 'points' | 'text';
export type PointsRequest =
  | { customerId: string; kind: 'adjust'; points: number; reason: string }
  | { customerId: string; kind: 'redeem'; points: number; reference: string };

/** An adjustment is signed and needs a reason; a redemption is positive and needs a reference. */
export function pointsRequest(customerId: string, form: PointsForm): { ok: true; request: PointsRequest } | { ok: false; errors: PointsFormError[] } {
  const errors: PointsFormError[] = [];
  const points = /^-?\d{1,10}$/.test(form.points.trim()) ? Number(form.points.trim()) : Number.NaN;
  if (!Number.isInteger(points) || points === 0 || (form.kind === 'redeem' && points < 0)) errors.push('points');
  const text = form.text.trim();
  if (text === '' || text.length > (form.kind === 'redeem' ? 64 : 500)) errors.push('text');
  if (errors.length > 0) return { ok: false, errors };
  return form.kind === 'adjust'
    ? { ok: true, request: { customerId, kind: 'adjust', points, reason: text } }
    : { ok: true, request: { customerId, kind: 'redeem', points, reference: text } };
}

/** "2026-11-24" for a date input, in the desk's zone. */
export function dateInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
