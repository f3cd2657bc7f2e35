// The newest modification time (ms) of any file below `dir`: whether a build is older than its sources.
import fs from 'node:fs';
import path from 'node:path';

export function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}
