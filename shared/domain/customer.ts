import { z } from 'zod';
import { EpochMsSchema, UlidSchema } from './ids';

/** Tier pyramid from the CRM practice: top 1% VIP, next 19% key, next 30% ordinary, bottom 50% small. */
export const TierSchema = z.enum(['vip', 'key', 'ordinary', 'small']);
export type Tier = z.infer<typeof TierSchema>;

export const IdentityKindSchema = z.enum(['phone', 'email', 'visitor']);
export type IdentityKind = z.infer<typeof IdentityKindSchema>;

/**
 * A way to recognise a customer on an inbound contact. Values are stored
 * normalised (E.164 phones, lower-case emails) so identity resolution is an
 * exact index look-up.
 */
export const IdentitySchema = z.object({
  id: UlidSchema,
  customerId: UlidSchema,
  kind: IdentityKindSchema,
  value: z.string().min(1).max(320),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const CustomerNameSchema = z.string().trim().min(1).max(120);
export const CompanySchema = z.string().trim().max(160).nullable();
export const TagsSchema = z.array(z.string().trim().min(1).max(40)).max(32);

export const CustomerSchema = z.object({
  id: UlidSchema,
  /** The human customer number (客户编号) read out over the phone. */
  number: z.string().min(1).max(32),
  name: CustomerNameSchema,
  company: CompanySchema,
  tags: TagsSchema,
  tier: TierSchema,
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
});
export type Customer = z.infer<typeof CustomerSchema>;

/** The fields an agent may edit on the profile; everything else is derived or owned by the hub. */
export const CustomerPatchSchema = z
  .object({
    name: CustomerNameSchema,
    company: CompanySchema,
    tags: TagsSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'the patch changes nothing');
export type CustomerPatch = z.infer<typeof CustomerPatchSchema>;
