// Build-time compression of the web apps (issue 13): every compressible file in dist/web above
// 1 KiB gets a .br (brotli, quality 11) and a .gz (gzip, level 9) beside it, which the static
// handler sends as they are (platform/web.ts, @fastify/static preCompressed). Used by vite.config.ts.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;

export function precompress(dir: string): { files: number; bytes: number; br: number; gz: number } {
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) { walk(p); continue; }
      if (!COMPRESSIBLE.test(entry.name)) continue;
      const data = fs.readFileSync(p);
      if (data.length < 1024) continue;
      const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
      const gz = zlib.gzipSync(data, { level: 9 });
      fs.writeFileSync(`${p}.br`, br);
      fs.writeFileSync(`${p}.gz`, gz);
      totals.files++; totals.bytes += data.length; totals.br += br.length; totals.gz += gz.length;
    }
  };
  walk(dir);
  return totals;
}

export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'opastin-precompress',
    apply: 'build',
    configResolved(config) { outDir = config.build.outDir; },
    closeBundle() {
      const t = precompress(outDir);
      this.info?.(`precompressed ${t.files} files: ${(t.bytes / 1024).toFixed(0)} KiB → ${(t.br / 1024).toFixed(0)} KiB br, ${(t.gz / 1024).toFixed(0)} KiB gzip`);
    },
  };
}
