import type { Complaint } from '../../../../shared/complaints/complaint';
import { complaintFromLogged, ComplaintLoggedSchema } from '../../../../shared/complaints/workflow';

/** A high-severity billing complaint by email, logged at `at` (default Mon 10 Mar 2025 09:00 EDT). */
export const loggedComplaint = (overrides: Record<string, unknown> = {}): Complaint =>
  complaintFromLogged(
    ComplaintLoggedSchema.parse({
      id: '01JNX0000000000000000000C1',
      customerId: '01JNX0000000000000000000K1',
      channel: 'email',
      category: 'billing',
      severity: 'high',
      description: 'Charged twice for order 1042',
      at: Date.parse('2025-03-10T13:00:00Z'),
      ...overrides,
    }),
  );
