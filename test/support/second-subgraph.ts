/**
 * The federation rig of the composition and gateway tests (and `scripts/bench-federation.ts`):
 *
 * - a second subgraph, as another team would write it with `@apollo/subgraph`: it extends `Order`
 *   with `riskScore` and declares the same `PageInfo` and `Money` (same fields, `@shareable`);
 * - `fetchSubgraphSdl`: `_service { sdl }` over HTTP, with a key, since this service answers 401
 *   to anything without one — `_service` included;
 * - `composeSupergraph`: `@apollo/composition` over subgraph SDLs;
 * - `startGateway`: a real `@apollo/gateway` behind `@apollo/server` on 127.0.0.1, forwarding the
 *   client's `Authorization` header to every subgraph.
 */
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { listenOnLoopback, type LoopbackServer } from './http-server.js';

export const SECOND_SUBGRAPH_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  type Order @key(fields: "id") {
    id: ID!
    "Fraud risk, 0 (none) to 1, from the risk team's model."
    riskScore: Float!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Money @shareable {
    cents: Float!
    dollars: Float
    currencyIso: String!
    currencySymbol: String
    label: String
  }

  type RiskRule {
    id: ID!
    "Orders above this total are reviewed by hand."
    reviewAbove: Money!
  }

  type RiskRuleConnection {
    nodes: [RiskRule!]!
    pageInfo: PageInfo!
  }

  type Query {
    riskRules: RiskRuleConnection!
    "The orders the risk model flagged, by id: the gateway fetches their order fields from the orders subgraph in one _entities batch."
    flaggedOrders(ids: [ID!]!): [Order!]!
  }
`;

/** The second subgraph's score for an order: a stable function of its id, so tests can expect it. */
export function riskScoreOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) % 1000;
  return hash / 1000;
}

const RULES = [{ id: 'high-value', reviewAbove: { cents: 5_000_000, dollars: 50_000, currencyIso: 'TWD', currencySymbol: 'NT$', label: 'NT$50,000' } }];

export const secondSubgraphSchema = buildSubgraphSchema({
  typeDefs: parse(SECOND_SUBGRAPH_SDL),
  resolvers: {
    Order: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id, riskScore: riskScoreOf(reference.id) }),
    },
    Query: {
      riskRules: () => ({ nodes: RULES, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } }),
      flaggedOrders: (_root: unknown, args: { ids: string[] }) => args.ids.map((id) => ({ id, riskScore: riskScoreOf(id) })),
    },
  },
});

export interface SecondSubgraph extends LoopbackServer {
  /** The `Authorization` header of every request it received, in order (null when absent). */
  authorizations: (string | null)[];
}

/** Serves the second subgraph with Yoga on 127.0.0.1, recording the `Authorization` headers it is sent. */
export async function startSecondSubgraph(): Promise<SecondSubgraph> {
  const authorizations: (string | null)[] = [];
  const yoga = createYoga({
    schema: secondSubgraphSchema,
    graphqlEndpoint: '/graphql',
    logging: false,
    landingPage: false,
    graphiql: false,
    plugins: [{ onRequest: ({ request }) => void authorizations.push(request.headers.get('authorization')) }],
  });
  const server = await listenOnLoopback(yoga);
  return { ...server, authorizations };
}

/** `_service { sdl }` of the subgraph at `url`, sent with `Authorization: Bearer <key>` when a key is given. */
export async function fetchSubgraphSdl(url: string, key?: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
  if (!response.ok || !body.data) throw new Error(`_service { sdl } from ${url}: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
  return body.data._service.sdl;
}

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** The supergraph SDL of `subgraphs`; throws with every composition error when they do not compose. */
export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

interface GatewayContext {
  authorization?: string;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * A fetch over replicas of one subgraph: each request goes to the next replica in turn, and to the
 * one after when a replica refuses the connection (stopped), so a request survives a replica going away.
 */
export function roundRobinFetch(replicas: string[]): typeof fetch {
  let next = 0;
  return (async (_url: string, init?: RequestInit) => {
    let failure: unknown;
    for (let tried = 0; tried < replicas.length; tried++) {
      const replica = replicas[next++ % replicas.length]!;
      try {
        return await fetch(replica, init);
      } catch (error) {
        failure = error; // not listening: try the next replica
      }
    }
    throw failure;
  }) as typeof fetch;
}

/**
 * Starts `@apollo/gateway` over `supergraphSdl` behind `@apollo/server` on 127.0.0.1 (port 0).
 * Each subgraph request carries the client's `Authorization` header, as `willSendRequest` copies it.
 * `replicas` names, per subgraph URL of the supergraph, the URLs of its replicas (round robin).
 */
export async function startGateway(supergraphSdl: string, replicas: Record<string, string[]> = {}): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url,
        ...(url && replicas[url] ? { fetcher: roundRobinFetch(replicas[url]!) as never } : {}),
        willSendRequest({ request, context }) {
          const authorization = (context as GatewayContext).authorization;
          if (authorization) request.http?.headers.set('authorization', authorization);
        },
      }),
  });
  const server = new ApolloServer<GatewayContext>({ gateway, includeStacktraceInErrorResponses: false });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => (req.headers.authorization ? { authorization: req.headers.authorization } : {}),
  });
  return { url, stop: () => server.stop() };
}
