import { isSupportedCountry } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { checkDestination, HOME_ONLY, looksDialled, parseDestinationRule } from '../../../../hub/voice/dial-policy';

describe('checkDestination', () => {
  it('normalises what an agent types to E.164 with the home region', () => {
    expect(checkDestination('13800138000', 'CN', HOME_ONLY)).toEqual({ ok: true, e164: '+8613800138000' });
    expect(checkDestination('02088886666', 'CN', HOME_ONLY)).toEqual({ ok: true, e164: '+862088886666' });
    expect(checkDestination('+8613800138000', 'CN', HOME_ONLY)).toEqual({ ok: true, e164: '+8613800138000' });
    expect(checkDestination('0086-138-0013-8000', 'CN', HOME_ONLY)).toEqual({ ok: true, e164: '+8613800138000' });
    // A 400 number is shared-cost, not premium: a business line customers call every day.
    expect(checkDestination('4008123456', 'CN', HOME_ONLY)).toEqual({ ok: true, e164: '+864008123456' });
  });

  it('refuses what is not a valid number: short codes, too few digits, a number no range holds', () => {
    for (const dialled of ['110', '12', '+8616812345678', '+', '1380013800012345678']) {
      expect(checkDestination(dialled, 'CN', HOME_ONLY)).toMatchObject({ ok: false, refusal: 'not-a-number' });
    }
  });

  it('refuses another country unless it or all international calls are allowed', () => {
    expect(checkDestination('+442079460018', 'CN', HOME_ONLY)).toEqual({ ok: false, refusal: 'destination-not-allowed', reason: 'calls to GB are not allowed' });
    expect(checkDestination('+442079460018', 'CN', { ...HOME_ONLY, regions: ['GB'] })).toEqual({ ok: true, e164: '+442079460018' });
    expect(checkDestination('+16175550123', 'CN', { ...HOME_ONLY, regions: ['GB'] })).toMatchObject({ ok: false, refusal: 'destination-not-allowed' });
    expect(checkDestination('+16175550123', 'CN', { ...HOME_ONLY, international: true })).toEqual({ ok: true, e164: '+16175550123' });
  });

  it('refuses premium-rate lines, at home or abroad, unless premium is allowed', () => {
    expect(checkDestination('09098790000', 'GB', HOME_ONLY)).toEqual({ ok: false, refusal: 'destination-not-allowed', reason: 'calls to premium-rate numbers are not allowed' });
    expect(checkDestination('+19005550123', 'CN', { ...HOME_ONLY, international: true })).toMatchObject({ ok: false, refusal: 'destination-not-allowed' });
    expect(checkDestination('09098790000', 'GB', { ...HOME_ONLY, premium: true })).toEqual({ ok: true, e164: '+449098790000' });
  });
});

describe('looksDialled', () => {
  it('takes digits (with a leading +) as a number, names and queue words not', () => {
    expect(['13800138000', '+8613800138000', '020-8888-6666'].map(looksDialled)).toEqual([true, true, true]);
    expect(['support', 'agent1', 'nosuchqueue', '+', '-1'].map(looksDialled)).toEqual([false, false, false, false, false]);
  });
});

describe('parseDestinationRule', () => {
  it('reads international, premium and regions in any case; empty is the home region only', () => {
    expect(parseDestinationRule('', isSupportedCountry)).toEqual({ ok: true, rule: HOME_ONLY });
    expect(parseDestinationRule(' hk, MO ,Premium', isSupportedCountry)).toEqual({ ok: true, rule: { international: false, premium: true, regions: ['HK', 'MO'] } });
    expect(parseDestinationRule('INTERNATIONAL', isSupportedCountry)).toEqual({ ok: true, rule: { international: true, premium: false, regions: [] } });
  });

  it('names every token it does not know', () => {
    expect(parseDestinationRule('HK,everywhere,ZZ', isSupportedCountry)).toEqual({ ok: false, unknown: ['everywhere', 'ZZ'] });
  });
});
