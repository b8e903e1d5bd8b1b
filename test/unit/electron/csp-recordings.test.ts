import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../../electron/csp';

const mediaSources = (hubUrl: string): string[] =>
  buildContentSecurityPolicy({ hubUrl })
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === 'media-src')
    ?.slice(1) ?? [];

describe('the desktop window plays call recordings from its hub', () => {
  it('lets <audio> load from the hub’s origin, and from no other server', () => {
    expect(mediaSources('https://hub.example.com:8443/base')).toEqual(["'self'", 'data:', 'blob:', 'mediastream:', 'https://hub.example.com:8443']);
    expect(mediaSources('javascript:alert(1)')).toEqual(["'self'", 'data:', 'blob:', 'mediastream:']);
  });
});
