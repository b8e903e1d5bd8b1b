import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ByteRange } from './byte-range';
import { contentPath, sha256Of } from './content-path';

/**
 * The hub's file store: bytes under the data dir, named by their SHA-256, so
 * the same file sent twice is kept once and a name never decides a path.
 * Metadata (who, what type, what it belongs to) lives in the database; this
 * only keeps bytes. Generic: recordings today, email/SMS/chat files later.
 */
export type AttachmentStore = {
  root: string;
  /** Stores the bytes (once) and names them. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  /** The bytes, or one range of them. */
  read(sha256: string, range?: ByteRange): ReadStream;
  /** Whether the bytes are here: a file removed under the retention policy or by an erasure is not (hub/privacy/). */
  has(sha256: string): Promise<boolean>;
  /** Deletes the bytes for good; the caller has checked no kept record still names them (the store is shared by hash). */
  remove(sha256: string): Promise<void>;
};

export function createAttachmentStore(dataDir: string): AttachmentStore {
  const root = join(dataDir, 'attachments');
  const incoming = join(root, 'incoming');

  return {
    root,
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const target = contentPath(root, sha256);
      if (await exists(target)) return { sha256, size: bytes.length };
      await mkdir(dirname(target), { recursive: true });
      await mkdir(incoming, { recursive: true });
      // Written aside and renamed into place: a reader never sees half a file, and a crash leaves only litter in incoming/.
      const temporary = join(incoming, `${sha256}.${randomBytes(6).toString('hex')}`);
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await rename(temporary, target);
      } finally {
        await rm(temporary, { force: true });
      }
      return { sha256, size: bytes.length };
    },
    read(sha256, range) {
      return createReadStream(contentPath(root, sha256), range ? { start: range.start, end: range.end } : {});
    },
    has: (sha256) => exists(contentPath(root, sha256)),
    async remove(sha256) {
      await rm(contentPath(root, sha256), { force: true });
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
