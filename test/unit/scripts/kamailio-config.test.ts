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

  it('asks the hub at its voice paths with the key, without doubling the slash', () => {
    const config = renderKamailioConfig(template, settings);
    expect(config).toContain(`http_client_query("http://127.0.0.1:4310/api/voice/route", "$var(ask)", "Content-Type: application/json\\r\\nX-Switchboard-Voice-Key: ${'k'.repeat(43)}"`);
    expect(config).toContain('http_client_query("http://127.0.0.1:4310/api/voice/event"');
  });

  it('loads rtpengine only when its control socket is given', () => {
    const without = renderKamailioConfig(template, settings);
    expect(without).not.toContain('#!define WITH_RTPENGINE');
    expect(without).toContain('# rtpengine: not configured');

    const withBridge = renderKamailioConfig(template, { ...settings, rtpengine: { host: '127.0.0.1', port: 2223 } });
    expect(withBridge).toContain('#!define WITH_RTPENGINE\n#!define RTPENGINE_SOCKET "udp:127.0.0.1:2223"');
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
