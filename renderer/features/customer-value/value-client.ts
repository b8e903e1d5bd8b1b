import { z } from 'zod';
import {
  type CustomerValueAnswer,
  type CustomerValueRecord,
  CustomerValueRecordSchema,
  type LedgerLine,
  type OrderAddAnswer,
  type RecomputeAnswer,
  type ValueSettings,
  ValueSettingsSchema,
} from '../../../shared/protocol/customer-value';
import { type AdminResult, createLiveCaller } from '../../sync/admin-client';
import type { HubSocket } from '../../sync/hub-socket';
import type { OrderRequest, PointsRequest } from './value-form';

const LedgerLineSchema = z.object({
  id: z.string(),
  kind: z.enum(['earned', 'adjusted', 'redeemed']),
  delta: z.number().int(),
  at: z.number(),
  detail: z.string(),
  byUserId: z.string().nullable(),
}) satisfies z.ZodType<LedgerLine>;

const AnswerSchema = z.object({
  value: CustomerValueRecordSchema,
  ledger: z.array(LedgerLineSchema),
  moreLedger: z.boolean(),
}) satisfies z.ZodType<CustomerValueAnswer>;

const OrderAddAnswerSchema = z.object({
  interactionId: z.string(),
  created: z.boolean(),
  value: CustomerValueRecordSchema,
}) satisfies z.ZodType<OrderAddAnswer>;

const RecomputeAnswerSchema = z.object({
  customers: z.number().int(),
  orders: z.number().int(),
  changed: z.number().int(),
  tierChanges: z.number().int(),
  orphanOrders: z.number().int(),
  ms: z.number(),
  phases: z.object({ readMs: z.number(), rankMs: z.number(), writeMs: z.number() }),
}) satisfies z.ZodType<RecomputeAnswer>;

/**
 * The value panel's requests, live only: the figures themselves reach the
 * desktop through sync (`customerValue` changes, cached in Dexie), but the
 * ledger, points, credit notes and hand-added orders are checked by the hub
 * against what it holds, so they happen online or not at all.
 */
export function createValueClient(socket: HubSocket, timeoutMs = 15_000) {
  const call = createLiveCaller(socket, timeoutMs);
  // The full recompute of a big base takes tens of seconds: its answer is waited for longer.
  const slowCall = createLiveCaller(socket, 10 * 60_000);
  return {
    recompute: (): Promise<AdminResult<RecomputeAnswer>> =>
      slowCall('admin:value:recompute', (s) => s.emitWithAck('admin:value:recompute', {}), RecomputeAnswerSchema),
    read: (customerId: string): Promise<AdminResult<CustomerValueAnswer>> =>
      call('customer:value', (s) => s.emitWithAck('customer:value', { customerId }), AnswerSchema),
    adjust: (request: PointsRequest): Promise<AdminResult<CustomerValueRecord>> =>
      call('loyalty:adjust', (s) => s.emitWithAck('loyalty:adjust', request), CustomerValueRecordSchema),
    addOrder: (request: OrderRequest): Promise<AdminResult<OrderAddAnswer>> =>
      call('order:add', (s) => s.emitWithAck('order:add', request), OrderAddAnswerSchema),
    setCredit: (customerId: string, note: string): Promise<AdminResult<CustomerValueRecord>> =>
      call('customer:credit', (s) => s.emitWithAck('customer:credit', { customerId, note }), CustomerValueRecordSchema),
    settings: (): Promise<AdminResult<ValueSettings>> => call('admin:value:get', (s) => s.emitWithAck('admin:value:get', {}), ValueSettingsSchema),
    saveSettings: (settings: ValueSettings): Promise<AdminResult<ValueSettings>> =>
      call('admin:value:set', (s) => s.emitWithAck('admin:value:set', settings), ValueSettingsSchema),
  };
}

export type ValueClient = ReturnType<typeof createValueClient>;
