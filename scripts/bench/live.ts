/**
 * Live delivery latency: `streams` SSE subscriptions open on the server, then `writes` action
 * logs written one after another through the import path (in this process, as `npm run import`
 * would); for each write, the time from the start of the write to each stream's receipt.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/client.js';
import { importFile } from '../../src/ingest/import/import-file.js';
import { sseEvents, type SseStream } from '../../test/support/sse.js';

export interface LiveResult {
  deliveries: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

export async function measureLiveDelivery(options: {
  base: string;
  key: string;
  merchant: string;
  database: Database;
  streams: number;
  writes: number;
}): Promise<LiveResult> {
  const query = 'subscription { historyEvents { ... on UpdatedStatusLog { reason } } }';
  const streams: SseStream[] = await Promise.all(
    Array.from({ length: options.streams }, async () => {
      const response = await fetch(`${options.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${options.key}` },
        body: JSON.stringify({ query }),
      });
      const stream = sseEvents(response);
      await stream.started();
      return stream;
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'ohg-bench-live-'));
  const latencies: number[] = [];
  try {
    for (let i = 0; i < options.writes; i++) {
      const reason = `bench ${Date.now()} ${i}`;
      const file = join(dir, `${i}.json`);
      writeFileSync(file, JSON.stringify({ items: [{ key: 'updated_status', data: { reason }, created_at: new Date().toISOString() }] }));
      const started = performance.now();
      const received = streams.map(async (stream) => {
        const event = await stream.next(30_000);
        if (event?.data?.data?.historyEvents?.reason !== reason) throw new Error(`stream got ${JSON.stringify(event)} instead of ${reason}`);
        latencies.push(performance.now() - started);
      });
      await importFile(options.database.db, options.merchant, { file, source: 'action-logs', orderId: 'bench-live-order' });
      await Promise.all(received);
    }
  } finally {
    await Promise.all(streams.map((stream) => stream.close()));
    rmSync(dir, { recursive: true, force: true });
  }
  latencies.sort((a, b) => a - b);
  return { deliveries: latencies.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}
