/**
 * Who a key is, remembered for `KEY_CACHE_MS` (default 1 s) so a busy key costs one lookup a
 * second instead of one a request. A revocation is announced on `KEY_CHANNEL` and forgotten at
 * once by every server listening; the time limit bounds it where the announcement is lost.
 * Unknown keys are not remembered: a key created a moment ago works at once. Lookups of one key
 * already under way are shared. With a read replica, keys are looked up there first and on the
 * primary when the replica does not know them (yet); a key revoked on the primary stays refused
 * here even while the replica still holds it as it was.
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
  private readonly reads: Database;
  private readonly known: LRUCache<string, Principal>;
  private readonly pending = new Map<string, Promise<Principal | null>>();
  /** Ids announced revoked: refused whatever a lagging replica says. */
  private readonly revoked = new LRUCache<string, true>({ max: 100_000 });
  /** Key id → when this process last wrote its use (0: used, not yet written). */
  private readonly useWritten = new Map<string, number>();

  constructor(
    private readonly database: Database,
    private readonly ttlMs: number,
    { max = 10_000, reads = database }: { max?: number; reads?: Database } = {},
  ) {
    this.reads = reads;
    this.known = new LRUCache({ max, ttl: Math.max(ttlMs, 1), ttlAutopurge: false });
  }

  async find(key: string): Promise<Principal | null> {
    const hash = hashKey(key);
    const cached = this.ttlMs > 0 ? this.known.get(hash) : undefined;
    const found = cached ?? (await this.lookUp(hash));
    const principal = found && this.revoked.has(found.keyId) ? null : found;
    if (principal && !this.useWritten.has(principal.keyId)) this.useWritten.set(principal.keyId, 0);
    return principal;
  }

  private async lookUp(hash: string): Promise<Principal | null> {
    let lookup = this.pending.get(hash);
    if (!lookup) {
      lookup = this.lookUpOnce(hash).finally(() => this.pending.delete(hash));
      this.pending.set(hash, lookup);
    }
    const principal = await lookup;
    if (principal && this.ttlMs > 0) this.known.set(hash, principal);
    return principal;
  }

  private async lookUpOnce(hash: string): Promise<Principal | null> {
    const principal = await findPrincipal(this.reads, hash);
    return principal ?? (this.reads === this.database ? null : findPrincipal(this.database, hash));
  }

  /** Drops every remembered key (a revocation was announced), and refuses `keyId` from now on. */
  forget(keyId?: string): void {
    if (keyId) this.revoked.set(keyId, true);
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
