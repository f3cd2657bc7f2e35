/**
 * The webhook POST's guard against server-side request forgery (outbound-http.ts): which addresses
 * Opastin refuses to connect to, checked on literal addresses and on the resolver's answers, against
 * a real HTTP receiver on 127.0.0.1 that counts what reaches it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRefusal, guardedPost } from './outbound-http.js';

describe('addressRefusal', () => {
  it('refuses link-local, metadata, "this network", multicast and reserved addresses, also inside IPv6', () => {
    for (const a of [
      '169.254.169.254', '169.254.0.1', 'fe80::1', 'FE80::abcd', '0.0.0.0', '0.1.2.3', '::', '224.0.0.1', '239.255.255.250', 'ff02::1',
      '255.255.255.255', '240.0.0.1', 'fd00:ec2::254', '100.100.100.200', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '::ffff:0:a9fe:a9fe',
    ]) {
      expect(addressRefusal(a, false), a).toBe('link-local, multicast or reserved');
      expect(addressRefusal(a, true), a).toBe('link-local, multicast or reserved');
    }
  });

  it('refuses loopback unless on a closed test network', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1']) {
      expect(addressRefusal(a, false), a).toBe('loopback');
      expect(addressRefusal(a, true), a).toBeNull();
    }
  });

  it('allows the county\'s private networks and public addresses', () => {
    for (const a of ['10.0.0.1', '172.16.5.4', '192.168.1.1', '100.64.0.1', '8.8.8.8', '193.166.1.1', 'fc00::1', 'fd12:3456::1', '2001:db8::1', '::ffff:10.0.0.1']) {
      expect(addressRefusal(a, false), a).toBeNull();
    }
    expect(addressRefusal('lifecare.example.fi', false)).toBe('not an IP address');
  });
});

describe('guardedPost', () => {
  let server: Server;
  let port = 0;
  const received: { path: string; body: string; signature: string | undefined }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += String(c); });
      req.on('end', () => {
        received.push({ path: req.url ?? '', body, signature: req.headers['opastin-signature'] as string | undefined });
        if (req.url === '/silent') return; // never answers
        if (req.url === '/moved') { res.writeHead(302, { location: '/elsewhere' }).end(); return; }
        res.writeHead(req.url === '/big' ? 500 : 204).end(req.url === '/big' ? 'x'.repeat(1_000_000) : undefined);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const headers = { 'content-type': 'application/cloudevents+json', 'opastin-signature': 't=1,v1=ab' };

  it('posts to loopback on a closed test network: the body and headers arrive, the status comes back', async () => {
    const before = received.length;
    expect(await guardedPost(`http://127.0.0.1:${port}/events`, '{"id":"1"}', headers, { timeoutMs: 5000, allowLoopback: true })).toEqual({ status: 204 });
    expect(received.slice(before)).toEqual([{ path: '/events', body: '{"id":"1"}', signature: 't=1,v1=ab' }]);
  });

  it('refuses a literal loopback address, and a name that resolves to one, before connecting: nothing arrives', async () => {
    const before = received.length;
    for (const url of [`http://127.0.0.1:${port}/events`, `http://localhost:${port}/events`, `http://[::ffff:127.0.0.1]:${port}/events`]) {
      await expect(guardedPost(url, '{}', headers, { timeoutMs: 5000, allowLoopback: false }), url).rejects.toMatchObject({ code: 'address_not_allowed' });
    }
    expect(received.length).toBe(before);
  });

  it('refuses link-local even on a closed test network', async () => {
    await expect(guardedPost('http://169.254.169.254/latest/meta-data/', '{}', headers, { timeoutMs: 5000, allowLoopback: true }))
      .rejects.toMatchObject({ code: 'address_not_allowed' });
  });

  it('does not follow a redirect, does not wait for a large error body, and ends a silent receiver at its time limit', async () => {
    const before = received.length;
    expect(await guardedPost(`http://127.0.0.1:${port}/moved`, '{}', headers, { timeoutMs: 5000, allowLoopback: true })).toEqual({ status: 302 });
    expect(await guardedPost(`http://127.0.0.1:${port}/big`, '{}', headers, { timeoutMs: 5000, allowLoopback: true })).toEqual({ status: 500 });
    await expect(guardedPost(`http://127.0.0.1:${port}/silent`, '{}', headers, { timeoutMs: 300, allowLoopback: true })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(received.slice(before).map((r) => r.path)).toEqual(['/moved', '/big', '/silent']);
  });

  it('a receiver that is not there: the network error\'s code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(guardedPost(`http://127.0.0.1:${free}/`, '{}', headers, { timeoutMs: 5000, allowLoopback: true })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
