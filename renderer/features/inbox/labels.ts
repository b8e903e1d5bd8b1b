import type { AgentState, AwayReason } from '../../../shared/domain/routing';
import { en, type MessageKey } from '../../i18n/catalogue-en';
import type { Translate } from '../../i18n/translate';

const isKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** A reason code in the agent's language when we know it, else the admin's label, else the code. */
export function awayReasonLabel(t: Translate, code: string, reasons: readonly AwayReason[]): string {
  const key = `away.${code}`;
  if (isKey(key)) return t(key);
  return reasons.find((reason) => reason.code === code)?.label ?? code;
}

/** Queue dispositions are admin strings; the common ones have translations. */
export function dispositionLabel(t: Translate, disposition: string): string {
  const key = `disposition.${disposition}`;
  return isKey(key) ? t(key) : disposition;
}

export function agentStateLabel(t: Translate, state: AgentState | null, reasons: readonly AwayReason[]): string {
  if (!state) return t('agentState.unknown');
  switch (state.status) {
    case 'available':
      return t('agentState.available');
    case 'offline':
      return t('agentState.offline');
    case 'wrap-up':
      return t('agentState.wrapUp');
    case 'away':
      return t('agentState.away', { reason: awayReasonLabel(t, state.reasonCode, reasons) });
  }
}
