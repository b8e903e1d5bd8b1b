import { z } from 'zod';
import { type ReportResult, ReportRequestSchema } from '../../../shared/protocol/reports';
import type { Figures } from '../../../shared/reports/figures';

/** A report as the hub sends it, parsed before it is drawn. */
const FiguresSchema = z.object({
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  overflowed: z.number(),
  serviceLevel: z.number().nullable(),
  asa: z.number().nullable(),
  aht: z.number().nullable(),
  abandonRate: z.number().nullable(),
  fcr: z.number().nullable(),
}) satisfies z.ZodType<Figures>;

const LineSchema = z.object({ key: z.string(), label: z.string().nullable(), figures: FiguresSchema, csat: z.number().nullable() });

export const ReportResultSchema = z.object({
  request: ReportRequestSchema,
  start: z.number(),
  end: z.number(),
  lines: z.array(LineSchema),
  totals: LineSchema,
  series: z.array(
    z.object({ start: z.number(), offered: z.number(), answered: z.number(), abandoned: z.number(), serviceLevel: z.number().nullable() }),
  ),
  csatCollected: z.boolean(),
  liveEvents: z.number(),
}) satisfies z.ZodType<ReportResult>;
