// Compiles the server to JavaScript (dist/server, dist/domain) before `npm start` when it is missing
// or older than the sources; production runs `node dist/server/main.js` (issue 13: no tsx at run time).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newest } from './newest.mjs';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/server/main.js');

const sources = Math.max(
  newest(path.join(root, 'src/server')), newest(path.join(root, 'src/domain')),
  fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs, fs.statSync(path.join(root, 'tsconfig.build.json')).mtimeMs,
);
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('Compiling the server (first start or sources changed)…');
  const started = Date.now();
  try {
    execSync('npx tsc -p tsconfig.build.json', { cwd: root, stdio: 'inherit' });
  } catch (err) {
    // tsc writes the JavaScript despite type errors; like tsx did, start with it and say so
    // (`npm run build`, which CI and the container image run, fails on them)
    if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < started - 1000) throw err;
    console.warn('The server has type errors (above); starting it anyway. `npm run typecheck` lists them.');
  }
}
