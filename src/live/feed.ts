/**
 * The live history feed of one server process. Every statement that inserts history announces,
 * at commit, the merchant and the range of `written_seq` numbers its rows got (the trigger of
 * `drizzle/0009_live_history.sql`, over NOTIFY), whichever process wrote them. For a merchant with
 * subscribers the feed reads those rows once, in the order they were written, and hands each to
 * every subscriber of that merchant whose filter keeps it. Ranges of concurrent writers may
 * overlap, so numbers already handed out are remembered and skipped.
 */
import { sql } from 'drizzle-orm';
import { KEY_CHANNEL } from '../auth/keys.js';
import type { Principal } from '../context.js';
import type { Database } from '../db/client.js';
import { loggable } from '../http/masking.js';
import type { Logger } from '../observability/log.js';
import { HISTORY_SOURCES, historyKind } from '../schema/history/event.js';
import { label } from '../schema/scoped.js';
import { historyUnion } from '../schema/timeline/source.js';
import { Subscriber, type SubscriberFilter } from './subscriber.js';

export const HISTORY_CHANNEL = 'history_written';

/** Numbers handed out that a merchant's feed remembers, to skip them in an overlapping range. */
const REMEMBERED = 50_000;
/** Rows read per statement while catching up on one announced range. */
const BATCH = 500;

export interface FeedLimits {
  maxSubscriptionsPerKey: number;
  /** Records a subscriber may leave unread before it is dropped. */
  maxQueued: number;
}

interface Written {
  merchant: string;
  low: number;
  high: number;
}

function parseWritten(payload: string): Written | null {
  try {
    const value = JSON.parse(payload) as Partial<Written>;
    return typeof value.merchant === 'string' && Number.isSafeInteger(value.low) && Number.isSafeInteger(value.high)
      ? (value as Written)
      : null;
  } catch {
    return null;
  }
}

export class TooManySubscriptions extends Error {}

export class HistoryFeed {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly openPerKey = new Map<string, number>();
  /** Per merchant: the numbers handed out, oldest first (a Set keeps insertion order). */
  private readonly handedOut = new Map<string, Set<number>>();
  /** Per merchant: the reads under way, one after another so records go out in order. */
  private readonly reading = new Map<string, Promise<void>>();
  private readonly unlisten: Promise<(() => Promise<void>) | undefined>[] = [];
  private stopped = false;
  /** The four tables read with every field, built on first use (the kinds register at import). */
  private union: ReturnType<typeof historyUnion> | undefined;

  constructor(
    private readonly database: Database,
    readonly limits: FeedLimits,
    private readonly logger: Logger,
  ) {}

  start(): void {
    const listen = (channel: string, onMessage: (payload: string) => void) =>
      this.database.listen(channel, onMessage).catch((error: unknown) => {
        this.logger.warn({ error: loggable(error), channel }, 'cannot listen; live history is not delivered');
        return undefined;
      });
    this.unlisten.push(listen(HISTORY_CHANNEL, (payload) => this.announced(payload)));
    this.unlisten.push(listen(KEY_CHANNEL, (keyId) => this.revoked(keyId)));
  }

  /** Resolves once listening (a test then writes, knowing the notice will be heard). */
  async listening(): Promise<void> {
    await Promise.all(this.unlisten);
  }

  get open(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /** A new subscriber of the principal's merchant, or TooManySubscriptions for its key. */
  subscribe(principal: Principal, filter: SubscriberFilter): Subscriber {
    if (this.stopped) throw new Error('the server is stopping');
    const open = this.openPerKey.get(principal.keyId) ?? 0;
    if (open >= this.limits.maxSubscriptionsPerKey) throw new TooManySubscriptions();
    const subscriber = new Subscriber(principal, filter, this.limits.maxQueued, () => this.remove(subscriber));
    this.openPerKey.set(principal.keyId, open + 1);
    let set = this.subscribers.get(principal.merchantId);
    if (!set) this.subscribers.set(principal.merchantId, (set = new Set()));
    set.add(subscriber);
    return subscriber;
  }

  private remove(subscriber: Subscriber): void {
    const set = this.subscribers.get(subscriber.principal.merchantId);
    if (!set?.delete(subscriber)) return;
    if (set.size === 0) {
      this.subscribers.delete(subscriber.principal.merchantId);
      this.handedOut.delete(subscriber.principal.merchantId);
    }
    const keyId = subscriber.principal.keyId;
    const open = (this.openPerKey.get(keyId) ?? 1) - 1;
    if (open > 0) this.openPerKey.set(keyId, open);
    else this.openPerKey.delete(keyId);
  }

  private revoked(keyId: string): void {
    for (const set of this.subscribers.values()) {
      for (const subscriber of set) if (subscriber.principal.keyId === keyId) subscriber.revoke();
    }
  }

  private announced(payload: string): void {
    const written = parseWritten(payload);
    if (!written || !this.subscribers.has(written.merchant)) return;
    const previous = this.reading.get(written.merchant) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(written)).catch((error: unknown) => {
      this.logger.error({ error: loggable(error), merchant: written.merchant }, 'cannot read written history for the live feed');
    });
    this.reading.set(written.merchant, next);
    void next.then(() => {
      if (this.reading.get(written.merchant) === next) this.reading.delete(written.merchant);
    });
  }

  private async deliver({ merchant, low, high }: Written): Promise<void> {
    // Read once for every subscriber, whatever each selects: every field of every kind.
    const union = (this.union ??= historyUnion(
      HISTORY_SOURCES,
      new Set(HISTORY_SOURCES.flatMap((source) => Object.keys(historyKind(source).shape.fields))),
    ));
    for (let from = low; from <= high && this.subscribers.has(merchant); from += BATCH) {
      const to = Math.min(high, from + BATCH - 1);
      const rows = await this.database.rows<Record<string, unknown>>(
        sql`${label('Subscription.historyEvents')} select ${union.select}, tl.order_id as "__order", tl.sort_id as "__sort",
            tl.written_seq::text as "__seq"
          from ${union.relation.from}
          where ${union.relation.merchant} = ${merchant} and tl.written_seq between ${from} and ${to}
          order by tl.written_seq`,
      );
      for (const row of rows) {
        if (!this.firstTime(merchant, Number(row.__seq))) continue;
        const node = union.toNode(row);
        const record = { node, orderId: row.__order as string | null, sortKey: `${node.source}\u0000${String(row.__sort)}` };
        for (const subscriber of this.subscribers.get(merchant) ?? []) subscriber.offer(record);
      }
    }
  }

  private firstTime(merchant: string, seq: number): boolean {
    let seen = this.handedOut.get(merchant);
    if (!seen) this.handedOut.set(merchant, (seen = new Set()));
    if (seen.has(seq)) return false;
    seen.add(seq);
    if (seen.size > REMEMBERED) seen.delete(seen.values().next().value!);
    return true;
  }

  /** Ends every stream cleanly (SIGTERM) and stops listening. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const set of [...this.subscribers.values()]) for (const subscriber of [...set]) subscriber.end();
    for (const unlisten of await Promise.all(this.unlisten)) await unlisten?.().catch(() => undefined);
  }
}

