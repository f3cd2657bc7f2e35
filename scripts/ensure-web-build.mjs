// Builds the web apps before `npm start` when dist/web is missing or older than the sources.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newest } from './newest.mjs';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web/index.html');

const sources = Math.max(newest(path.join(root, 'src/web')), newest(path.join(root, 'src/domain')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs);
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('Building the web apps (first start or sources changed)…');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}
