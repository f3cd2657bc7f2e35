import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * The webhook's HTTP POST with a guard against server-side request forgery: Opastin never connects
 * for a subscription to its own host (loopback), to link-local addresses (169.254.0.0/16 and
 * fe80::/10: cloud metadata services answer there), to "this network" (0.0.0.0/8, ::), multicast
 * or reserved addresses. The check is made on the address actually connected to (the resolver's
 * answer inside the connection, and a literal address before it), so a name that resolves to a
 * public address when the subscription is saved and to a forbidden one later (DNS rebinding) is
 * refused too. The county's private networks (10/8, 172.16/12, 192.168/16, fc00::/7) stay allowed:
 * its client information systems live there. On a closed test network (WEBHOOK_ALLOW_HTTP=on)
 * loopback is allowed as well, since test receivers listen on 127.0.0.1.
 */
const forbidden = new net.BlockList();
forbidden.addSubnet('0.0.0.0', 8, 'ipv4');
forbidden.addSubnet('169.254.0.0', 16, 'ipv4');
forbidden.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
forbidden.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, and the broadcast address
forbidden.addSubnet('100.100.100.200', 32, 'ipv4'); // Alibaba Cloud's metadata service
forbidden.addAddress('::', 'ipv6');
forbidden.addSubnet('fe80::', 10, 'ipv6');
forbidden.addSubnet('ff00::', 8, 'ipv6'); // multicast
forbidden.addAddress('fd00:ec2::254', 'ipv6'); // AWS's metadata service over IPv6
const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An IPv4 address embedded in an IPv6 one (::ffff:a.b.c.d, ::ffff:7f00:1, ::a.b.c.d), or null. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^::(?:ffff:(?:0:)?)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:(?:0:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1]!, 16), lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** Whether Opastin may connect to this IP address for a webhook (null: allowed; otherwise why not). */
export function addressRefusal(address: string, allowLoopback: boolean): string | null {
  const family = net.isIP(address);
  if (family === 0) return 'not an IP address';
  const v4 = family === 6 ? embeddedIpv4(address) : address;
  const [addr, type] = v4 ? [v4, 'ipv4' as const] : [address, 'ipv6' as const];
  if (loopback.check(addr, type)) return allowLoopback ? null : 'loopback';
  if (forbidden.check(addr, type)) return 'link-local, multicast or reserved';
  return null;
}

/** Why a URL whose host is a literal IP address may not be connected to (null: a name, or allowed). */
export function literalHostRefusal(u: URL, allowLoopback: boolean): { host: string; why: string } | null {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const why = net.isIP(host) ? addressRefusal(host, allowLoopback) : null;
  return why ? { host, why } : null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

function refused(hostname: string, address: string, why: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${address} (${why}): Opastin does not send webhooks there`);
  err.code = 'address_not_allowed';
  return err;
}

/** dns.lookup, refusing every answer that is a forbidden address (one is enough to refuse the name). */
function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      for (const a of addresses) {
        const why = addressRefusal(a.address, allowLoopback);
        if (why) return callback(refused(hostname, a.address, why), '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      return callback(null, first.address, first.family);
    });
  };
}

// kept-alive connections per kind (a delivery pass posts many events to one subscriber); each new
// connection resolves its name through the guard
const agents = new Map<string, http.Agent>();
function agentFor(protocol: string, allowLoopback: boolean): http.Agent {
  const key = `${protocol}${allowLoopback}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 4, maxFreeSockets: 4, lookup: guardedLookup(allowLoopback) as unknown as typeof dns.lookup };
    agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

export interface PostResult { status: number }

/**
 * POSTs `body` to `url` and resolves with the response's status (the response body is discarded
 * unread); rejects with an error whose `code` says why (address_not_allowed, ECONNREFUSED,
 * ENOTFOUND, …) or whose name is TimeoutError after `timeoutMs`. Redirects are not followed.
 */
export function guardedPost(url: string, body: string, headers: Record<string, string>, opts: { timeoutMs: number; allowLoopback: boolean }): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch (err) {
      return reject(err as Error);
    }
    // a literal address is connected to without a lookup: checked here
    const literal = literalHostRefusal(u, opts.allowLoopback);
    if (literal) return reject(refused(literal.host, literal.host, literal.why));
    const client = u.protocol === 'https:' ? https : http;
    const signal = AbortSignal.timeout(opts.timeoutMs);
    const req = client.request(u, {
      method: 'POST', signal, agent: agentFor(u.protocol, opts.allowLoopback),
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    }, (res) => {
      const status = res.statusCode ?? 0;
      // the body is never read (nor stored): only the status counts. A short one is drained, so that
      // the connection serves the next delivery; a long one ends the connection
      res.on('error', () => undefined);
      resolve({ status });
      const length = Number(res.headers['content-length'] ?? NaN);
      if (status === 204 || status === 304 || (Number.isFinite(length) && length <= 64 * 1024)) res.resume();
      else res.destroy();
    });
    req.on('error', (err) => reject(signal.aborted ? Object.assign(new Error('timeout'), { name: 'TimeoutError' }) : err));
    req.end(body);
  });
}
