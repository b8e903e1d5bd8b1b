import { type CustomerPatch, CustomerPatchSchema } from '../../../shared/domain/customer';

export type ProfileFields = { name: string; company: string | null; tags: readonly string[] };
export type ProfileDraft = { name: string; company: string; tags: string };

/** "vip, 北京 ,, vip" → ["vip", "北京"]: trimmed, no blanks, no repeats. Chinese commas count too. */
export function parseTags(input: string): string[] {
  const tags = input
    .split(/[,，、;；\n]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  return [...new Set(tags)];
}

export const draftOf = (profile: ProfileFields): ProfileDraft => ({
  name: profile.name,
  company: profile.company ?? '',
  tags: profile.tags.join(', '),
});

export type DraftResult =
  | { kind: 'patch'; patch: CustomerPatch }
  | { kind: 'no-change' }
  | { kind: 'name-required' }
  | { kind: 'invalid'; fields: ProfileField[] };

export type ProfileField = 'name' | 'company' | 'tags';
const isProfileField = (value: unknown): value is ProfileField => value === 'name' || value === 'company' || value === 'tags';

/**
 * Only the fields the agent actually changed go into the patch: the hub
 * merges field by field, so two agents editing different fields both win.
 */
export function patchFromDraft(original: ProfileFields, draft: ProfileDraft): DraftResult {
  const name = draft.name.trim();
  if (!name) return { kind: 'name-required' };
  const company = draft.company.trim() || null;
  const tags = parseTags(draft.tags);
  const patch: CustomerPatch = {};
  if (name !== original.name) patch.name = name;
  if (company !== original.company) patch.company = company;
  if (tags.length !== original.tags.length || tags.some((tag, i) => tag !== original.tags[i])) patch.tags = tags;
  if (Object.keys(patch).length === 0) return { kind: 'no-change' };
  const checked = CustomerPatchSchema.safeParse(patch);
  if (!checked.success) {
    const fields = new Set(checked.error.issues.map((issue) => issue.path[0]).filter(isProfileField));
    return { kind: 'invalid', fields: [...fields] };
  }
  return { kind: 'patch', patch: checked.data };
}
