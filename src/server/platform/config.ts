import { z } from 'zod';
import path from 'node:path';
import { isIP } from 'node:net';

/**
 * Configuration comes only from environment variables, validated once at start-up. A wrong value
 * stops the process with one sentence naming the variable (see main.ts).
 */
const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
    PUBLIC_URL: z.string().url('must be an absolute URL such as https://opastin.example.fi').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DEMO_DATA: z.enum(['auto', 'always', 'never']).default('auto'),
    // issue 15: two years of synthetic contacts, calls and referrals with the demo county (demo-history.ts)
    DEMO_HISTORY: z.enum(['on', 'off']).default('on'),
    SESSION_IDLE_MINUTES: positiveInt.default(30),
    SESSION_ABSOLUTE_HOURS: positiveInt.default(10),
    SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    LOGIN_MAX_FAILURES: positiveInt.default(5),
    // issue 13: failures are remembered this long; past LOGIN_MAX_FAILURES each one makes the next attempt wait longer, up to the cap
    LOGIN_WINDOW_MINUTES: positiveInt.default(24 * 60),
    LOGIN_MAX_DELAY_SECONDS: positiveInt.default(15 * 60),
    // issue 13: who may set X-Forwarded-For: off, a hop count (1 = one load balancer), or the proxies' addresses/CIDRs
    TRUST_PROXY: z.string().default('off').transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'string') { ctx.addIssue({ code: 'custom', message: parsed }); return z.NEVER; }
      return parsed.value;
    }),
    SEARCH_LIMIT_PER_MINUTE: positiveInt.default(120),
    CTI_MAX_FAILURES: positiveInt.default(10),
    CTI_TOKEN: z.string().min(24, 'must be at least 24 characters long').optional(),
    // issue 13: GET /metrics answers only with "Authorization: Bearer <METRICS_TOKEN>"; unset, /metrics does not exist (404)
    METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters long').optional(),
    // issue 13: the API docs page (/api/docs, /api/openapi.json); default on, except off in production
    API_DOCS: z.enum(['on', 'off']).optional(),
    // issue 13: on SIGTERM, time to drain requests and jobs before exiting anyway
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1000).max(600_000).default(25_000),
    ACCESS_LOG_PERSON_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
    ACCESS_LOG_SIGNING_KEY: z.string().regex(/-----BEGIN PRIVATE KEY-----/, 'must be an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)').optional(),
    // issue 12: days an advice-only contact keeps the data to reach the person after closing (0: erased at closing).
    // RETENTION_DAYS is its old name (once "erase 30 days after closing"), still read when the new one is unset.
    ADVICE_RETENTION_DAYS: z.coerce.number().int().min(0).max(30).optional(),
    RETENTION_DAYS: z.coerce.number().int().min(0).max(30, 'is now ADVICE_RETENTION_DAYS: at most 30 days (an advice contact is not a client document)').optional(),
    CALLBACK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    JOBS: z.enum(['on', 'off']).default('on'),
    // issue 19: e-mail over SMTP (smtp://user:pass@host:587 or smtps://…:465); unset: no e-mail is sent (logged as skipped)
    SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://… or smtps://…').optional(),
    MAIL_FROM: z.string().min(3).max(200).default('Opastin <no-reply@localhost>'),
    // text messages: "none" (logged as skipped) or "twilio" (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, SMS_FROM)
    SMS_PROVIDER: z.enum(['none', 'twilio']).default('none'),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio account SID (AC + 32 hex digits)').optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
    SMS_FROM: z.string().min(3).max(20).optional(),
    // webhooks may push to http:// (not https) addresses: only for a closed test network
    WEBHOOK_ALLOW_HTTP: z.enum(['on', 'off']).default('off'),
    PUBLIC_LIMIT_PER_ADDRESS: positiveInt.default(30),
    PUBLIC_LIMIT_PER_PHONE: positiveInt.default(5),
    OIDC_ISSUER: z.string().url('must be the issuer URL of the identity provider').optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
    OIDC_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
    // issue 13: a database that is down or cut off answers with 503 within seconds instead of hanging
    DB_CONNECT_TIMEOUT_MS: positiveInt.default(5000),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
    DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    DB_IDLE_TIMEOUT_MS: positiveInt.default(10_000),
    DB_KEEPALIVE_MS: positiveInt.default(10_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'must be set in production (at least 32 random characters)' });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'must be set in production (the address residents and staff use)' });
    }
    if (env.DB_QUERY_TIMEOUT_MS !== undefined && env.DB_QUERY_TIMEOUT_MS !== 0 && env.DB_STATEMENT_TIMEOUT_MS !== 0 && env.DB_QUERY_TIMEOUT_MS <= env.DB_STATEMENT_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['DB_QUERY_TIMEOUT_MS'], message: 'must be longer than DB_STATEMENT_TIMEOUT_MS (the server ends a slow statement first; this limit is for a server that does not answer)' });
    }
    if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'and OIDC_CLIENT_SECRET must be set when OIDC_ISSUER is set' });
    }
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'postgresql'; url: string } | { kind: 'embedded'; dataDir: string };
  sessionSecret: string;
  publicUrl: string;
  secureCookies: boolean;
  logLevel: string;
  demoData: 'auto' | 'always' | 'never';
  /** Load two years of synthetic history when the demo county is loaded (DEMO_HISTORY). */
  demoHistory: boolean;
  session: { idleMinutes: number; absoluteHours: number; cacheSeconds: number };
  /** Login throttling: free failures, how long failures are remembered, the longest required wait (platform/auth/login-throttle.ts). */
  login: { maxFailures: number; windowMinutes: number; maxDelaySeconds: number };
  /** Fastify's trustProxy: false (default: the socket address is the client), a hop count, or the trusted proxies' addresses. */
  trustProxy: false | number | string[];
  /** Triage and catalogue search: requests per minute per signed-in user or client address. */
  searchLimitPerMinute: number;
  /** Wrong CTI tokens allowed per client address in 15 minutes before 429. */
  ctiMaxFailures: number;
  oidc: { issuer: string; clientId: string; clientSecret: string; rolesClaim: string; allowHttp: boolean } | null;
  ctiToken: string | null;
  /** Bearer token of GET /metrics; null: /metrics is not served. */
  metricsToken: string | null;
  /** Serve the API docs page and the OpenAPI document (API_DOCS; default off in production). */
  apiDocs: boolean;
  /** On SIGTERM/SIGINT: how long draining may take before the process exits anyway. */
  shutdownGraceMs: number;
  /**
   * The access log's keys, kept outside the database: the key of the person hash (HMAC-SHA-256 of
   * the identity code) and the Ed25519 key that signs checkpoints. When unset: generated once into
   * the data folder (embedded database), else derived from SESSION_SECRET (see access-log.ts).
   */
  accessLog: { personKey: string | null; signingKeyPem: string | null };
  /** Days after closing an advice-only contact keeps the data to reach the person (domain/retention.ts); 0 = erased at closing. */
  adviceRetentionDays: number;
  callbackAttempts: number;
  jobs: boolean;
  /** Issue 19: e-mail (null: not configured), text messages, webhooks' http:// addresses. */
  mail: { smtpUrl: string; from: string } | null;
  sms: { provider: 'twilio'; accountSid: string; authToken: string; from: string } | null;
  webhookAllowHttp: boolean;
  /** Public forms: submissions per client address per hour, and per phone number per 24 hours. */
  publicLimits: { perAddressPerHour: number; perPhonePerDay: number };
  /** PostgreSQL server connections (db.ts); not used by the embedded database. */
  dbTimeouts: DatabaseTimeouts;
}

/** Milliseconds; 0 turns a statement, query or idle-in-transaction limit off. */
export interface DatabaseTimeouts {
  /** opening a connection, or waiting for a free one in the pool */
  connectMs: number;
  /** the server ends a statement running longer (statement_timeout) */
  statementMs: number;
  /** the app gives up on a server that does not answer at all (a partition) and drops that connection */
  queryMs: number;
  /** the server ends a session left idle inside a transaction (idle_in_transaction_session_timeout) */
  idleInTransactionMs: number;
  /** an unused pooled connection is closed */
  idleMs: number;
  /** TCP keepalive: first probe after this much silence */
  keepAliveMs: number;
}

/** Never echoed back in an error message: they hold passwords. */
const SECRET_VARIABLES = new Set(['SMTP_URL', 'TWILIO_AUTH_TOKEN', 'SESSION_SECRET', 'OIDC_CLIENT_SECRET', 'DATABASE_URL', 'CTI_TOKEN', 'METRICS_TOKEN', 'ACCESS_LOG_PERSON_KEY', 'ACCESS_LOG_SIGNING_KEY']);

export class ConfigError extends Error {}

const DEVELOPMENT_SECRET = 'development-only-secret-never-use-in-production-0000';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const got = relevant[name] === undefined || SECRET_VARIABLES.has(name) ? '' : ` (got "${String(relevant[name]).slice(0, 60)}")`;
    const message = issue.code === 'invalid_value' || issue.code === 'invalid_type' || issue.code === 'too_small' || issue.code === 'too_big'
      ? describe(issue)
      : issue.message;
    throw new ConfigError(`Configuration error: ${name} ${message}${got}.`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgresql', url: e.DATABASE_URL } : { kind: 'embedded', dataDir: path.resolve(e.DATA_DIR) },
    sessionSecret: e.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    publicUrl,
    secureCookies: e.NODE_ENV === 'production' || publicUrl.startsWith('https://'),
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA,
    demoHistory: e.DEMO_HISTORY === 'on',
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS, cacheSeconds: e.SESSION_CACHE_SECONDS },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, windowMinutes: e.LOGIN_WINDOW_MINUTES, maxDelaySeconds: e.LOGIN_MAX_DELAY_SECONDS },
    trustProxy: e.TRUST_PROXY,
    searchLimitPerMinute: e.SEARCH_LIMIT_PER_MINUTE,
    ctiMaxFailures: e.CTI_MAX_FAILURES,
    ctiToken: e.CTI_TOKEN ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    apiDocs: (e.API_DOCS ?? (e.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    accessLog: { personKey: e.ACCESS_LOG_PERSON_KEY ?? null, signingKeyPem: e.ACCESS_LOG_SIGNING_KEY ?? null },
    adviceRetentionDays: e.ADVICE_RETENTION_DAYS ?? e.RETENTION_DAYS ?? 0,
    callbackAttempts: e.CALLBACK_ATTEMPTS,
    jobs: e.JOBS === 'on',
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    sms: e.SMS_PROVIDER === 'twilio' ? twilioConfig(e) : null,
    webhookAllowHttp: e.WEBHOOK_ALLOW_HTTP === 'on',
    publicLimits: { perAddressPerHour: e.PUBLIC_LIMIT_PER_ADDRESS, perPhonePerDay: e.PUBLIC_LIMIT_PER_PHONE },
    dbTimeouts: {
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      // by default 1 s past the statement limit: a server that answers ends the statement itself first
      queryMs: e.DB_QUERY_TIMEOUT_MS ?? (e.DB_STATEMENT_TIMEOUT_MS === 0 ? 0 : e.DB_STATEMENT_TIMEOUT_MS + 1000),
      idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      idleMs: e.DB_IDLE_TIMEOUT_MS,
      keepAliveMs: e.DB_KEEPALIVE_MS,
    },
    oidc: e.OIDC_ISSUER
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET!, rolesClaim: e.OIDC_ROLES_CLAIM, allowHttp: e.OIDC_ALLOW_HTTP === 'true' }
      : null,
  };
}

function twilioConfig(e: { TWILIO_ACCOUNT_SID?: string; TWILIO_AUTH_TOKEN?: string; SMS_FROM?: string }): NonNullable<Config['sms']> {
  if (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN || !e.SMS_FROM) {
    throw new ConfigError('Configuration error: SMS_PROVIDER twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and SMS_FROM.');
  }
  return { provider: 'twilio', accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, from: e.SMS_FROM };
}

/**
 * TRUST_PROXY: "off" (or "false", "0"), a hop count ("1": one load balancer in front), or a comma
 * list of the proxies' addresses or CIDRs. "true" is refused: it would believe any client's
 * X-Forwarded-For. Returns the problem as a string.
 */
export function parseTrustProxy(raw: string): { value: false | number | string[] } | string {
  const v = raw.trim().toLowerCase();
  if (v === 'off' || v === 'false' || v === '0' || v === '') return { value: false };
  if (v === 'true' || v === 'on') return 'must be a hop count (e.g. 1) or the proxies\' addresses: "true" would believe any client\'s X-Forwarded-For';
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 10 ? { value: hops } : 'must be at most 10 hops';
  }
  const items = v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const item of items) {
    if (item === 'loopback' || item === 'linklocal' || item === 'uniquelocal') continue; // proxy-addr's named ranges
    const [address, prefix, extra] = item.split('/');
    const family = isIP(address ?? '');
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || extra !== undefined) return `must be off, a hop count or a comma list of addresses/CIDRs ("${item.slice(0, 60)}" is none of these)`;
  }
  return { value: items };
}

/**
 * Fastify's trustProxy for the setting. A hop count trusts that many hops nearest the server
 * (Fastify itself ignores a bare number): use it only when the server is reachable solely
 * through the proxies; a list of the proxies' addresses is stricter.
 */
export function trustProxyOption(setting: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return `must be at least ${String(issue.minimum)} characters long`;
      return issue.inclusive === false ? `must be greater than ${String(issue.minimum)}` : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_type':
      return issue.expected === 'int' ? 'must be a whole number' : `must be a ${issue.expected}`;
    default:
      return issue.message;
  }
}

/** A configuration for tests and tools: development defaults over the given variables. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), ...overrides };
}
