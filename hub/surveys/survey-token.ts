import { createHash, randomBytes } from 'node:crypto';

/** A fresh link secret: 128 random bits, base64url (22 characters, SurveyTokenSchema). */
export const newSurveyToken = (): string => randomBytes(16).toString('base64url');

/** What is stored and looked up: a forged or guessed token finds nothing, and the store never holds a usable link. */
export const surveyTokenHash = (token: string): string => createHash('sha256').update(`survey\u0000${token}`).digest('hex');
