/**
 * Fault injection for tests (issue 13): a TCP proxy that fails the network between the app and
 * PostgreSQL, and the real server started as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * A TCP proxy between the app's pool and the PostgreSQL server that can cut (close every link and
 * refuse new ones), blackhole (keep the links open but carry nothing: a network partition) and
 * reset (RST every link) — and heal.
 */
export class FaultProxy {
  mode: 'pass' | 'cut' | 'blackhole' = 'pass';
  private readonly links = new Set<{ client: net.Socket; server: net.Socket }>();
  private readonly listener: net.Server;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.listener = net.createServer((client) => this.accept(client));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.listener.listen(0, '127.0.0.1', resolve));
    this.port = (this.listener.address() as net.AddressInfo).port;
  }

  private accept(client: net.Socket): void {
    if (this.mode === 'cut') { client.destroy(); return; }
    const server = net.connect(this.target.port, this.target.host);
    const link = { client, server };
    this.links.add(link);
    const forward = (from: net.Socket, to: net.Socket) => from.on('data', (chunk) => { if (this.mode === 'pass') to.write(chunk); });
    forward(client, server);
    forward(server, client);
    const drop = () => { client.destroy(); server.destroy(); this.links.delete(link); };
    for (const s of [client, server]) { s.on('error', drop); s.on('close', drop); }
  }

  cut(): void {
    this.mode = 'cut';
    for (const { client, server } of this.links) { client.destroy(); server.destroy(); }
  }

  blackhole(): void { this.mode = 'blackhole'; }

  reset(): void {
    for (const { client, server } of this.links) { client.resetAndDestroy(); server.resetAndDestroy(); }
  }

  heal(): void { this.mode = 'pass'; }

  get open(): number { return this.links.size; }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.listener.close(() => resolve()));
  }
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** Starts the real entry point and waits until /health/ready answers 200. */
export async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string; exited: () => boolean }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', JOBS: 'off', HOST: '127.0.0.1', PORT: String(port), PUBLIC_LIMIT_PER_ADDRESS: '100000', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += String(d); });
  let exited = false;
  const orphan = () => { if (!exited) child.kill('SIGKILL'); }; // never left running after the test process
  process.once('exit', orphan);
  child.on('exit', () => { exited = true; process.off('exit', orphan); });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (exited) throw new Error(`the server exited while starting: ${stderr}`);
    const res = await fetch(`${base}/health/ready`).catch(() => null);
    if (res?.status === 200) return { child, base, exited: () => exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not become ready: ${stderr}`);
}

