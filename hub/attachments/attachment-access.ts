import type { Role } from '../../shared/domain/user';

export type AttachmentVerdict = { ok: true } | { ok: false; message: string };

/** Files of a customer's contact: what the people who see the customer's timeline may open. */
const CONTACT_FILES = new Set(['email', 'chat', 'sms', 'upload']);

/**
 * Who may download a stored file through the generic route, by what holds it.
 * Contact files: anyone who reads timelines (agents, supervisors, admins). A
 * quarantined mail's raw bytes: administrators, who review the quarantine —
 * it may be hostile. Recordings: never here, they keep their own rule (the
 * queue's agents and supervisors, hub/attachments/recording-access.ts).
 */
export function mayDownload(role: Role, kind: string): AttachmentVerdict {
  if (kind === 'recording') return { ok: false, message: 'Recordings play from their call on the timeline.' };
  if (kind === 'email-raw') return role === 'admin' ? { ok: true } : { ok: false, message: 'Only administrators open quarantined mail.' };
  if (!CONTACT_FILES.has(kind)) return { ok: false, message: 'This file is not served here.' };
  return { ok: true };
}

/** Uploading a file for a customer is agents' and supervisors' work, as sending to customers is. */
export function mayUpload(role: Role): AttachmentVerdict {
  return role === 'agent' || role === 'supervisor' ? { ok: true } : { ok: false, message: 'Only agents and supervisors send files to customers.' };
}
