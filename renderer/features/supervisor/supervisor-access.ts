import type { Role } from '../../../shared/domain/user';

/** The live view, agents table and reports are for those who run the floor. */
export const canOpenSupervision = (role: Role): boolean => role === 'supervisor' || role === 'admin';
