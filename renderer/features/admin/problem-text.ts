import type { MessageKey, Translate } from '../../i18n/translate';
import type { FieldErrors, FieldProblem, FormatHint } from './field-errors';

const HINTS: Record<FormatHint, MessageKey> = {
  time: 'admin.hint.time',
  date: 'admin.hint.date',
  'away-code': 'admin.hint.awayCode',
  skill: 'admin.hint.skill',
  'widget-id': 'admin.hint.widgetId',
  origin: 'admin.hint.origin',
  shortcut: 'admin.hint.shortcut',
  'sip-user': 'admin.hint.sipUser',
};

/** One field problem as a sentence in the admin's language. */
export function problemText(t: Translate, problem: FieldProblem): string {
  switch (problem.kind) {
    case 'required':
      return t('admin.problem.required');
    case 'choose':
      return t('admin.problem.choose');
    case 'too-long':
      return t('admin.problem.tooLong', { limit: problem.limit });
    case 'too-few':
      return t('admin.problem.tooFew', { count: problem.limit });
    case 'too-many':
      return t('admin.problem.tooMany', { count: problem.limit });
    case 'too-small':
      return problem.inclusive ? t('admin.problem.atLeast', { limit: problem.limit }) : t('admin.problem.above', { limit: problem.limit });
    case 'too-big':
      return t('admin.problem.atMost', { limit: problem.limit });
    case 'not-number':
      return t('admin.problem.notNumber');
    case 'not-whole':
      return t('admin.problem.notWhole');
    case 'format':
      return problem.hint ? t(HINTS[problem.hint]) : t('admin.problem.format');
    case 'duplicate':
      return t('admin.problem.duplicate');
    case 'taken':
      return t('admin.problem.taken');
    case 'reserved':
      return t('admin.problem.reserved');
    case 'unknown-zone':
      return t('admin.problem.unknownZone');
    case 'open-before-close':
      return t('admin.problem.openBeforeClose');
    case 'self-overflow':
      return t('admin.problem.selfOverflow');
    case 'key-above-vip':
      return t('admin.problem.keyAboveVip');
    case 'unknown-queue':
      return t('admin.problem.unknownQueue');
    case 'overflow-loop':
      return t('admin.problem.overflowLoop');
    case 'no-chat':
      return t('admin.problem.noChat');
    case 'no-calls':
      return t('admin.problem.noCalls');
    case 'agent-extension':
      return t('admin.problem.agentExtension');
    case 'origin-line':
      return t('admin.problem.originLine', { line: problem.line });
    case 'hub-refused':
      return t('admin.problem.hubRefused');
  }
}

/** The first problem among `paths` (a row and its fields), as text; null when they are all fine. */
export function problemAt(t: Translate, errors: FieldErrors, paths: readonly string[]): string | null {
  for (const path of paths) {
    const problem = errors.get(path);
    if (problem) return problemText(t, problem);
  }
  return null;
}
