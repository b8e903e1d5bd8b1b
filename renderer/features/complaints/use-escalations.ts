import { useEffect } from 'react';
import type { ComplaintEscalationNotice } from '../../../shared/protocol/complaints';
import { complaintNumberOf } from '../../../shared/protocol/complaints';
import { useLocale } from '../../i18n/locale-store';
import { type Translate, translate } from '../../i18n/translate';
import { getPlatform } from '../../platform/platform';
import { useComplaintClient } from './use-complaints';
import { useComplaintUi } from './complaint-store';

/** "CP-1A2B3C4D for Li Na: resolution target breached" — the toast's and the OS notification's words. */
export function escalationText(t: Translate, notice: ComplaintEscalationNotice): string {
  return t(`complaints.escalation.${notice.reason}`, {
    number: complaintNumberOf(notice.complaintId),
    customer: notice.customerName,
    clock: t(notice.clock === 'first-response' ? 'complaints.clock.firstResponse' : 'complaints.clock.resolution'),
    level: notice.level,
  });
}

/** `complaint:escalation` from the hub: an in-app toast, and an OS notification (once per key). */
export function useEscalations(): void {
  const client = useComplaintClient();
  useEffect(
    () =>
      client.onEscalation((notice) => {
        const seen = useComplaintUi.getState().escalations.some((e) => e.key === notice.key);
        useComplaintUi.getState().escalated(notice);
        if (seen) return;
        const locale = useLocale.getState().locale;
        const t: Translate = (key, params) => translate(locale, key, params);
        getPlatform().notify(t('complaints.escalation.title'), escalationText(t, notice));
      }),
    [client],
  );
}
