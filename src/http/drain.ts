/**
 * Ordered shutdown of the HTTP listener: stop accepting connections, take no new request on any
 * connection (idle keep-alive sockets are closed at once, every later answer carries
 * `Connection: close`), answer every request already received, and cut what is still open once
 * the grace period is over.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

export interface Drain {
  /** Wraps the request listener so answers given while draining close their connection. */
  listener: RequestListener;
  /** Resolves once every connection has closed (or was cut after `graceMs`). */
  drain(server: Server, graceMs: number): Promise<void>;
  readonly draining: boolean;
}

export function drainable(handle: RequestListener): Drain {
  let draining = false;
  /** Answers not yet finished: told to close their connection when draining begins. */
  const open = new Set<ServerResponse>();
  return {
    get draining() {
      return draining;
    },
    listener(request: IncomingMessage, response: ServerResponse) {
      if (draining) response.shouldKeepAlive = false;
      else {
        open.add(response);
        response.once('close', () => open.delete(response));
      }
      handle(request, response);
    },
    drain(server, graceMs) {
      draining = true;
      for (const response of open) if (!response.headersSent) response.shouldKeepAlive = false;
      return new Promise((resolve) => {
        // A socket that answers its last request goes idle: close it then, not at the next poll.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
