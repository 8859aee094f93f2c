import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies the defaults: port 3000, ./data, embedded database, 20 MB uploads, 60 s to read a file', () => {
    const config = loadConfig({}, '/srv/gongkai');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('/srv/gongkai', 'data'),
      databaseUrl: undefined,
      logLevel: 'info',
      maxUploadBytes: 20 * 1024 * 1024,
      importTimeoutMs: 60_000,
      pgSystemUser: 'gongkai-pg',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080', GONGKAI_DATA_DIR: '/var/lib/gongkai', DATABASE_URL: 'postgres://u:p@db/gongkai',
      LOG_LEVEL: 'debug', GONGKAI_MAX_UPLOAD_MB: '5', GONGKAI_ALLOWED_ORIGINS: 'https://gk.example.gov.cn, https://b.example',
      GONGKAI_IMPORT_TIMEOUT_S: '120',
    });
    expect(config.importTimeoutMs).toBe(120_000);
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('/var/lib/gongkai');
    expect(config.databaseUrl).toBe('postgres://u:p@db/gongkai');
    expect(config.maxUploadBytes).toBe(5 * 1024 * 1024);
    expect(config.allowedOrigins).toEqual(['https://gk.example.gov.cn', 'https://b.example']);
  });

  it('fails fast with a Chinese message naming every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', GONGKAI_MAX_UPLOAD_MB: '0', GONGKAI_IMPORT_TIMEOUT_S: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT 应为 0–65535 之间的整数，实际为“abc”');
    expect(message).toContain('DATABASE_URL 应以 postgres:// 或 postgresql:// 开头');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('GONGKAI_MAX_UPLOAD_MB');
    expect(message).toContain('GONGKAI_IMPORT_TIMEOUT_S');
  });

  it('rejects an allowed origin with a path', () => {
    expect(() => loadConfig({ GONGKAI_ALLOWED_ORIGINS: 'https://a.example/x' })).toThrow(/不是来源/);
  });
});

describe('public hosts and the proxy', () => {
  it('reads GONGKAI_PUBLIC_HOSTS and GONGKAI_TRUST_PROXY, refusing a URL where a host is expected', () => {
    const config = loadConfig({ GONGKAI_PUBLIC_HOSTS: 'Gongkai.Example.gov.cn, gongkai.example.gov.cn:8443', GONGKAI_TRUST_PROXY: 'true' });
    expect(config.publicHosts).toEqual(['gongkai.example.gov.cn', 'gongkai.example.gov.cn:8443']);
    expect(config.trustProxy).toBe(true);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ GONGKAI_PUBLIC_HOSTS: 'https://gongkai.example.gov.cn/' })).toThrow('GONGKAI_PUBLIC_HOSTS');
    expect(() => loadConfig({ GONGKAI_TRUST_PROXY: 'maybe' })).toThrow('GONGKAI_TRUST_PROXY');
  });
});
