/**
 * GraphQL over WebSocket (`graphql-ws`, what Apollo Client's GraphQLWsLink speaks) at the GraphQL
 * endpoint, for subscriptions and any other operation. The key comes in the connection's
 * `connection_init` payload (`{ authorization: "Bearer <key>" }`) or the upgrade request's
 * `Authorization` header and is checked once, as the socket opens (an unknown key closes it with
 * 4403); each operation then runs through the same Yoga plugins (bounds, cost, budget) as HTTP.
 */
import type { Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Principal } from '../context.js';
import type { Gateway } from '../yoga.js';
import { authenticateAs, bearerKey } from './auth.js';

const CLOSE_HANDSHAKE_MS = 1_000;

interface Roots {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

export interface WebSocketEndpoint {
  /** Closes every socket ("going away"), after the streams were ended. */
  close(): Promise<void>;
}

export function serveWebSocket(gateway: Gateway, server: Server, path: string): WebSocketEndpoint {
  const sockets = new WebSocketServer({ server, path });
  const principals = new WeakMap<object, Principal>();
  useServer(
    {
      onConnect: async (ctx) => {
        const key = bearerKey(ctx.connectionParams?.authorization) ?? bearerKey(ctx.extra.request.headers.authorization);
        const principal = key ? await gateway.keys.find(key) : null;
        if (!principal) return false;
        principals.set(ctx.extra.socket, principal);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const principal = principals.get(ctx.extra.socket)!;
        const request = new Request(`http://${ctx.extra.request.headers.host ?? 'localhost'}${path}`, { method: 'POST' });
        authenticateAs(request, principal);
        const enveloped = gateway.getEnveloped({ request, params: payload });
        let document;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length) return errors;
        const roots: Roots = { execute: enveloped.execute, subscribe: enveloped.subscribe };
        return {
          schema: enveloped.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: await enveloped.contextFactory(),
          rootValue: roots,
        };
      },
      execute: (args) => (args.rootValue as Roots).execute(args) as never,
      subscribe: (args) => (args.rootValue as Roots).subscribe(args) as never,
    },
    sockets,
  );
  return {
    async close() {
      const closing = [...sockets.clients].map((socket) => new Promise((resolve) => socket.once('close', resolve)));
      for (const socket of sockets.clients) socket.close(1001, 'The server is stopping');
      // A client that does not answer the close handshake is cut after a second.
      const cut = setTimeout(() => sockets.clients.forEach((socket) => socket.terminate()), CLOSE_HANDSHAKE_MS);
      await Promise.all(closing);
      clearTimeout(cut);
      await new Promise((resolve) => sockets.close(resolve));
    },
  };
}
