import type { Tier } from '../../../shared/domain/customer';
import { useT } from '../../i18n/locale-store';

/** 重要客户 / 次要客户 / 普通客户 / 小客户 — the tier pyramid, coloured so a VIP stands out on screen pop. */
export function TierBadge({ tier }: { tier: Tier }) {
  const t = useT();
  return (
    <span className={`tier tier-${tier}`} title={t('customer.tier')} data-testid="tier-badge" data-tier={tier}>
      {t(`tier.${tier}`)}
    </span>
  );
}
