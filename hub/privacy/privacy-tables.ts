/**
 * Data protection (0020, 0021). `customer_erasures`: one row per erased
 * customer — who erased them, when, why, and how many records went (`counts`,
 * the ErasureCounts as JSON); never the data itself. The attachments table
 * gains `removed_at`/`removed_reason` (0021): the row stays so the timeline
 * can say the file was removed, the bytes are deleted from the store.
 */
export type CustomerErasuresTable = {
  id: string;
  customer_id: string;
  number: string;
  erased_by: string;
  erased_by_name: string;
  erased_at: number;
  reason: string;
  counts: string;
};

/** Why a stored file's bytes were deleted. */
export type RemovedReason = 'retention' | 'erasure';
