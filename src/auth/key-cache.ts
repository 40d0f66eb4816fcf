/**
 * Who a key is, remembered for `KEY_CACHE_MS` (default 1 s) so a busy key costs one lookup a
 * second instead of one a request. A revocation takes effect within that time on every replica
 * without any message between them (and at once where the revoking command can tell the server:
 * `forget`). Unknown keys are not remembered: a key created a moment ago works at once. Lookups
 * of one key already under way are shared.
 */
import { LRUCache } from 'lru-cache';
import type { Principal } from '../context.js';
import type { Database } from '../db/client.js';
import { findPrincipal, hashKey } from './keys.js';

export class KeyCache {
  private readonly known: LRUCache<string, Principal>;
  private readonly pending = new Map<string, Promise<Principal | null>>();

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
    if (cached) return cached;
    let lookup = this.pending.get(hash);
    if (!lookup) {
      lookup = findPrincipal(this.database, hash).finally(() => this.pending.delete(hash));
      this.pending.set(hash, lookup);
    }
    const principal = await lookup;
    if (principal && this.ttlMs > 0) this.known.set(hash, principal);
    return principal;
  }

  /** Drops every remembered key (after a revocation this process was told about). */
  forget(): void {
    this.known.clear();
  }
}
