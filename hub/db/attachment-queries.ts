import type { Queryable } from './schema';

/** A stored file's record; its bytes are in the attachment store under `sha256`. */
export type Attachment = {
  id: string;
  sha256: string;
  mimeType: string;
  size: number;
  /** What holds it: 'recording', 'chat', 'email', 'email-raw' (a quarantined mail), 'sms', 'upload'. */
  kind: string;
  createdBy: string;
  createdAt: number;
  /** The name it was sent with; absent or null for recordings. */
  name?: string | null;
  /** When its bytes were removed (retention or a customer's erasure, hub/privacy/); absent or null while kept. */
  removedAt?: number | null;
};

export async function insertAttachment(db: Queryable, attachment: Attachment): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      id: attachment.id,
      sha256: attachment.sha256,
      mime_type: attachment.mimeType,
      size: attachment.size,
      kind: attachment.kind,
      created_by: attachment.createdBy,
      created_at: attachment.createdAt,
      name: attachment.name ?? null,
    })
    .execute();
}

export async function findAttachment(db: Queryable, id: string): Promise<Attachment | null> {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  // Postgres hands bigint columns back as strings.
  return {
    id: row.id,
    sha256: row.sha256,
    mimeType: row.mime_type,
    size: Number(row.size),
    kind: row.kind,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    name: row.name,
    removedAt: row.removed_at === null ? null : Number(row.removed_at),
  };
}
