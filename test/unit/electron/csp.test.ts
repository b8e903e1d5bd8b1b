import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, SIP_WEBSOCKET_SOURCES, withContentSecurityPolicy } from '../../../electron/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  const policy = directives(buildContentSecurityPolicy({ hubUrl: 'http://127.0.0.1:4310/', extraConnectSources: SIP_WEBSOCKET_SOURCES }));

  it('denies by default and allows only our own scripts (no inline, no eval)', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('lets the renderer reach the hub over HTTP and socket.io, and the SIP server over WebSocket', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:4310', 'ws://127.0.0.1:4310', 'wss:', 'ws:']);
  });

  it('uses wss for an https hub', () => {
    const connect = directives(buildContentSecurityPolicy({ hubUrl: 'https://hub.example.com:8443/base' })).get('connect-src');
    expect(connect).toEqual(["'self'", 'https://hub.example.com:8443', 'wss://hub.example.com:8443']);
  });

  it('lets call audio play', () => {
    expect(policy.get('media-src')).toEqual(expect.arrayContaining(['blob:', 'mediastream:']));
  });

  it('adds nothing for a hub URL it cannot use', () => {
    for (const hubUrl of ['not a url', 'javascript:alert(1)', "http://x'; script-src *"]) {
      const connect = directives(buildContentSecurityPolicy({ hubUrl })).get('connect-src') ?? [];
      expect(connect.join(' ')).not.toMatch(/\*|javascript|script-src/);
    }
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces every spelling of an existing policy header and keeps the rest', () => {
    const headers = {
      'content-type': ['text/html'],
      'Content-Security-Policy': ['default-src *'],
      'content-security-policy': 'script-src *',
    };
    expect(withContentSecurityPolicy(headers, "default-src 'none'")).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': ["default-src 'none'"],
    });
  });
});
