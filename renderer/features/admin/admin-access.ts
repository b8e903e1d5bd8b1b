import type { Role } from '../../../shared/domain/user';

/** Supervisors look at the set-up (to explain routing to their team); only admins change it. */
export const canOpenAdministration = (role: Role): boolean => role === 'admin' || role === 'supervisor';
export const canEditAdministration = (role: Role): boolean => role === 'admin';
