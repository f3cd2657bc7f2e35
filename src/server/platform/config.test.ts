import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults for development: embedded database in ./data', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: 'development', port: 3000, publicUrl: 'http://localhost:3000', secureCookies: false, demoData: 'auto' });
    expect(c.database).toMatchObject({ kind: 'embedded' });
    expect((c.database as { dataDir: string }).dataDir).toMatch(/\/data$/);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/opastin' }).database).toEqual({ kind: 'postgresql', url: 'postgres://u@db:5432/opastin' });
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be a number (got "abc").'],
    [{ PORT: '70000' }, 'Configuration error: PORT must be at most 65535 (got "70000").'],
    [{ DATABASE_URL: 'mysql://x' }, 'Configuration error: DATABASE_URL must be a postgres:// or postgresql:// URL.'],
    [{ NODE_ENV: 'prod' }, 'Configuration error: NODE_ENV must be one of development, production, test (got "prod").'],
    [{ NODE_ENV: 'production', PUBLIC_URL: 'https://a.fi' }, 'Configuration error: SESSION_SECRET must be set in production (at least 32 random characters).'],
    [{ SESSION_SECRET: 'short' }, 'Configuration error: SESSION_SECRET must be at least 32 characters long.'],
    [{ PUBLIC_URL: 'not a url' }, 'Configuration error: PUBLIC_URL must be an absolute URL such as https://opastin.example.fi (got "not a url").'],
    [{ OIDC_ISSUER: 'https://idp.example.fi' }, 'Configuration error: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set when OIDC_ISSUER is set.'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'Configuration error: SESSION_IDLE_MINUTES must be greater than 0 (got "0").'],
  ])('stops with one sentence naming the variable: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a secret back', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'hunter2' })).toThrow(/^(?!.*hunter2)/);
  });

  it('uses Secure cookies in production and behind https', () => {
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://opastin.example.fi', SESSION_SECRET: 'x'.repeat(40) }).secureCookies).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://opastin.example.fi' }).secureCookies).toBe(true);
  });
});

describe('ADVICE_RETENTION_DAYS (issue 12)', () => {
  it('defaults to 0 (erased when the contact closes), takes 0–30, and still reads the old RETENTION_DAYS', () => {
    expect(loadConfig({}).adviceRetentionDays).toBe(0);
    expect(loadConfig({ ADVICE_RETENTION_DAYS: '7' }).adviceRetentionDays).toBe(7);
    expect(loadConfig({ RETENTION_DAYS: '14' }).adviceRetentionDays).toBe(14);
    expect(loadConfig({ RETENTION_DAYS: '14', ADVICE_RETENTION_DAYS: '3' }).adviceRetentionDays).toBe(3);
    expect(() => loadConfig({ ADVICE_RETENTION_DAYS: '31' })).toThrow('ADVICE_RETENTION_DAYS must be at most 30');
    expect(() => loadConfig({ RETENTION_DAYS: '60' })).toThrow(/RETENTION_DAYS must be at most 30/);
  });
});
