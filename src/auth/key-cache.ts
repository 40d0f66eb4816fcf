/**
 * Who a key is, remembered for `KEY_CACHE_MS` (default 1 s) so a busy key costs one lookup a
 * second instead of one a request. A revocation is announced on `KEY_CHANNEL` and forgotten at
 * once by every server listening; the time limit bounds it where the announcement is lost.
 * Unknown keys are not remembered: a key created a moment ago works at once. Lookups of one key
 * already under way are shared.
 *
 * It also notes which keys were used, for `key:list`; `flushUse` writes them, each key at most
 * once a minute, so a busy key costs no write per request.
 */
import { LRUCache } from 'lru-cache';
import type { Principal } from '../context.js';
import type { Database } from '../db/client.js';
import { findPrincipal, hashKey, recordKeyUse } from './keys.js';

/** How stale `last_used_at` may be, at most. */
const USE_WRITE_INTERVAL_MS = 60_000;

export class KeyCache {
  private readonly known: LRUCache<string, Principal>;
  private readonly pending = new Map<string, Promise<Principal | null>>();
  /** Key id → when this process last wrote its use (0: used, not yet written). */
  private readonly useWritten = new Map<string, number>();

  constructor(
    private readonly database: Database,
    private readonly ttlMs: number,
    max = 10_000,
  ) {
    this.known = new LRUCache({ max, ttl: Math.max(ttlMs, 1), ttlAutopurge: false });
  }

  async find(key: string): Promise<Principal | null> {
    const hash = hashKey(key);
    const cached = this.ttlMs > 0 ? this.known.get(hash) : undefined;
    const principal = cached ?? (await this.lookUp(hash));
    if (principal && !this.useWritten.has(principal.keyId)) this.useWritten.set(principal.keyId, 0);
    return principal;
  }

  private async lookUp(hash: string): Promise<Principal | null> {
    let lookup = this.pending.get(hash);
    if (!lookup) {
      lookup = findPrincipal(this.database, hash).finally(() => this.pending.delete(hash));
      this.pending.set(hash, lookup);
    }
    const principal = await lookup;
    if (principal && this.ttlMs > 0) this.known.set(hash, principal);
    return principal;
  }

  /** Drops every remembered key (after a revocation was announced). */
  forget(): void {
    this.known.clear();
  }

  /** Writes `last_used_at` of the keys used since, skipping those written in the last minute. */
  async flushUse(now = Date.now()): Promise<void> {
    const due: string[] = [];
    for (const [id, writtenAt] of this.useWritten) {
      if (writtenAt === 0) due.push(id);
      else if (now - writtenAt >= USE_WRITE_INTERVAL_MS) this.useWritten.delete(id); // used again: noted anew
    }
    if (!due.length) return;
    await recordKeyUse(this.database.db, due);
    for (const id of due) this.useWritten.set(id, now);
  }
}
