import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { precompressPlugin } from './scripts/precompress.js';

// Two entry points: the resident front door at / and the staff app at /tyo/.
export default defineConfig({
  root: 'src/web',
  base: '/',
  // precompress: .br and .gz beside every built file, served as they are (issue 13)
  plugins: [react(), precompressPlugin()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        resident: resolve(import.meta.dirname, 'src/web/index.html'),
        worker: resolve(import.meta.dirname, 'src/web/tyo/index.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
