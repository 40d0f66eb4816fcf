/**
 * Refuses an operation over the depth or cost bound before it runs (QUERY_TOO_COMPLEX) and puts
 * the computed cost on every response as `extensions.cost`.
 */
import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { tooComplex } from '../errors.js';
import { measureOperation } from './measure.js';

/** Depth of GraphiQL's own introspection query, which must always run. */
export const INTROSPECTION_DEPTH = 15;

export interface Limits {
  maxDepth: number;
  maxCost: number;
}

export function useOperationLimits(limits: Limits): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document as DocumentNode, args.operationName);
      if (!operation) return;
      const document = args.document as DocumentNode;
      const fragments = document.definitions.filter(
        (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
      );
      const measure = measureOperation(args.schema, operation, fragments, args.variableValues);
      const cost = { requested: measure.cost, limit: limits.maxCost };
      const depthLimit = measure.introspectionOnly ? Math.max(limits.maxDepth, INTROSPECTION_DEPTH) : limits.maxDepth;
      if (measure.depth > depthLimit) {
        setResultAndStopExecution({
          errors: [tooComplex(`Query depth ${measure.depth} exceeds the limit of ${depthLimit}; nest fewer levels.`, cost)],
          extensions: { cost },
        });
        return;
      }
      if (measure.cost > limits.maxCost) {
        setResultAndStopExecution({
          errors: [
            tooComplex(
              `Query cost ${measure.cost} exceeds the limit of ${limits.maxCost}; ask for fewer items (first/last/perPage) or nest fewer lists.`,
              cost,
            ),
          ],
          extensions: { cost },
        });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if ('data' in result || 'errors' in result) {
            setResult({ ...result, extensions: { ...result.extensions, cost } });
          }
        },
      };
    },
  };
}
