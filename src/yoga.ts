/**
 * Builds the GraphQL server. It listens nowhere: `server.ts` gives it a port, tests call
 * `yoga.fetch` directly.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { KeyCache } from './auth/key-cache.js';
import type { Config } from './config.js';
import { createContext, type Context } from './context.js';
import type { Database } from './db/client.js';
import { CursorCodec } from './schema/pagination/cursor.js';
import { principalOf, useBearerAuth } from './http/auth.js';
import { useSchemaExposure } from './http/exposure.js';
import { useInputGuard } from './http/input-guard.js';
import { errorMasking, type ErrorLog } from './http/masking.js';
import { useOperationLimits } from './limits/plugin.js';
import { schema } from './schema/index.js';

export const GRAPHQL_ENDPOINT = '/graphql';

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
      total { label }
      customer { name }
      items { title { text } quantity }
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
  | 'introspection' | 'federationSdl' | 'corsOrigins' | 'keyCacheMs' | 'maxBodyBytes'
> & {
  /** The cursor signing secret (see `cursorSecret`). */
  cursorSecret: Buffer;
  /** A key GraphiQL puts in its headers, so the example runs as it opens. */
  graphiqlKey?: string | undefined;
  log?: ErrorLog;
};

export function buildYoga(database: Database, options: YogaOptions): YogaServerInstance<Record<string, never>, Context> {
  const log = options.log ?? ((message, error) => console.error(message, error));
  const keys = new KeyCache(database, options.keyCacheMs);
  const cursors = new CursorCodec(options.cursorSecret);
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    cors: options.corsOrigins.length ? { origin: options.corsOrigins, credentials: true } : false,
    logging: false,
    maskedErrors: { isDev: false, maskError: errorMasking(log) },
    maxRequestBodySize: options.maxBodyBytes,
    graphiql: {
      title: 'Order History Gateway',
      defaultQuery: EXAMPLE_OPERATION,
      headers: JSON.stringify(options.graphiqlKey ? { Authorization: `Bearer ${options.graphiqlKey}` } : {}),
      shouldPersistHeaders: true,
    },
    renderGraphiQL,
    context: ({ request }) => createContext(database, principalOf(request), cursors),
    plugins: [
      useBearerAuth(keys, GRAPHQL_ENDPOINT, true, log),
      useReadinessCheck({
        endpoint: '/readyz',
        check: async () => {
          try {
            await database.ping();
            return true;
          } catch {
            return false;
          }
        },
      }),
      useSchemaExposure(options),
      useInputGuard(options),
      ...useOperationLimits(options),
      ...(process.env.NO_JIT ? [] : [useGraphQlJit()]),
    ],
  });
}
