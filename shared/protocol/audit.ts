import { z } from 'zod';
import { EpochMsSchema } from '../domain/ids';

/** One line of the audit log as administrators read it. Never carries a secret: the hub keeps none in it. */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.number().int(),
  actor: z.object({
    id: z.string().nullable(),
    username: z.string(),
    /** '' for someone not signed in (a failed sign-in). */
    role: z.string(),
  }),
  /** A socket event, `mutation:<name>`, `login`, or `<METHOD> <path>` for an HTTP route. */
  action: z.string(),
  targetIds: z.array(z.string()),
  summary: z.record(z.string(), z.unknown()),
  /** `ok`, or the code the hub refused with. */
  outcome: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AUDIT_PAGE_MAX = 200;

/** `admin:audit:list`: newest first, filtered; `before` (the last id of the previous page) continues. */
export const AuditQuerySchema = z.object({
  actor: z.string().trim().toLowerCase().max(64).optional(),
  /** An exact action, or a prefix ending in `:` or `*` (`admin:*`). */
  action: z
    .string()
    .trim()
    .max(120)
    .regex(/^[A-Za-z0-9:./ -]*\*?$/, 'letters, digits and : . / - only, with an optional * at the end')
    .optional(),
  from: EpochMsSchema.optional(),
  to: EpochMsSchema.optional(),
  before: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), more: z.boolean() });
export type AuditPage = z.infer<typeof AuditPageSchema>;
