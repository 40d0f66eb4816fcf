/**
 * One open subscription: a bounded queue of the records the feed offers it, read as an async
 * iterator. A reader that falls `maxQueued` records behind is dropped (the stream ends with
 * SLOW_CONSUMER) rather than buffered without bound; a revoked key ends it with UNAUTHENTICATED.
 */
import { GraphQLError } from 'graphql';
import type { Principal } from '../context.js';
import type { HistoryNode, HistorySource } from '../schema/history/event.js';

export interface SubscriberFilter {
  orderId: string | null;
  sources: readonly HistorySource[] | null;
}

export interface LiveRecord {
  node: HistoryNode;
  orderId: string | null;
  /** Source and sort id: what the catch-up read of the same record also knows it by. */
  sortKey: string;
}

/** What a reader gets: a record, or the error that ends the stream. */
export type LiveItem = LiveRecord | GraphQLError;

export class Subscriber implements AsyncIterableIterator<LiveItem> {
  private readonly queue: LiveRecord[] = [];
  private waiting: ((result: IteratorResult<LiveItem>) => void) | undefined;
  private ending: GraphQLError | undefined;
  private done = false;

  constructor(
    readonly principal: Principal,
    private readonly filter: SubscriberFilter,
    private readonly maxQueued: number,
    private readonly onClose: () => void,
  ) {}

  offer(record: LiveRecord): void {
    if (this.done || this.ending) return;
    if (this.filter.orderId !== null && record.orderId !== this.filter.orderId) return;
    if (this.filter.sources && !this.filter.sources.includes(record.node.source)) return;
    if (this.waiting) return this.resolve({ value: record, done: false });
    if (this.queue.length >= this.maxQueued) {
      return this.fail(
        new GraphQLError(`This subscription fell ${this.maxQueued} records behind and was closed; read faster, or subscribe again with \`after\`.`, {
          extensions: { code: 'SLOW_CONSUMER' },
        }),
      );
    }
    this.queue.push(record);
  }

  revoke(): void {
    this.fail(new GraphQLError('This API key was revoked; the subscription is closed.', { extensions: { code: 'UNAUTHENTICATED' } }));
  }

  /** Ends the stream after what is queued (the server is stopping). */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
    if (this.waiting && this.queue.length === 0) this.resolve({ value: undefined, done: true });
  }

  private fail(error: GraphQLError): void {
    if (this.done || this.ending) return;
    this.queue.length = 0;
    this.onClose();
    if (this.waiting) {
      this.done = true;
      this.resolve({ value: error, done: false });
    } else this.ending = error;
  }

  private resolve(result: IteratorResult<LiveItem>): void {
    const waiting = this.waiting!;
    this.waiting = undefined;
    waiting(result);
  }

  next(): Promise<IteratorResult<LiveItem>> {
    const record = this.queue.shift();
    if (record) return Promise.resolve({ value: record, done: false });
    if (this.ending) {
      const error = this.ending;
      this.ending = undefined;
      this.done = true;
      return Promise.resolve({ value: error, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<LiveItem>> {
    this.done = true;
    this.queue.length = 0;
    this.onClose();
    if (this.waiting) this.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
