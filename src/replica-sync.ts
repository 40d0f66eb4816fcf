/**
 * What a server shares with the other replicas on the same database, off the request path: it
 * hears key revocations (LISTEN), and once a second syncs the key budgets and writes which keys
 * were used. A failing tick (the database away) is logged and retried on the next one.
 */
import { KEY_CHANNEL } from './auth/keys.js';
import type { KeyCache } from './auth/key-cache.js';
import type { Database } from './db/client.js';
import type { KeyBudgets } from './limits/budget.js';
import type { Logger } from './observability/log.js';
import { loggable } from './http/masking.js';

export const SYNC_INTERVAL_MS = 1_000;

export class ReplicaSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private unlisten: Promise<(() => Promise<void>) | undefined> | undefined;
  private failing = false;

  constructor(
    private readonly database: Database,
    private readonly keys: KeyCache,
    private readonly budgets: KeyBudgets,
    private readonly logger: Logger,
  ) {}

  /** Starts listening and ticking every `intervalMs` (0: no timer; `tick` is called by hand). */
  start(intervalMs = SYNC_INTERVAL_MS): void {
    this.unlisten = this.database.listen(KEY_CHANNEL, (keyId) => this.keys.forget(keyId)).catch((error: unknown) => {
      this.logger.warn({ error: loggable(error) }, 'cannot listen for key revocations; they take effect within KEY_CACHE_MS');
      return undefined;
    });
    if (intervalMs > 0) {
      this.timer = setInterval(() => void this.tick(), intervalMs);
      this.timer.unref();
    }
  }

  /** Resolves once listening for revocations (so a test can revoke right after). */
  async listening(): Promise<void> {
    await this.unlisten;
  }

  /** One sync; a tick already under way is joined rather than overlapped. */
  tick(): Promise<void> {
    this.running ??= this.syncOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async syncOnce(): Promise<void> {
    try {
      await this.budgets.sync();
      await this.keys.flushUse();
      if (this.failing) this.logger.info('key budgets and use are synced again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn({ error: loggable(error) }, 'cannot sync key budgets and use; retrying every second');
      this.failing = true;
    }
  }

  /** Stops ticking and listening, after a last sync (so a replica stopping loses no spend). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.tick();
    const unlisten = await this.unlisten;
    await unlisten?.().catch(() => undefined);
  }
}
