import { useState } from 'react';
import { ChannelIcon } from '../../app/icons';
import { useT } from '../../i18n/locale-store';
import { useShallow } from 'zustand/react/shallow';
import { type RingingOffer, toastOffers } from '../../store/routing';
import { TierBadge } from '../customer360/TierBadge';
import { formatTimer, secondsLeft } from './inbox-logic';
import { useAcceptOffer, useNow, useRouting, useRoutingServices } from './routing-context';
import { useTaskCustomer } from './useTaskCustomer';

function OfferCard({ offer, first }: { offer: RingingOffer; first: boolean }) {
  const t = useT();
  const { client } = useRoutingServices();
  const accept = useAcceptOffer();
  const live = useRouting((state) => state.live);
  const task = useRouting((state) => state.tasks.find((candidate) => candidate.id === offer.taskId));
  const cached = useTaskCustomer(task?.customerId ?? null);
  const customer = offer.customer ?? cached;
  const now = useNow(250);
  const [busy, setBusy] = useState(false);
  if (!task) return null;
  const left = secondsLeft(offer.expiresAt, now);
  const channel = t(`channel.${task.channel}`);
  const disabledTitle = live ? undefined : t('routing.needsHub');
  const act = (run: () => Promise<unknown>) => {
    setBusy(true);
    void run().finally(() => setBusy(false));
  };
  return (
    <div
      className={`offer-card${left <= 5 ? ' is-urgent' : ''}`}
      role="alertdialog"
      aria-label={t('offer.title', { channel })}
      data-testid="offer-toast"
      data-task-id={task.id}
      data-channel={task.channel}
    >
      <div className="offer-head">
        <span className="offer-channel">
          <ChannelIcon channel={task.channel} className="icon" />
          {t('offer.title', { channel })}
        </span>
        <output className="offer-countdown mono" data-testid="offer-countdown" aria-label={t('offer.expiresIn', { time: formatTimer(left) })}>
          {formatTimer(left)}
        </output>
      </div>
      <div className="offer-customer">
        <span className="offer-name">{customer?.name ?? t('inbox.unknownCustomer')}</span>
        {customer && <TierBadge tier={customer.tier} />}
        {customer && <span className="mono muted">{customer.number}</span>}
      </div>
      <p className="offer-subject">{task.subject}</p>
      <div className="offer-actions">
        <button
          type="button"
          className="button ghost"
          disabled={!live || busy}
          title={disabledTitle}
          aria-keyshortcuts={first ? 'Alt+D' : undefined}
          onClick={() => act(() => client.decline(task.id))}
          data-testid="offer-decline"
        >
          {t('offer.decline')} {first && <kbd>Alt+D</kbd>}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!live || busy}
          title={disabledTitle}
          aria-keyshortcuts={first ? 'Alt+A' : undefined}
          onClick={() => act(() => accept(task.id))}
          data-testid="offer-accept"
        >
          {t('offer.accept')} {first && <kbd>Alt+A</kbd>}
        </button>
      </div>
    </div>
  );
}

/** Ringing offers, newest at the bottom; the keyboard shortcuts answer the oldest. */
export function OfferToasts() {
  const t = useT();
  const offers = useRouting(useShallow(toastOffers));
  if (offers.length === 0) return null;
  return (
    <section className="offer-stack" aria-label={t('offer.region')} aria-live="assertive">
      {offers.map((offer, index) => (
        <OfferCard key={offer.taskId} offer={offer} first={index === 0} />
      ))}
    </section>
  );
}
