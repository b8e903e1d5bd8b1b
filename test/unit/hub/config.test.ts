import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../hub/config';

describe('loadConfig', () => {
  it('has working defaults: SQLite under ./data, port 4310 on loopback, demo seed on', () => {
    const config = loadConfig({}, '/srv/switchboard');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4310,
      store: { kind: 'sqlite', file: join('/srv/switchboard/data', 'switchboard.sqlite') },
      secret: null,
      defaultRegion: 'CN',
      accessTtlSec: 900,
      refreshTtlSec: 30 * 24 * 60 * 60,
      seed: { enabled: true, customers: 2_000, heavyCustomerInteractions: 10_000 },
      paths: { data: '/srv/switchboard/data' },
    });
    expect(config.paths.renderer.endsWith(join('dist', 'renderer'))).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        SWITCHBOARD_DATA: '/var/lib/sb',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/switchboard',
        SWITCHBOARD_SECRET: 'x'.repeat(40),
        DEFAULT_REGION: 'gb',
        ACCESS_TTL_SEC: '60',
        SEED: 'off',
        SEED_CUSTOMERS: '25',
        SEED_HEAVY_INTERACTIONS: '0',
        LOG_LEVEL: 'silent',
      },
      '/',
    );
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      store: { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/switchboard' },
      secret: 'x'.repeat(40),
      defaultRegion: 'GB',
      accessTtlSec: 60,
      seed: { enabled: false, customers: 25, heavyCustomerInteractions: 0 },
      logLevel: 'silent',
      paths: { data: '/var/lib/sb' },
    });
  });

  it('lists every bad variable in one clear error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEFAULT_REGION: 'XX', SWITCHBOARD_SECRET: 'short', SEED: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.problems).toHaveLength(5);
      expect(error.message).toContain('PORT="eighty": must be a whole number');
      expect(error.message).toContain('DATABASE_URL="mysql://x": must be a postgres:// or postgresql:// URL');
      expect(error.message).toContain('DEFAULT_REGION');
      expect(error.message).toContain('SWITCHBOARD_SECRET');
      expect(error.message).toContain('SEED="maybe"');
    }
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000": must be at most 65535/);
  });

  it('runs alone without REDIS_URL, and as a cluster node with it and Postgres', () => {
    expect(loadConfig({}).cluster).toBeNull();
    const node = loadConfig({ DATABASE_URL: 'postgres://db/switchboard', REDIS_URL: 'redis://10.0.0.9:6379', NODE_ID: 'hub2', NODE_URL: 'http://10.0.0.12:4310' });
    expect(node.cluster).toEqual({ redisUrl: 'redis://10.0.0.9:6379', nodeId: 'hub2', advertisedUrl: 'http://10.0.0.12:4310' });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/switchboard', REDIS_URL: 'redis://r:6379', PORT: '4311' }).cluster?.nodeId).toMatch(/-4311$/);
  });

  it('refuses a cluster node on SQLite (one file per process), a bad Redis URL or node name', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL \(several hub nodes\) needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x', REDIS_URL: 'http://r' })).toThrow(/REDIS_URL="http:\/\/r": must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r', NODE_ID: 'hub 1' })).toThrow(/NODE_ID="hub 1"/);
  });
});
