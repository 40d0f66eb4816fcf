/**
 * Serves a request handler (a Yoga instance, or any Node request listener) over real HTTP on
 * 127.0.0.1 with a port the OS picks, for tests that need a socket (a gateway in front of it),
 * and stops it again, keep-alive connections included.
 *
 *   const server = await listenOnLoopback(app.yoga);
 *   await fetch(server.url, ...);   // http://127.0.0.1:<port>/graphql
 *   await server.close();
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `origin` + the GraphQL path (`/graphql` unless told otherwise). */
  url: string;
  port: number;
  /** Stops accepting, drops open connections and resolves once the socket is closed. */
  close(): Promise<void>;
}

export async function listenOnLoopback(
  handler: RequestListener,
  options: { path?: string; closeTimeoutMs?: number } = {},
): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    origin,
    url: `${origin}${options.path ?? '/graphql'}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server on port ${port} did not close`)), options.closeTimeoutMs ?? 5_000);
        server.close((error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
