import type { z } from 'zod';
import type { CannedResponse } from '../../../shared/domain/chat';
import { UpsertCannedSchema } from '../../../shared/protocol/chat';
import { errorsFromZod, type FieldProblem, type FormResult, NO_ERRORS } from './field-errors';

export type UpsertCanned = z.infer<typeof UpsertCannedSchema>;

/** A shared reply (快捷回复) as its form holds it. */
export type CannedDraft = { id: string; shortcut: string; title: string; text: string };

export const newCannedDraft = (id: string): CannedDraft => ({ id, shortcut: '', title: '', text: '' });

export const draftFromCanned = (reply: CannedResponse): CannedDraft => ({ id: reply.id, shortcut: reply.shortcut, title: reply.title, text: reply.text });

/** The centre-wide ones, by shortcut; an admin's own personal replies are not managed here. */
export const sharedReplies = (replies: readonly CannedResponse[]): CannedResponse[] =>
  replies.filter((reply) => reply.ownerId === null).sort((a, b) => a.shortcut.localeCompare(b.shortcut));

/**
 * The reply to send with scope `shared`. People type the slash they use in
 * the composer (`/hello`), so it is dropped; a shortcut another shared reply
 * already uses is refused, since `/hello` must insert one thing.
 */
export function cannedFromDraft(draft: CannedDraft, others: readonly CannedResponse[]): FormResult<UpsertCanned> {
  const shortcut = draft.shortcut.trim().replace(/^\//, '');
  const own = new Map<string, FieldProblem>();
  if (others.some((reply) => reply.id !== draft.id && reply.shortcut === shortcut)) own.set('shortcut', { kind: 'taken' });
  const parsed = UpsertCannedSchema.safeParse({ id: draft.id, scope: 'shared', shortcut, title: draft.title, text: draft.text });
  if (parsed.success && own.size === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors: new Map([...(parsed.success ? NO_ERRORS : errorsFromZod(parsed.error)), ...own]) };
}
