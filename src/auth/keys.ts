/**
 * API keys: random, shown once, stored as sha256 (they carry 190 bits of entropy, so a fast hash
 * is enough and keeps the per-request lookup cheap). A key's id (`key_` and 12 hex digits of its
 * hash) names it in `key:list`, `key:revoke` and logs; it cannot be turned back into the key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { apiKeys, type KeyRole } from '../db/schema.js';
import { ensureMerchant } from '../ingest/write.js';
import type { Principal } from '../context.js';

export const KEY_ROLES: readonly KeyRole[] = ['viewer', 'editor'];

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export const keyIdOf = (keyHash: string): string => `key_${keyHash.slice(0, 12)}`;

/** The channel a revocation is announced on, so running servers forget the key at once. */
export const KEY_CHANNEL = 'gateway_keys';

export function generateKey(): string {
  return `ohg_${randomBytes(24).toString('base64url')}`;
}

/** Stores `key` (a new random one when omitted) for the merchant, creating the merchant if new. */
export async function createKey(
  db: Db,
  merchantId: string,
  role: KeyRole,
  options: { key?: string; label?: string } = {},
): Promise<string> {
  const key = options.key ?? generateKey();
  const keyHash = hashKey(key);
  await ensureMerchant(db, merchantId);
  await db
    .insert(apiKeys)
    .values({ keyHash, id: keyIdOf(keyHash), merchantId, role, label: options.label ?? null })
    .onConflictDoNothing();
  return key;
}

/** The principal of the key whose sha256 is `keyHash`, or null for an unknown or revoked one. */
export async function findPrincipal(database: Database, keyHash: string): Promise<Principal | null> {
  const [row] = await database.rows<Principal>(
    sql`/* apiKeys.find */ select id as "keyId", merchant_id as "merchantId", role from ${apiKeys}
        where key_hash = ${keyHash} and revoked_at is null`,
  );
  return row ?? null;
}

export interface KeyListing {
  id: string;
  merchantId: string;
  role: KeyRole;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every key (of one merchant, when given), oldest first; never the key or its hash. */
export function listKeys(db: Db, merchantId?: string): Promise<KeyListing[]> {
  const { id, merchantId: merchant, role, label, createdAt, lastUsedAt, revokedAt } = apiKeys;
  return db
    .select({ id, merchantId: merchant, role, label, createdAt, lastUsedAt, revokedAt })
    .from(apiKeys)
    .where(merchantId === undefined ? undefined : eq(apiKeys.merchantId, merchantId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

/** Revokes the key and tells running servers; `unknown` for an id no key has. */
export async function revokeKey(database: Database, id: string): Promise<'revoked' | 'already revoked' | 'unknown'> {
  const [row] = await database.db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, id));
  if (!row) return 'unknown';
  if (row.revokedAt) return 'already revoked';
  await database.db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  await database.notify(KEY_CHANNEL, id);
  return 'revoked';
}

/** Marks the keys as used now (the key cache calls it for the keys it saw, at most once a minute each). */
export async function recordKeyUse(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(inArray(apiKeys.id, [...ids]));
}

export async function countKeys(db: Db, merchantId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(eq(apiKeys.merchantId, merchantId));
  return row?.n ?? 0;
}
