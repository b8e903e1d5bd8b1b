import { z } from 'zod';

/** ULIDs are made by whoever creates a record (desktop or hub), so offline work needs no server round trip. */
export const UlidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'expected a ULID');
export type Ulid = z.infer<typeof UlidSchema>;

/** Milliseconds since the Unix epoch; every timestamp on the wire and in every store. */
export const EpochMsSchema = z.number().int().nonnegative();
