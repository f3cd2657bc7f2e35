import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, openDatabase } from './db.js';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opastin-lock-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the real entry point and returns what it printed and how it exited. */
function start(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    });
    let output = '';
    child.stdout.on('data', (d) => { output += String(d); });
    child.stderr.on('data', (d) => { output += String(d); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

describe('data folder lock', () => {
  it('lets one holder in and tells the second who holds it', () => {
    const dir = path.join(tmp, 'a');
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`The data folder ${dir} is in use by another Opastin process (pid ${process.pid}). Stop that process, or set DATA_DIR to another folder.`);
    release();
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = path.join(tmp, 'b');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'opastin.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'opastin.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('refuses to open a PGlite folder another process holds', async () => {
    const dir = path.join(tmp, 'c');
    const release = lockDataDir(dir);
    await expect(openDatabase({ kind: 'embedded', dataDir: dir })).rejects.toThrow(DataDirLockedError);
    release();
  });
});

describe('start-up', () => {
  it('stops with one clear sentence on bad configuration', async () => {
    const { code, output } = await start({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output.trim()).toBe('Configuration error: PORT must be a number (got "eighty").');
  });

  it('stops with a clear message when the data folder is locked', async () => {
    const dir = path.join(tmp, 'd');
    const release = lockDataDir(dir);
    try {
      const { code, output } = await start({ DATA_DIR: dir, PORT: '39999' });
      expect(code).toBe(1);
      expect(output).toContain(`The data folder ${dir} is in use by another Opastin process (pid ${process.pid}).`);
    } finally {
      release();
    }
  });
});
