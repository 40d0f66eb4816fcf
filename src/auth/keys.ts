/**
 * API keys: random, shown once, stored as sha256 (they carry 190 bits of entropy, so a fast hash
 * is enough and keeps the per-request lookup cheap).
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { apiKeys, type KeyRole } from '../db/schema.js';
import { ensureMerchant } from '../ingest/write.js';
import type { Principal } from '../context.js';

export const KEY_ROLES: readonly KeyRole[] = ['viewer', 'editor'];

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

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
  await ensureMerchant(db, merchantId);
  await db
    .insert(apiKeys)
    .values({ keyHash: hashKey(key), merchantId, role, label: options.label ?? null })
    .onConflictDoNothing();
  return key;
}

/** The principal of the key whose sha256 is `keyHash`, or null for an unknown one. */
export async function findPrincipal(database: Database, keyHash: string): Promise<Principal | null> {
  const [row] = await database.rows<Principal>(
    sql`/* apiKeys.find */ select merchant_id as "merchantId", role from ${apiKeys} where key_hash = ${keyHash}`,
  );
  return row ?? null;
}

export async function countKeys(db: Db, merchantId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(eq(apiKeys.merchantId, merchantId));
  return row?.n ?? 0;
}
