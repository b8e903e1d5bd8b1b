import { z } from 'zod';
import { UlidSchema } from '../domain/ids';

/**
 * The hub's one attachment store over HTTP: any stored file of a customer's
 * contact (email, chat, SMS, an agent's upload) by id. Recordings are not
 * served here: they keep their own access rule (shared/protocol/recording.ts).
 */
export const ATTACHMENT_PATHS = { upload: '/api/attachments', file: '/api/attachments/' } as const;

/** The upload's file name, URI-encoded (a header cannot carry every character a name can). */
export const ATTACHMENT_NAME_HEADER = 'x-file-name';

/** `ATTACHMENT_MAX_BYTES` unless set: a phone photo or a short video clip. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/** What the hub filed: the type is the one it sniffed from the bytes. */
export const StoredAttachmentSchema = z.object({
  attachmentId: UlidSchema,
  name: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(127),
  size: z.number().int().nonnegative(),
});
export type StoredAttachment = z.infer<typeof StoredAttachmentSchema>;

/** Types a browser shows without running anything: pictures (not SVG, which can hold script), sound and film. */
export const PREVIEWABLE_TYPE = /^(image\/(png|jpeg|gif|webp|bmp)|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+)$/;

export const isPreviewable = (mimeType: string): boolean => PREVIEWABLE_TYPE.test(mimeType);

/** How the timeline shows a file: inline as a picture, a player, or a card with a download. */
export function previewKind(mimeType: string): 'image' | 'audio' | 'video' | 'file' {
  if (!isPreviewable(mimeType)) return 'file';
  if (mimeType.startsWith('image/')) return 'image';
  return mimeType.startsWith('audio/') ? 'audio' : 'video';
}
