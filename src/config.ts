/**
 * Every setting, read once from the environment and validated. The README lists them all; a bad
 * value stops the process at start with a message naming the variable.
 */
import { LOG_LEVELS, type LogLevel } from './observability/log.js';

export interface Config {
  /** postgres:// URL of a real server; unset means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Load the demo data set into an empty embedded database. */
  demoData: boolean;
  host: string;
  port: number;
  /** Browser origins allowed by CORS; empty means no cross-origin access. */
  corsOrigins: string[];
  maxDepth: number;
  maxCost: number;
  /** Bounds on a document, checked before it runs (README: Limits). */
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxEntities: number;
  maxListItems: number;
  maxInputDepth: number;
  /** The largest request body accepted (HTTP 413 beyond). */
  maxBodyBytes: number;
  introspection: boolean;
  /** Serve `_service { sdl }` to federation gateways; default: as `introspection`. */
  federationSdl: boolean;
  /** Connections in the postgres.js pool. */
  dbPoolSize: number;
  /** Prepared statements on a server (off behind a transaction-pooling PgBouncer). */
  databasePrepare: boolean;
  /** The server cancels a statement that runs longer, and answers 503 (0: never). */
  statementTimeoutMs: number;
  /** Milliseconds SIGTERM waits for requests in flight before closing them. */
  shutdownGraceMs: number;
  logLevel: LogLevel;
  /** `json` (one object per line) or `pretty` (for a terminal). */
  logFormat: 'json' | 'pretty';
  /** Signs cursors; unset: a secret generated on first start and kept in the database. */
  cursorSecret: string | undefined;
  /** How long a known key is remembered before it is looked up again (0: every request). */
  keyCacheMs: number;
  /** Cost points each key may spend per window (0: no budget). */
  rateLimitPoints: number;
  rateLimitWindowMs: number;
  /** A JSON manifest `{ hash: document }`: only its documents run (unset: any document). */
  persistedDocuments: string | undefined;
  /** A streaming replica GraphQL reads go to; writes, keys' fallback and LISTEN stay on DATABASE_URL. */
  databaseReadUrl: string | undefined;
  /**
   * The primary without a transaction pooler in between (default: DATABASE_URL): for what needs a
   * session of its own — LISTEN, the migrations' advisory lock, the job queue.
   */
  databaseDirectUrl: string | undefined;
  /** Open subscriptions one key may hold on one server. */
  maxSubscriptionsPerKey: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be 1 or 0 (or true/false), got "${env[name]}"`);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${env[name]}"`);
  return raw as T;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** `90`, `90s`, `15m` or `1h` in milliseconds (a bare number is seconds); NaN for anything else. */
export function parseDuration(raw: string): number {
  const match = /^(\d+)\s*([smh]?)$/i.exec(raw.trim());
  return match ? Number(match[1]) * UNIT_MS[(match[2] || 's').toLowerCase()]! : NaN;
}

function duration(env: Env, name: string, fallback: string, minMs: number, maxMs: number): number {
  const raw = env[name]?.trim() || fallback;
  const ms = parseDuration(raw);
  if (!(ms >= minMs && ms <= maxMs)) {
    throw new ConfigError(`${name} must be a duration from ${minMs / 1000} s to ${maxMs / 3_600_000} h such as 60s, 15m or 1h, got "${raw}"`);
  }
  return ms;
}

function secret(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32) throw new ConfigError(`${name} must be at least 32 characters (random), got ${raw.length}`);
  return raw;
}

/** A second URL of the server DATABASE_URL names; `primary` says what DATABASE_URL is to it. */
function serverUrl(env: Env, name: string, databaseUrl: string | undefined, primary: string): string | undefined {
  const url = env[name]?.trim() || undefined;
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError(`${name} must start with postgres:// or postgresql://`);
  if (!databaseUrl) throw new ConfigError(`${name} needs DATABASE_URL: ${primary}`);
  return url;
}

export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://`);
  }
  const databaseReadUrl = serverUrl(env, 'DATABASE_READ_URL', databaseUrl, 'the primary every write goes to');
  const databaseDirectUrl = serverUrl(env, 'DATABASE_DIRECT_URL', databaseUrl, 'the pooled connection everything else uses');
  return {
    databaseUrl,
    databaseReadUrl,
    databaseDirectUrl: databaseDirectUrl ?? databaseUrl,
    dataDir: env.DATA_DIR?.trim() || '.data',
    demoData: flag(env, 'DEMO_DATA', true),
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    maxDepth: integer(env, 'MAX_DEPTH', 12, 1, 100),
    maxCost: integer(env, 'MAX_COST', 50_000, 1, 100_000_000),
    maxAliases: integer(env, 'MAX_ALIASES', 30, 0, 10_000),
    maxTokens: integer(env, 'MAX_TOKENS', 2_000, 100, 100_000),
    maxDirectives: integer(env, 'MAX_DIRECTIVES', 20, 0, 10_000),
    maxEntities: integer(env, 'MAX_ENTITIES', 1_000, 1, 100_000),
    maxListItems: integer(env, 'MAX_LIST_ITEMS', 100, 1, 100_000),
    maxInputDepth: integer(env, 'MAX_INPUT_DEPTH', 16, 2, 1_000),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1_000_000, 1_000, 100_000_000),
    introspection: flag(env, 'INTROSPECTION', true),
    federationSdl: flag(env, 'FEDERATION_SDL', flag(env, 'INTROSPECTION', true)),
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    databasePrepare: flag(env, 'DATABASE_PREPARE', true),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 2_000, 0, 3_600_000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
    cursorSecret: secret(env, 'CURSOR_SECRET'),
    keyCacheMs: integer(env, 'KEY_CACHE_MS', 1_000, 0, 60_000),
    rateLimitPoints: integer(env, 'RATE_LIMIT_POINTS', 1_000_000, 0, 1_000_000_000_000),
    rateLimitWindowMs: duration(env, 'RATE_LIMIT_WINDOW', '60s', 1_000, 86_400_000),
    persistedDocuments: env.PERSISTED_DOCUMENTS?.trim() || undefined,
    maxSubscriptionsPerKey: integer(env, 'MAX_SUBSCRIPTIONS_PER_KEY', 10, 0, 10_000),
  };
}
