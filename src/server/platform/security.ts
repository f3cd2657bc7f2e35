import type { FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifyCompress from '@fastify/compress';
import zlib from 'node:zlib';
import type { Config } from './config.js';

/**
 * The Content-Security-Policy of every response. Both web apps are built by Vite into external
 * module scripts (no inline script anywhere), so scripts come only from this origin. Styles allow
 * 'unsafe-inline' because styled-components (the Suomi.fi components) writes its rules into
 * <style> elements at run time; a style cannot run code. Nothing may frame the apps.
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[] | null> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: https ? [] : null,
  };
}

/**
 * Security headers (helmet): the CSP above, nosniff, no referrer across origins, and HSTS only
 * when the public address is https (HSTS over plain http would be ignored, and on localhost it
 * would pin a developer's browser to https).
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = config.publicUrl.startsWith('https://');
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https) },
    hsts: https ? { maxAge: 365 * 86_400, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
}

/**
 * Responses above 1 KiB go brotli (quality 4: fast enough per request) or gzip, as the client
 * accepts. The web apps' files are compressed at build time (vite.config.ts) and sent as they are
 * by the static handler (platform/web.ts); what already has a Content-Encoding is left alone.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}
