import { z } from 'zod';
import { UlidSchema } from './ids';

export const RoleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: UlidSchema,
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120),
  role: RoleSchema,
});
export type User = z.infer<typeof UserSchema>;

export const UsernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, dot, dash, underscore');
export const PasswordSchema = z.string().min(8, 'at least 8 characters').max(256);
