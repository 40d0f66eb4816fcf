/**
 * One JSON line per request: its id (echoed in `x-request-id`), method, path, status, duration,
 * operation name, merchant and key id, cost and statements; never the key. An unexpected error is logged
 * once per request, with the request id, however many fields it failed.
 */
import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { principalIfAny } from '../http/auth.js';
import { loggable, originalOf } from '../http/masking.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { requestInfo } from './request-info.js';

export function useRequestLog(logger: Logger, metrics: Metrics): Plugin {
  return {
    onRequest({ request }) {
      requestInfo(request);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (!request) return;
      const operation = getOperationAST(args.document as DocumentNode, args.operationName);
      requestInfo(request).operationName = operation?.name?.value ?? args.operationName ?? null;
    },
    onResultProcess({ request, result }) {
      const info = requestInfo(request);
      for (const one of Array.isArray(result) ? result : [result]) {
        for (const error of ((one as { errors?: readonly GraphQLError[] }).errors ?? [])) {
          const code = String(error.extensions?.code ?? 'UNKNOWN');
          info.errorCodes.push(code);
          metrics.errors.inc({ code });
          const original = originalOf(error);
          if (original) info.unexpected.push(original);
        }
      }
    },
    onResponse({ request, response }) {
      const info = requestInfo(request);
      response.headers.set('x-request-id', info.id);
      const url = new URL(request.url);
      if (url.pathname === '/metrics' || url.pathname.startsWith('/graphiql/')) return;
      const principal = principalIfAny(request);
      if (info.operationName !== undefined) metrics.statementsPerRequest.observe(info.statements);
      logger.info({
        reqId: info.id,
        method: request.method,
        path: url.pathname,
        status: response.status,
        ms: Math.round((performance.now() - info.startedAt) * 10) / 10,
        ...(info.operationName !== undefined ? { operation: info.operationName } : {}),
        ...(principal ? { merchant: principal.merchantId, keyId: principal.keyId } : {}),
        ...(info.cost !== undefined ? { cost: info.cost, statements: info.statements } : {}),
        ...(info.errorCodes.length ? { errors: [...new Set(info.errorCodes)] } : {}),
      }, 'request');
      const [first] = info.unexpected;
      if (first !== undefined) {
        logger.error({ reqId: info.id, count: info.unexpected.length, error: loggable(first) }, 'unexpected error');
      }
    },
  };
}
