import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KAMAILIO_TEMPLATE } from '../../../scripts/kamailio';
import { type KamailioSettings, KamailioConfigError, renderKamailioConfig } from '../../../scripts/kamailio-config';

const template = readFileSync(KAMAILIO_TEMPLATE, 'utf8');

const settings: KamailioSettings = {
  listenAddress: '127.0.0.1',
  sipPort: 5060,
  wsPort: 5066,
  domain: 'Switchboard.Local',
  hubUrl: 'http://127.0.0.1:4310/',
  voiceKey: 'k'.repeat(43),
  maxAttempts: 200,
};

describe('renderKamailioConfig', () => {
  it('fills every placeholder of the shipped template', () => {
    const config = renderKamailioConfig(template, settings);
    expect(config).not.toMatch(/\{\{[A-Z_]+\}\}/);
    expect(config).toContain('listen=udp:127.0.0.1:5060');
    expect(config).toContain('listen=tcp:127.0.0.1:5060');
    expect(config).toContain('listen=tcp:127.0.0.1:5066');
    expect(config).toContain('if ($Rp != 5066)');
    expect(config).toContain('alias="switchboard.local"');
    expect(config).toContain('if ($avp(attempt) > 200)');
  });

  it('gives local aliases a port, so UAs on the same address are not taken for the server', () => {
    const aliases = renderKamailioConfig(template, settings)
      .split('\n')
      .filter((line) => line.startsWith('alias='));
    expect(aliases).toEqual(['alias="127.0.0.1:5060"', 'alias="127.0.0.1:5066"', 'alias="switchboard.local"']);
  });

  it('asks the hub at its voice paths on one kept-alive connection holding the key, without doubling the slash', () => {
    const config = renderKamailioConfig(template, settings);
    expect(config).toContain(`modparam("http_client", "httpcon", "hub=>http://kamailio:${'k'.repeat(43)}@127.0.0.1:4310")`);
    expect(config).toContain('http_connect("hub", "/api/voice/route", "application/json", "$var(ask)", "$var(answer)")');
    expect(config).toContain('http_connect("hub", "/api/voice/event", "application/json", "$var(event)", "$var(eventAnswer)")');
    expect(config).not.toContain('http_client_query');
  });

  it('loads rtpengine only when its control socket is given', () => {
    const without = renderKamailioConfig(template, settings);
    expect(without).not.toContain('#!define WITH_RTPENGINE');
    expect(without).toContain('# rtpengine: not configured');

    const withBridge = renderKamailioConfig(template, { ...settings, rtpengine: { host: '127.0.0.1', port: 2223 } });
    expect(withBridge).toContain('#!define WITH_RTPENGINE\n#!define RTPENGINE_SOCKET "udp:127.0.0.1:2223"');
  });

  it('leaves authentication, overflow and the flood limit off unless asked, trusting 127.0.0.1 as a trunk', () => {
    const config = renderKamailioConfig(template, settings);
    expect(config).not.toContain('#!define WITH_AUTH');
    expect(config).toContain('# authentication: OFF');
    expect(config).not.toContain('#!define OVERFLOW_URI');
    expect(config).not.toContain('#!define WITH_PIKE');
    expect(config).toContain('#!define TRUSTED_TRUNKS "127.0.0.1/32"');
  });

  it('turns on authentication with the shared secret, the trunks given, the overflow and the flood limit', () => {
    const config = renderKamailioConfig(template, {
      ...settings,
      auth: { secret: 's'.repeat(40) },
      trustedTrunks: ['203.0.113.0/24', '198.51.100.7/32'],
      overflow: 'sip:supervisor@switchboard.local',
      floodLimit: { requests: 40, perSeconds: 2 },
    });
    expect(config).toContain(`#!define WITH_AUTH\n#!define AUTH_SECRET "${'s'.repeat(40)}"`);
    expect(config).toContain('#!define TRUSTED_TRUNKS "203.0.113.0/24,198.51.100.7/32"');
    expect(config).toContain('#!define OVERFLOW_URI "sip:supervisor@switchboard.local"');
    expect(config).toContain('#!define WITH_PIKE\n#!define PIKE_REQUESTS 40\n#!define PIKE_SAMPLING_SEC 2');
    // The realm agents' phones are challenged in is the SIP domain.
    expect(config).toContain('auth_challenge("switchboard.local", "1")');
  });

  it('trusts no trunk when given none', () => {
    expect(renderKamailioConfig(template, { ...settings, trustedTrunks: [] })).not.toContain('#!define TRUSTED_TRUNKS');
  });

  const badPolicies: [string, Partial<KamailioSettings>, string][] = [
    ['an auth secret with a quote', { auth: { secret: `${'s'.repeat(40)}"; exit; "` } }, 'auth.secret'],
    ['a short auth secret', { auth: { secret: 'short' } }, 'auth.secret'],
    ['a trunk that is not a subnet', { trustedTrunks: ['127.0.0.1'] }, 'trustedTrunks.0'],
    ['a trunk with a quote', { trustedTrunks: ['127.0.0.1/32"'] }, 'trustedTrunks.0'],
    ['an overflow that is not a SIP URI', { overflow: 'tel:+8613800138000' }, 'overflow'],
    ['an overflow with a quote', { overflow: 'sip:a@b"; exit; "' }, 'overflow'],
    ['a flood limit of zero', { floodLimit: { requests: 0, perSeconds: 2 } }, 'floodLimit.requests'],
  ];
  it.each(badPolicies)('refuses %s, naming the setting', (_case, change, field) => {
    expect(() => renderKamailioConfig(template, { ...settings, ...change })).toThrow(new RegExp(`${field.replace('.', '\\.')}:`));
  });

  it.each([
    ['a key with a quote', { voiceKey: `${'k'.repeat(40)}"; exit; "` }, 'voiceKey'],
    ['a short key', { voiceKey: 'short' }, 'voiceKey'],
    ['a hub URL with a quote', { hubUrl: 'http://hub"x' }, 'hubUrl'],
    ['a hub URL that is not http', { hubUrl: 'ftp://hub.example' }, 'hubUrl'],
    ['a domain with a newline', { domain: 'switchboard.local\nlisten=udp:0.0.0.0:5060' }, 'domain'],
    ['a hostname as the listen address', { listenAddress: 'localhost' }, 'listenAddress'],
    ['the same port for SIP and WebSocket', { wsPort: 5060 }, 'wsPort'],
    ['a port out of range', { sipPort: 70_000 }, 'sipPort'],
    ['no attempts', { maxAttempts: 0 }, 'maxAttempts'],
    ['an rtpengine host that is not an address', { rtpengine: { host: 'rtp"engine', port: 2223 } }, 'rtpengine.host'],
  ] as const)('refuses %s, naming the setting', (_case, change, field) => {
    expect(() => renderKamailioConfig(template, { ...settings, ...change })).toThrow(KamailioConfigError);
    expect(() => renderKamailioConfig(template, { ...settings, ...change })).toThrow(new RegExp(`${field}:`));
  });

  it('refuses a template that names a setting it does not know', () => {
    expect(() => renderKamailioConfig('listen=udp:{{LISTEN_ADDRESS}}:{{SIP_PROT}}', settings)).toThrow('unknown settings: SIP_PROT');
  });
});

describe('the wait fallback', () => {
  it('re-asks a parked caller after a minute unless told otherwise, and takes the wake only with the voice key', () => {
    expect(renderKamailioConfig(template, settings)).toContain('#!define WAIT_FALLBACK_SEC 60');
    const config = renderKamailioConfig(template, { ...settings, waitFallbackSec: 5 });
    expect(config).toContain('#!define WAIT_FALLBACK_SEC 5');
    expect(config).toContain(`if ($hdr(X-Switchboard-Voice-Key) != "${'k'.repeat(43)}")`);
  });

  it('refuses a fallback of zero or over an hour', () => {
    expect(() => renderKamailioConfig(template, { ...settings, waitFallbackSec: 0 })).toThrow(KamailioConfigError);
    expect(() => renderKamailioConfig(template, { ...settings, waitFallbackSec: 3_601 })).toThrow(/waitFallbackSec/);
  });
});
