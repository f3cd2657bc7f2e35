import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/support.js';
import { loadConfig } from './config.js';
import { registerCompression } from './security.js';
import { registerWeb } from './web.js';
import { precompress } from '../../../scripts/precompress.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

let t: TestApp;
let https: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { metricsToken: METRICS_TOKEN } });
  https = await createTestApp({ database: t.database, config: { publicUrl: 'https://opastin.example.fi', apiDocs: false } });
});
afterAll(async () => {
  await https.close();
  await t.close();
});

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('security headers (issue 13)', () => {
  it('sends a strict CSP, nosniff and frame-ancestors none on API answers and pages; HSTS only on https', async () => {
    const res = await t.app.inject({ url: '/api/public/lines' });
    expect(res.statusCode).toBe(200);
    const csp = directives(String(res.headers['content-security-policy']));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // errors carry them too
    const missing = await t.app.inject({ url: '/api/public/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const secure = await https.app.inject({ url: '/api/public/lines' });
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(String(secure.headers['content-security-policy'])).has('upgrade-insecure-requests')).toBe(true);
  });

  it('serves /metrics only with the bearer token, and not at all without METRICS_TOKEN', async () => {
    await t.app.inject({ url: '/api/public/service-promise?receivedAt=2026-11-23T10:00:00Z' });
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const wrong = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('Bearer');
    expect(wrong.body).not.toContain('opastin_http');
    const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('opastin_http_request_duration_seconds_bucket');
    expect(res.body).toContain('route="/api/public/service-promise"');
    expect(res.body).not.toContain('receivedAt');
    // no METRICS_TOKEN: no /metrics
    expect((await https.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).statusCode).toBe(404);
  });

  it('serves the API docs unless API_DOCS=off, which is the default in production', async () => {
    expect((await t.app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/openapi.json' })).statusCode).toBe(200);
    expect((await https.app.inject({ url: '/api/docs/' })).statusCode).toBe(404);
    expect((await https.app.inject({ url: '/api/openapi.json' })).statusCode).toBe(404);
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://opastin.example.fi' };
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: 'on' }).apiDocs).toBe(true);
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 24 characters long\.$/);
  });
});

describe('compression (issue 13)', () => {
  it('compresses API answers above 1 KiB with brotli or gzip as accepted, and leaves small ones alone', async () => {
    const plain = await t.app.inject({ url: '/api/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const small = await t.app.inject({ url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json().status).toBe('ok');
  });

  it('writes .br and .gz beside built files and the static handler sends them as they are', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'opastin-web-'));
    try {
      fs.mkdirSync(path.join(dist, 'assets'));
      const js = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `sana${i}`))};\n`;
      fs.writeFileSync(path.join(dist, 'assets', 'app-abc.js'), js);
      fs.writeFileSync(path.join(dist, 'index.html'), `<!doctype html><html><head><script type="module" src="/assets/app-abc.js"></script></head><body>${'<p>hei</p>'.repeat(200)}</body></html>`);
      fs.writeFileSync(path.join(dist, 'assets', 'font.woff2'), Buffer.alloc(4096, 7));
      const totals = precompress(dist);
      expect(totals.files).toBe(2);
      expect(fs.existsSync(path.join(dist, 'assets', 'app-abc.js.br'))).toBe(true);
      expect(fs.existsSync(path.join(dist, 'assets', 'app-abc.js.gz'))).toBe(true);
      expect(fs.existsSync(path.join(dist, 'assets', 'font.woff2.br'))).toBe(false);
      // mark the prebuilt file, so that serving it (and not compressing on the fly) shows
      fs.writeFileSync(path.join(dist, 'assets', 'app-abc.js.br'), zlib.brotliCompressSync(`${js}// prebuilt\n`));

      const app = Fastify({ logger: false });
      await registerCompression(app);
      await registerWeb(app, dist);
      const br = await app.inject({ url: '/assets/app-abc.js', headers: { 'accept-encoding': 'gzip, br' } });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toContain('javascript');
      expect(br.headers['vary']).toContain('accept-encoding');
      expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(`${js}// prebuilt\n`);
      const gz = await app.inject({ url: '/assets/app-abc.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(js);
      const none = await app.inject({ url: '/assets/app-abc.js' });
      expect(none.headers['content-encoding']).toBeUndefined();
      expect(none.body).toBe(js);
      const page = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
      expect(page.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(page.rawPayload).toString()).toContain('/assets/app-abc.js');
      await app.close();
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
