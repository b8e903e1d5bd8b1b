import { useEffect, useState } from 'react';
import { formatPhone } from '../../../shared/phone/e164';
import type { DialLink } from '../../../shared/protocol/desktop';
import { useT } from '../../i18n/locale-store';
import { type DialHandlerResult, registerDialLinkHandlers } from '../../platform/dial-link-handler';
import { getPlatform } from '../../platform/platform';
import { isRegistered, type ScreenPop } from '../../softphone/call-state';
import { readKnownSipDomain } from '../../softphone/phone-settings';
import { useSync } from '../../sync/context';
import { TierBadge } from '../customer360/TierBadge';
import { useOpenCustomer } from '../search/use-open-customer';
import { type DialLinkOffer, dialLinkTarget } from './dial-link-target';
import { usePhone, usePhoneServices } from './phone-context';
import { lookUpCaller } from './screen-pop';

type Offer = { id: number; link: DialLink; result: DialLinkOffer; pop: ScreenPop };

function OfferPop({ pop }: { pop: ScreenPop }) {
  const t = useT();
  const openCustomer = useOpenCustomer();
  if (pop.kind === 'looking') return <p className="muted">{t('phone.pop.looking')}</p>;
  if (pop.kind === 'known') {
    return (
      <div className="phone-pop is-known" data-testid="dial-link-pop" data-pop="known">
        <TierBadge tier={pop.tier} />
        <button type="button" className="button ghost small" onClick={() => openCustomer(pop.customerId)} data-testid="dial-link-pop-open">
          {t('phone.pop.open', { name: pop.name })}
        </button>
        <span className="muted mono">{pop.number}</span>
      </div>
    );
  }
  if (pop.kind === 'unknown') {
    return (
      <div className="phone-pop is-unknown" data-testid="dial-link-pop" data-pop="unknown">
        {t('phone.pop.unknown')}
      </div>
    );
  }
  return null;
}

/**
 * A tel:/sip: link opened elsewhere (another app, a web page, a CRM) never
 * dials by itself: the phone dock asks "Call …?" with the screen pop of that
 * number, and only the agent's Call places it. A newer link replaces the
 * question; a link we cannot call says why.
 */
export function DialLinkPrompt() {
  const t = useT();
  const services = usePhoneServices();
  const { mutation } = useSync();
  const registered = usePhone(isRegistered);
  const busy = usePhone((state) => state.call !== null);
  const [offer, setOffer] = useState<Offer | null>(null);

  useEffect(() => {
    let live = true;
    let seq = 0;
    const unsubscribe = getPlatform().onDialLink((link) => {
      const id = ++seq;
      void (async () => {
        const domain = link.scheme === 'sip' ? await readKnownSipDomain(mutation.db) : null;
        const result = dialLinkTarget(link, mutation.region, domain);
        if (!live || id !== seq) return;
        setOffer({ id, link, result, pop: { kind: result.ok ? 'looking' : 'none' } });
        if (!result.ok) return;
        const pop = await lookUpCaller(mutation.db, result.target.party);
        if (live) setOffer((current) => (current?.id === id ? { ...current, pop } : current));
      })();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [mutation]);

  if (!offer) return null;
  const { result } = offer;
  const close = () => setOffer(null);

  if (!result.ok) {
    return (
      <section className="phone-card dial-link-prompt" role="alert" aria-label={t('dialLink.title')} data-testid="dial-link-prompt" data-state="refused">
        <div className="phone-card-head">{t('dialLink.title')}</div>
        <p className="phone-address mono">{`${offer.link.scheme}:${offer.link.target}`}</p>
        <p data-testid="dial-link-refused" data-error={result.error}>
          {t(`dialLink.refused.${result.error}`)}
        </p>
        <div className="phone-actions">
          <button type="button" className="button" onClick={close} data-testid="dial-link-cancel">
            {t('dialLink.dismiss')}
          </button>
        </div>
      </section>
    );
  }

  const { party, target } = result.target;
  const shown = party.kind === 'number' ? formatPhone(party.e164) : target;
  const call = () => {
    services.dial(target, party);
    close();
  };
  return (
    <section className="phone-card dial-link-prompt" aria-label={t('dialLink.title')} data-testid="dial-link-prompt" data-state="asking">
      <div className="phone-card-head">{t('dialLink.title')}</div>
      <p className="phone-caller" data-testid="dial-link-question">
        {t('dialLink.confirm', { number: shown })}
      </p>
      <OfferPop pop={offer.pop} />
      {!registered && <p className="muted">{t('phone.unregisteredDial')}</p>}
      {registered && busy && <p className="muted">{t('dialLink.busy')}</p>}
      <div className="phone-actions">
        <button type="button" className="button primary" disabled={!registered || busy} onClick={call} data-testid="dial-link-call">
          {t('phone.dial')}
        </button>
        <button type="button" className="button" onClick={close} data-testid="dial-link-cancel">
          {t('dialLink.cancel')}
        </button>
      </div>
    </section>
  );
}

/** Web mode only: let this browser open tel: and sip: links in the hub's page (Electron registers with the OS itself). */
export function DialLinkSetting() {
  const t = useT();
  const [result, setResult] = useState<DialHandlerResult | null>(null);
  if (getPlatform().kind !== 'web') return null;
  return (
    <div className="phone-settings" data-testid="dial-link-setting">
      <button type="button" className="button ghost small" onClick={() => setResult(registerDialLinkHandlers(window))} data-testid="dial-link-register">
        {t('dialLink.register')}
      </button>
      <p className="muted" role={result ? 'status' : undefined} data-testid="dial-link-register-result">
        {result === null ? t('dialLink.registerHint') : result.ok ? t('dialLink.registered') : t(`dialLink.registerFailed.${result.error}`)}
      </p>
    </div>
  );
}
