/**
 * Gives every client mistake a code a client can branch on, so no input ever surfaces as
 * `Unexpected error.`: bad argument values (wrong type, unknown enum value, missing required
 * argument, variables that do not coerce, NUL bytes PostgreSQL cannot store) are BAD_USER_INPUT;
 * other invalid documents are GRAPHQL_VALIDATION_FAILED.
 */
import {
  GraphQLError,
  Kind,
  KnownArgumentNamesRule,
  ProvidedRequiredArgumentsRule,
  validate,
  ValuesOfCorrectTypeRule,
  VariablesInAllowedPositionRule,
  visit,
  type DocumentNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../errors.js';

const ARGUMENT_RULES = [ValuesOfCorrectTypeRule, ProvidedRequiredArgumentsRule, KnownArgumentNamesRule, VariablesInAllowedPositionRule];

function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

/** The path of the first string holding a NUL byte, or null. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

function nulInDocument(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes('\u0000')) found = 'a string argument';
    },
  });
  return found;
}

export function useInputGuard(): Plugin {
  return {
    onValidate({ params }) {
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        const argumentErrors = new Set(validate(params.schema, params.documentAST, ARGUMENT_RULES).map((e) => e.message));
        setResult(
          result.map((error) =>
            withCode(error, argumentErrors.has(error.message) ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED'),
          ),
        );
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const nul = findNul(args.variableValues, '$variables') ?? nulInDocument(args.document);
      if (nul) {
        setResultAndStopExecution({
          errors: [badInput(`${nul} contains a NUL (\\u0000) character, which cannot be stored or searched; remove it.`)],
        });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length || 'data' in result && result.data) return;
          // Variables that do not coerce fail before any resolver runs.
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              error.message.startsWith('Variable "$') ? withCode(error, 'BAD_USER_INPUT') : error,
            ),
          });
        },
      };
    },
  };
}
