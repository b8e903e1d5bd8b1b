import { CHAT_ATTACHMENT_MAX_BYTES, CHAT_ATTACHMENT_TYPES, type ChatAttachmentType } from '../domain/chat';

export type AttachmentCheck = { ok: true; mimeType: ChatAttachmentType } | { ok: false; reason: 'too-large' | 'unsupported-type' | 'empty' };

/** Browsers leave `type` empty for kinds they do not know; the extension is the visitor's only other word for it. */
const BY_EXTENSION: Readonly<Record<string, ChatAttachmentType>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

const isAllowed = (type: string): type is ChatAttachmentType => (CHAT_ATTACHMENT_TYPES as readonly string[]).includes(type);

/**
 * Refuses before uploading what the hub would refuse anyway, so the visitor
 * is told at once instead of after sending megabytes. The hub checks again
 * (and sniffs the bytes): this is a courtesy, not the gate.
 */
export function checkAttachment(file: { name: string; size: number; type: string }): AttachmentCheck {
  const extension = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
  const declared = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  const mimeType = declared === '' ? BY_EXTENSION[extension] : declared;
  if (mimeType === undefined || !isAllowed(mimeType)) return { ok: false, reason: 'unsupported-type' };
  if (file.size === 0) return { ok: false, reason: 'empty' };
  if (file.size > CHAT_ATTACHMENT_MAX_BYTES) return { ok: false, reason: 'too-large' };
  return { ok: true, mimeType };
}

export const isImage = (mimeType: string): boolean => mimeType.startsWith('image/');
