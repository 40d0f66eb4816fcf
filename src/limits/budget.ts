/**
 * A budget per key, in cost points: `RATE_LIMIT_POINTS` per `RATE_LIMIT_WINDOW`, in fixed windows
 * aligned to the epoch (so every replica agrees when one ends without asking the others).
 *
 * Each replica admits from what it knows: the total every replica had spent at its last sync plus
 * what it admitted since. `sync` (once a second) adds its own spend to the shared row and reads
 * the total back — one statement per second per replica, none per request. So with N replicas a
 * key can overspend by what N−1 others admit within one sync interval, and never more.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { keyBudgetSpend } from '../db/schema.js';

export interface BudgetSettings {
  /** Points per window; 0 turns budgets off. */
  points: number;
  windowMs: number;
}

export interface Allowance {
  allowed: boolean;
  limit: number;
  /** Points left after this operation (when allowed) or now (when not). */
  remaining: number;
  /** When the window ends and the budget is whole again, ms since the epoch. */
  resetAt: number;
}

interface Spend {
  windowStart: number;
  /** The total of every replica, as of the last sync. */
  shared: number;
  /** Admitted here and being added to the shared row right now. */
  sending: number;
  /** Admitted here since. */
  unsent: number;
}

export class KeyBudgets {
  private readonly spends = new Map<string, Spend>();
  private windowSeen = 0;

  constructor(
    private readonly database: Database,
    readonly settings: BudgetSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  now(): number {
    return this.clock();
  }

  get enabled(): boolean {
    return this.settings.points > 0;
  }

  private windowStartOf(now: number): number {
    return Math.floor(now / this.settings.windowMs) * this.settings.windowMs;
  }

  private spendOf(keyId: string, now: number): Spend {
    const windowStart = this.windowStartOf(now);
    let spend = this.spends.get(keyId);
    if (!spend || spend.windowStart !== windowStart) {
      spend = { windowStart, shared: 0, sending: 0, unsent: 0 };
      this.spends.set(keyId, spend);
    }
    return spend;
  }

  /** Spends `cost` (at least 1) of the key's budget when what is left covers it. */
  charge(keyId: string, cost: number, now = this.clock()): Allowance {
    const spend = this.spendOf(keyId, now);
    const price = Math.max(1, cost);
    const left = this.leftOf(spend);
    const allowed = price <= left;
    if (allowed) spend.unsent += price;
    return this.allowance(spend, allowed);
  }

  /** The key's budget as it stands, spending nothing. */
  peek(keyId: string, now = this.clock()): Allowance {
    return this.allowance(this.spendOf(keyId, now), true);
  }

  private leftOf(spend: Spend): number {
    return Math.max(0, this.settings.points - spend.shared - spend.sending - spend.unsent);
  }

  private allowance(spend: Spend, allowed: boolean): Allowance {
    return { allowed, limit: this.settings.points, remaining: this.leftOf(spend), resetAt: spend.windowStart + this.settings.windowMs };
  }

  /** Adds this replica's spend to the shared totals and reads them back; past windows are dropped. */
  async sync(now = this.clock()): Promise<void> {
    if (!this.enabled) return;
    const windowStart = this.windowStartOf(now);
    const sending: { key_id: string; spent: number }[] = [];
    for (const [keyId, spend] of this.spends) {
      if (spend.windowStart !== windowStart) {
        this.spends.delete(keyId);
        continue;
      }
      spend.sending = spend.unsent;
      spend.unsent = 0;
      sending.push({ key_id: keyId, spent: spend.sending });
    }
    if (windowStart !== this.windowSeen) {
      this.windowSeen = windowStart;
      await this.database.rows(
        sql`/* keyBudget.dropPast */ delete from ${keyBudgetSpend} where window_start < ${new Date(windowStart).toISOString()}::timestamptz`,
      );
    }
    if (!sending.length) return;
    let totals: { key_id: string; spent: string | number }[];
    try {
      totals = await this.database.rows(sql`/* keyBudget.sync */
        insert into ${keyBudgetSpend} (key_id, window_start, spent)
        select r.key_id, ${new Date(windowStart).toISOString()}::timestamptz, r.spent
        from jsonb_to_recordset(${JSON.stringify(sending)}::jsonb) as r(key_id text, spent bigint)
        on conflict (key_id, window_start) do update set spent = ${keyBudgetSpend}.spent + excluded.spent
        returning key_id, spent`);
    } catch (error) {
      for (const { key_id } of sending) this.returnUnsent(key_id, windowStart);
      throw error;
    }
    for (const { key_id, spent } of totals) {
      const spend = this.spends.get(key_id);
      if (spend?.windowStart !== windowStart) continue;
      spend.shared = Number(spent);
      spend.sending = 0;
    }
  }

  /** A failed sync: what was being sent is sent with the next one. */
  private returnUnsent(keyId: string, windowStart: number): void {
    const spend = this.spends.get(keyId);
    if (spend?.windowStart !== windowStart) return;
    spend.unsent += spend.sending;
    spend.sending = 0;
  }
}
