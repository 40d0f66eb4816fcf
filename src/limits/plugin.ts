/**
 * The bounds every document is held to before anything runs, all QUERY_TOO_COMPLEX:
 * - tokens (while parsing), aliases and directives, by graphql-armor's plugins;
 * - depth and cost (`measure.ts`), and the size of an `_entities` batch;
 * then the key's budget (`budget.ts`) pays the cost, and every response carries it as
 * `extensions.cost` (with what is left of the budget).
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { principalIfAny } from '../http/auth.js';
import type { Context } from '../context.js';
import { rateLimited, tooComplex } from '../errors.js';
import { requestInfo } from '../observability/request-info.js';
import type { KeyBudgets } from './budget.js';
import { measureOperation } from './measure.js';

/** Depth of GraphiQL's own introspection query, which must always run. */
export const INTROSPECTION_DEPTH = 15;
/** What a field that runs its own statement adds to the cost, once per occurrence. */
export const STATEMENT_COST = 10;

export interface Limits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxEntities: number;
}

/** armor's refusals ("Syntax Error: Aliases limit of 30 exceeded, found 31.") with our code, as HTTP 400. */
const refusal = (error: GraphQLError, setting: string) =>
  new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} Split the operation, or raise ${setting}.`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
  });

const reportAs = (setting: string) => ({
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(refusal(error, setting))],
});

/** The token bound applies while parsing, where armor's error ends the request as a syntax error. */
function useTokenRefusalCode(): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError && /Token limit of \d+ exceeded/.test(result.message)) {
          replaceParseResult(refusal(result, 'MAX_TOKENS'));
        }
      };
    },
  };
}

type OperationArgs = Parameters<NonNullable<Plugin['onExecute']>>[0]['args'];
type Stop = (result: { errors: GraphQLError[]; extensions: Record<string, unknown> }) => void;

function useDepthAndCost(limits: Limits, budgets: KeyBudgets): Plugin {
  /** Refuses (through `stop`) an operation past a bound or the budget; else its cost for extensions. */
  const check = (args: OperationArgs, stop: Stop): Record<string, unknown> | undefined => {
    const document = args.document as DocumentNode;
    const operation = getOperationAST(document, args.operationName);
    if (!operation) return;
    const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
    const measure = measureOperation(args.schema, operation, fragments, args.variableValues, STATEMENT_COST);
    const cost: { requested: number; limit: number; remaining?: number; resetAt?: string } = { requested: measure.cost, limit: limits.maxCost };
    const { request, principal } = args.contextValue as unknown as Context & { request?: Request };
    const info = request && requestInfo(request);
    if (info) info.cost = measure.cost;
    const refuse = (message: string) => void stop({ errors: [tooComplex(message, cost)], extensions: { cost } });
    const depthLimit = measure.introspectionOnly ? Math.max(limits.maxDepth, INTROSPECTION_DEPTH) : limits.maxDepth;
    if (measure.depth > depthLimit) return refuse(`Query depth ${measure.depth} exceeds the limit of ${depthLimit}; nest fewer levels.`);
    if (measure.entities > limits.maxEntities) {
      return refuse(`_entities got ${measure.entities} representations, more than the limit of ${limits.maxEntities} (MAX_ENTITIES); send smaller batches.`);
    }
    if (measure.cost > limits.maxCost) {
      return refuse(
        `Query cost ${measure.cost} exceeds the limit of ${limits.maxCost}; ask for fewer items (first/last/perPage) or nest fewer lists.`,
      );
    }
    if (budgets.enabled) {
      const now = budgets.now();
      const allowance = budgets.charge(principal.keyId, measure.cost, now);
      if (info) info.budget = allowance;
      Object.assign(cost, { remaining: allowance.remaining, resetAt: new Date(allowance.resetAt).toISOString() });
      if (!allowance.allowed) {
        stop({ errors: [rateLimited(measure.cost, allowance.remaining, allowance.resetAt, now)], extensions: { cost } });
        return undefined;
      }
    }
    return cost;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = check(args, setResultAndStopExecution);
      if (!cost) return;
      return {
        onExecuteDone({ result, setResult }) {
          if ('data' in result || 'errors' in result) setResult({ ...result, extensions: { ...result.extensions, cost } });
        },
      };
    },
    // A subscription is measured and charged once, when it opens.
    onSubscribe({ args, setResultAndStopExecution }) {
      check(args, setResultAndStopExecution);
    },
  };
}

/** `x-ratelimit-*` on every answer to a known key, GitHub's way (`-reset` in epoch seconds). */
function useBudgetHeaders(budgets: KeyBudgets): Plugin {
  return {
    onResponse({ request, response }) {
      if (!budgets.enabled) return;
      const principal = principalIfAny(request);
      const allowance = requestInfo(request).budget ?? (principal && budgets.peek(principal.keyId));
      if (!allowance) return;
      response.headers.set('x-ratelimit-limit', String(allowance.limit));
      response.headers.set('x-ratelimit-remaining', String(allowance.remaining));
      response.headers.set('x-ratelimit-reset', String(Math.ceil(allowance.resetAt / 1000)));
    },
  };
}

export function useOperationLimits(limits: Limits, budgets: KeyBudgets): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens, exposeLimits: true }),
    useTokenRefusalCode(),
    maxAliasesPlugin({ n: limits.maxAliases, ...reportAs('MAX_ALIASES') }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...reportAs('MAX_DIRECTIVES') }),
    useDepthAndCost(limits, budgets),
    useBudgetHeaders(budgets),
  ];
}
