import { createHmac } from 'node:crypto';
import { mac, sameSecret, signToken, type TokenCheck, verifyToken } from '../auth/signed-token';
import { z } from 'zod';
import { WidgetIdSchema } from '../../shared/domain/chat';
import { UlidSchema } from '../../shared/domain/ids';

/**
 * Visitor tokens: `vt1.<claims>.<signature>`, signed with a key derived from
 * the hub secret for this purpose only. An agent's access token (`v1.…`,
 * signed with the secret itself) is never a visitor token, and the reverse:
 * the prefixes differ and so do the keys.
 */
const ClaimsSchema = z.object({
  visitorId: UlidSchema,
  conversationId: UlidSchema,
  widgetId: WidgetIdSchema,
  exp: z.number().int().positive(),
});
export type VisitorClaims = z.infer<typeof ClaimsSchema>;

/** A day: a visitor who comes back to the tab tomorrow starts a new chat. */
export const VISITOR_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

const VERSION = 'vt1';

export const visitorKey = (hubSecret: string): string => createHmac('sha256', hubSecret).update('switchboard visitor tokens').digest('hex');

export const signVisitorToken = (claims: VisitorClaims, key: string): string => signToken(VERSION, claims, key);

export type VisitorTokenCheck = TokenCheck<VisitorClaims>;

export const verifyVisitorToken = (token: string, key: string, now: number): VisitorTokenCheck => verifyToken(token, VERSION, ClaimsSchema, key, now);

/** Capability links to chat files: whoever holds the link was given it in the conversation. */
export const fileSignature = (fileId: string, key: string): string => mac(`file.${fileId}`, key).toString('base64url');

export const fileSignatureMatches = (fileId: string, given: string, key: string): boolean => sameSecret(given, fileSignature(fileId, key));
