/**
 * Builds the GraphQL server. It listens nowhere: `server.ts` gives it a port, tests call
 * `yoga.fetch` directly. The plugins, in order: request id and log line, metrics, compression,
 * CORS, GraphiQL and `/`, the key, readiness, persisted documents, what the schema exposes, input
 * checks, the document's bounds and the key's budget, then compiled execution.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { KeyCache } from './auth/key-cache.js';
import { HistoryFeed } from './live/feed.js';
import type { Config } from './config.js';
import { countingDatabase, createContext, type Context } from './context.js';
import type { Database } from './db/client.js';
import { principalOf, useBearerAuth } from './http/auth.js';
import { useCompression } from './http/compression.js';
import { useCorsPolicy } from './http/cors.js';
import { useSchemaExposure } from './http/exposure.js';
import { useGraphiQL } from './http/graphiql.js';
import { useInputGuard } from './http/input-guard.js';
import { maskUnexpected } from './http/masking.js';
import { usePersistedDocuments, type Manifest } from './http/persisted.js';
import { KeyBudgets } from './limits/budget.js';
import { useOperationLimits } from './limits/plugin.js';
import { silentLogger, type Logger } from './observability/log.js';
import { countSubscriptions, createMetrics, useMetrics, type Metrics } from './observability/metrics.js';
import { requestInfo } from './observability/request-info.js';
import { useRequestLog } from './observability/request-log.js';
import { ReplicaSync, SYNC_INTERVAL_MS } from './replica-sync.js';
import { CursorCodec } from './schema/pagination/cursor.js';
import { schema } from './schema/index.js';

export const GRAPHQL_ENDPOINT = '/graphql';
/** Records a subscriber may leave unread before it is dropped (SLOW_CONSUMER). */
const MAX_QUEUED_EVENTS = 1_000;

export const EXAMPLE_OPERATION = `# Press the run button (or Ctrl-Enter) to run this example.
query RecentOrders {
  viewer { merchantId role }
  orders(first: 5) {
    totalCount
    nodes {
      id
      orderNumber
      status
      createdAt
      customer { name }
      deliveryAddress { recipientName countryCode city address1 postcode }
      fees {
        subtotal { label }
        orderDiscount { label }
        userCredit { label }
        deliveryFee { label }
        paymentFee { label }
        totalTaxFee { label }
        total { label }
      }
      items {
        title { text }
        quantity
        price { label }
        variant { sku options { text } }
      }
      timeline(first: 3) {
        totalCount
        nodes { __typename occurredAt summary actor { kind name } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

export type YogaOptions = Pick<
  Config,
  | 'maxDepth' | 'maxCost' | 'maxAliases' | 'maxTokens' | 'maxDirectives' | 'maxEntities' | 'maxListItems' | 'maxInputDepth'
  | 'introspection' | 'federationSdl' | 'corsOrigins' | 'keyCacheMs' | 'maxBodyBytes' | 'dbPoolSize'
  | 'rateLimitPoints' | 'rateLimitWindowMs' | 'maxSubscriptionsPerKey'
> & {
  /** The cursor signing secret (see `cursorSecret`). */
  cursorSecret: Buffer;
  /** A key GraphiQL puts in its headers, so the example runs as it opens. */
  graphiqlKey?: string | undefined;
  logger?: Logger;
  /** Only these documents run (`PERSISTED_DOCUMENTS`); unset: any, with automatic persisted queries. */
  manifest?: Manifest | undefined;
  /** How often budgets and key use are synced with the other replicas (0: only by `replicas.tick()`). */
  syncIntervalMs?: number;
  /** The budget windows' clock (tests move it). */
  clock?: () => number;
  /** Records a subscriber may leave unread before it is dropped. */
  maxQueuedEvents?: number;
  /** A read replica (`DATABASE_READ_URL`) GraphQL reads go to; `database` stays the primary. */
  readDatabase?: Database | undefined;
};

export type Gateway = YogaServerInstance<Record<string, never>, Context> & {
  metrics: Metrics;
  keys: KeyCache;
  replicas: ReplicaSync;
  feed: HistoryFeed;
};

export function buildYoga(database: Database, options: YogaOptions): Gateway {
  const logger = options.logger ?? silentLogger();
  const reads = options.readDatabase ?? database;
  const keys = new KeyCache(database, options.keyCacheMs, { reads });
  const cursors = new CursorCodec(options.cursorSecret);
  const metrics = createMetrics(database.kind === 'postgres' ? options.dbPoolSize : 1);
  const budgets = new KeyBudgets(database, { points: options.rateLimitPoints, windowMs: options.rateLimitWindowMs }, options.clock);
  const replicas = new ReplicaSync(database, keys, budgets, logger);
  replicas.start(options.syncIntervalMs ?? SYNC_INTERVAL_MS);
  const feed = new HistoryFeed(
    database,
    { maxSubscriptionsPerKey: options.maxSubscriptionsPerKey, maxQueued: options.maxQueuedEvents ?? MAX_QUEUED_EVENTS },
    logger,
  );
  feed.start();
  countSubscriptions(metrics, () => feed.open);
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: false,
    cors: false, // useCorsPolicy
    extraParamNames: ['documentId'],
    logging: false,
    maskedErrors: { isDev: false, maskError: maskUnexpected },
    maxRequestBodySize: options.maxBodyBytes,
    context: ({ request }) => {
      const info = requestInfo(request);
      const counted = countingDatabase(
        reads,
        () => (info.statements++, metrics.statementsInFlight.inc()),
        () => metrics.statementsInFlight.dec(),
      );
      return createContext(counted, principalOf(request), cursors, { feed });
    },
    plugins: [
      useRequestLog(logger, metrics),
      useMetrics(metrics),
      useCompression(),
      useCorsPolicy(options.corsOrigins),
      useGraphiQL(
        {
          title: 'Order History Gateway',
          defaultQuery: EXAMPLE_OPERATION,
          headers: options.graphiqlKey ? { Authorization: `Bearer ${options.graphiqlKey}` } : {},
        },
        GRAPHQL_ENDPOINT,
      ),
      useBearerAuth(keys, GRAPHQL_ENDPOINT, logger),
      useReadinessCheck({
        endpoint: '/readyz',
        check: async () => {
          try {
            await Promise.all([database.ping(), reads.ping()]);
            return true;
          } catch {
            return false;
          }
        },
      }),
      ...usePersistedDocuments(options.manifest),
      useSchemaExposure(options),
      useInputGuard(options),
      ...useOperationLimits(options, budgets),
      useGraphQlJit(),
      { onDispose: () => Promise.all([feed.stop(), replicas.stop()]).then(() => undefined) },
    ],
  });
  return Object.assign(yoga, { metrics, keys, replicas, feed });
}
