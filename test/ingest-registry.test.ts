/**
 * Every list of sources comes from the one registry of upstream modules: import's `--source`
 * names and snapshot folders, the per-order ones, the `order-links` systems, sync's run order and
 * paths. A new upstream (or a widened one) is declared in its module and listed once.
 */
import { describe, expect, it } from 'vitest';
import {
  LINK_SYSTEMS, PER_ORDER_SOURCES, SOURCES, SYNC_SOURCES, UPSTREAMS, upstreamNamed,
} from '../src/ingest/registry.js';

describe('the upstream registry', () => {
  it('lists the import sources in the order a snapshot is imported (CONTRACT §7)', () => {
    expect(SOURCES).toEqual(['orders', 'order-links', 'action-logs', 'traces', 'status-history', 'history-changes']);
  });

  it('derives the per-order sources, the link systems and the sync order from the modules', () => {
    expect(PER_ORDER_SOURCES).toEqual(['action-logs', 'traces']);
    expect(LINK_SYSTEMS).toEqual(['action-logs', 'traces', 'status-history', 'history-changes']);
    expect(SYNC_SOURCES).toEqual(['orders', 'status-history', 'history-changes', 'action-logs', 'traces']);
  });

  it('gives every synced upstream its documented path, per-order ones with the order id in it', () => {
    const paths = Object.fromEntries(SYNC_SOURCES.map((name) => [name, upstreamNamed(name).sync?.path]));
    expect(paths).toEqual({
      orders: '/v1/orders/search',
      'status-history': '/rest/orders/status-history',
      'history-changes': '/api/v5/orders/history',
      'action-logs': '/v1/orders/:id/action_logs',
      traces: '/api/orders/:id/traces',
    });
    for (const name of PER_ORDER_SOURCES) expect(upstreamNamed(name).sync?.path).toContain(':id');
  });

  it('names each upstream once', () => {
    expect(new Set(UPSTREAMS.map((upstream) => upstream.name)).size).toBe(UPSTREAMS.length);
  });
});
