import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** The built web apps; `WEB_DIST` points elsewhere (parallel builds in development, a separate artefact folder). */
export const WEB_DIST = process.env.WEB_DIST ? path.resolve(process.env.WEB_DIST) : path.resolve(import.meta.dirname, '../../../dist/web');

/**
 * Serves the built web apps: the resident front door at `/`, the staff app at `/tyo/`.
 * Returns a fallback for client-side routes (a deep link into either app gets its index.html).
 */
export async function registerWeb(app: FastifyInstance, dist = WEB_DIST): Promise<((req: FastifyRequest, reply: FastifyReply) => FastifyReply | null) | null> {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return null;
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    index: ['index.html'],
    redirect: true,
    cacheControl: false,
    // the .br and .gz files written at build time (scripts/precompress.ts), chosen by Accept-Encoding
    preCompressed: true,
    setHeaders: (res, file) => {
      res.raw.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req, reply) => {
    if (req.method !== 'GET' || req.url.startsWith('/api/') || !String(req.headers.accept ?? '').includes('text/html')) return null;
    const file = req.url.startsWith('/tyo/') ? 'tyo/index.html' : 'index.html';
    return reply.code(200).header('cache-control', 'no-cache').sendFile(file);
  };
}
