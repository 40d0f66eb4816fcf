/**
 * `/metrics` in Prometheus' text format: Yoga's own (requests and their duration by operation
 * name, through @graphql-yoga/plugin-prometheus) and the gateway's (errors by
 * `extensions.code`, SQL statements per request, statements in flight against the pool's size).
 */
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  errors: Counter<'code'>;
  statementsPerRequest: Histogram;
  statementsInFlight: Gauge;
  poolSize: Gauge;
}

/** A registry of its own per server, so two servers in one process (tests) never collide. */
export function createMetrics(poolSize: number): Metrics {
  const registry = new Registry();
  const metrics: Metrics = {
    registry,
    errors: new Counter({ name: 'gateway_errors_total', help: 'Errors in answers, by extensions.code.', labelNames: ['code'], registers: [registry] }),
    statementsPerRequest: new Histogram({
      name: 'gateway_sql_statements_per_request',
      help: 'SQL statements one GraphQL request sent.',
      buckets: [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20],
      registers: [registry],
    }),
    statementsInFlight: new Gauge({ name: 'gateway_db_statements_in_flight', help: 'Statements running or waiting for a pool connection.', registers: [registry] }),
    poolSize: new Gauge({ name: 'gateway_db_pool_size', help: 'Connections the pool may open (1 on the embedded database).', registers: [registry] }),
  };
  metrics.poolSize.set(poolSize);
  return metrics;
}

/** `gateway_subscriptions_open`: the live streams this server holds, read when scraped. */
export function countSubscriptions(metrics: Metrics, open: () => number): void {
  new Gauge({
    name: 'gateway_subscriptions_open',
    help: 'Subscriptions open on this server (SSE and WebSocket).',
    registers: [metrics.registry],
    collect() {
      this.set(open());
    },
  });
}

export function useMetrics(metrics: Metrics): Plugin {
  return usePrometheus({
    endpoint: '/metrics',
    registry: metrics.registry,
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_schema_change: false,
    },
  }) as Plugin;
}
