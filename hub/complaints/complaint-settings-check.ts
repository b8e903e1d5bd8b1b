import type { ComplaintSettings } from '../../shared/protocol/complaints';

export type SettingsIssue = { path: string; message: string };

/**
 * What the schema cannot see in an administrator's save: codes used twice
 * (a complaint's category must name one node), targets for codes not in the
 * tree, and a chain naming users who do not exist. Pure.
 */
export function settingsIssues(settings: ComplaintSettings, userIds: ReadonlySet<string>): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const seen = new Set<string>();
  settings.categories.forEach((category, i) => {
    if (seen.has(category.code)) issues.push({ path: `categories.${i}.code`, message: `${category.code} is used twice` });
    seen.add(category.code);
    category.children.forEach((child, j) => {
      if (seen.has(child.code)) issues.push({ path: `categories.${i}.children.${j}.code`, message: `${child.code} is used twice` });
      seen.add(child.code);
    });
  });
  const causes = new Set<string>();
  settings.rootCauses.forEach((cause, i) => {
    if (causes.has(cause.code)) issues.push({ path: `rootCauses.${i}.code`, message: `${cause.code} is used twice` });
    causes.add(cause.code);
  });
  for (const code of Object.keys(settings.sla.byCategory)) {
    if (!seen.has(code)) issues.push({ path: `sla.byCategory.${code}`, message: 'not a category or sub-category' });
  }
  (settings.chain ?? []).forEach((id, i) => {
    if (!userIds.has(id)) issues.push({ path: `chain.${i}`, message: 'no such user' });
  });
  return issues;
}
