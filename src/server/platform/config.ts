import { z } from 'zod';
import path from 'node:path';

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
    SESSION_IDLE_MINUTES: positiveInt.default(30),
    SESSION_ABSOLUTE_HOURS: positiveInt.default(10),
    SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    LOGIN_MAX_FAILURES: positiveInt.default(5),
    LOGIN_LOCK_MINUTES: positiveInt.default(15),
    CTI_TOKEN: z.string().min(24, 'must be at least 24 characters long').optional(),
    ACCESS_LOG_PERSON_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
    ACCESS_LOG_SIGNING_KEY: z.string().regex(/-----BEGIN PRIVATE KEY-----/, 'must be an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)').optional(),
    // issue 12: days an advice-only contact keeps the data to reach the person after closing (0: erased at closing).
    // RETENTION_DAYS is its old name (once "erase 30 days after closing"), still read when the new one is unset.
    ADVICE_RETENTION_DAYS: z.coerce.number().int().min(0).max(30).optional(),
    RETENTION_DAYS: z.coerce.number().int().min(0).max(30, 'is now ADVICE_RETENTION_DAYS: at most 30 days (an advice contact is not a client document)').optional(),
    CALLBACK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    JOBS: z.enum(['on', 'off']).default('on'),
    PUBLIC_LIMIT_PER_ADDRESS: positiveInt.default(30),
    PUBLIC_LIMIT_PER_PHONE: positiveInt.default(5),
    OIDC_ISSUER: z.string().url('must be the issuer URL of the identity provider').optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
    OIDC_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'must be set in production (at least 32 random characters)' });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'must be set in production (the address residents and staff use)' });
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
  session: { idleMinutes: number; absoluteHours: number; cacheSeconds: number };
  login: { maxFailures: number; lockMinutes: number };
  oidc: { issuer: string; clientId: string; clientSecret: string; rolesClaim: string; allowHttp: boolean } | null;
  ctiToken: string | null;
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
  /** Public forms: submissions per client address per hour, and per phone number per 24 hours. */
  publicLimits: { perAddressPerHour: number; perPhonePerDay: number };
}

/** Never echoed back in an error message: they hold passwords. */
const SECRET_VARIABLES = new Set(['SESSION_SECRET', 'OIDC_CLIENT_SECRET', 'DATABASE_URL', 'CTI_TOKEN', 'ACCESS_LOG_PERSON_KEY', 'ACCESS_LOG_SIGNING_KEY']);

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
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS, cacheSeconds: e.SESSION_CACHE_SECONDS },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES },
    ctiToken: e.CTI_TOKEN ?? null,
    accessLog: { personKey: e.ACCESS_LOG_PERSON_KEY ?? null, signingKeyPem: e.ACCESS_LOG_SIGNING_KEY ?? null },
    adviceRetentionDays: e.ADVICE_RETENTION_DAYS ?? e.RETENTION_DAYS ?? 0,
    callbackAttempts: e.CALLBACK_ATTEMPTS,
    jobs: e.JOBS === 'on',
    publicLimits: { perAddressPerHour: e.PUBLIC_LIMIT_PER_ADDRESS, perPhonePerDay: e.PUBLIC_LIMIT_PER_PHONE },
    oidc: e.OIDC_ISSUER
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET!, rolesClaim: e.OIDC_ROLES_CLAIM, allowHttp: e.OIDC_ALLOW_HTTP === 'true' }
      : null,
  };
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
