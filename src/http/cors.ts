/**
 * CORS for the origins in `CORS_ORIGINS`, by @whatwg-node's own CORS plugin (the one Yoga uses).
 * A preflight from any other origin is answered 403 with a body naming the setting, rather than
 * a bare 204 (or 405 with no origins set) that leaves the frontend developer guessing.
 */
import { useCORS } from '@whatwg-node/server';
import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './auth.js';

export function useCorsPolicy(origins: readonly string[]): Plugin {
  const allowed = new Set(origins);
  const cors = useCORS({ origin: [...origins], credentials: true });
  const isAllowed = (request: Request) => allowed.has(request.headers.get('origin') ?? '');
  return {
    onRequest(payload) {
      const { request, endResponse } = payload;
      if (request.method !== 'OPTIONS' || !request.headers.has('origin')) return;
      if (isAllowed(request)) return cors.onRequest?.(payload);
      const origin = request.headers.get('origin');
      const setting = origins.length ? `CORS_ORIGINS is ${origins.join(',')}` : 'CORS_ORIGINS is empty';
      endResponse(
        errorResponse(403, 'CORS_ORIGIN_NOT_ALLOWED', `Origin ${origin} may not call this API from a browser (${setting}); add it to CORS_ORIGINS, comma-separated.`),
      );
    },
    onResponse(payload) {
      if (isAllowed(payload.request)) return cors.onResponse?.(payload as never);
    },
  };
}
