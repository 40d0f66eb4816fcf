/**
 * Gives every client mistake a code a client can branch on, so no input ever surfaces as
 * `Unexpected error.`: bad argument values (wrong type, unknown enum value, missing required
 * argument, variables that do not coerce, NUL bytes PostgreSQL cannot store, lists longer than
 * `MAX_LIST_ITEMS`, input nested deeper than `MAX_INPUT_DEPTH`) are BAD_USER_INPUT; other invalid
 * documents are GRAPHQL_VALIDATION_FAILED. Inputs are inspected without recursion, so no shape of
 * input can exhaust the stack.
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
import { ENTITIES_FIELD } from '../limits/measure.js';

const ARGUMENT_RULES = [ValuesOfCorrectTypeRule, ProvidedRequiredArgumentsRule, KnownArgumentNamesRule, VariablesInAllowedPositionRule];

export interface InputBounds {
  maxListItems: number;
  maxInputDepth: number;
}

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

/** The first problem with a variable value, as a message, or null: a walk with its own stack. */
function inspectValue(value: unknown, path: string, bounds: InputBounds, listLimit: number): string | null {
  const stack: { value: unknown; path: string; depth: number; limit: number }[] = [{ value, path, depth: 0, limit: listLimit }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) return `${item.path} contains a NUL (\\u0000) character, which cannot be stored or searched; remove it.`;
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= bounds.maxInputDepth) {
      return `${item.path} is nested deeper than ${bounds.maxInputDepth} levels (MAX_INPUT_DEPTH); send flatter input.`;
    }
    if (Array.isArray(item.value)) {
      if (item.value.length > item.limit) {
        return `${item.path} has ${item.value.length} items, more than the ${item.limit} allowed; send fewer.`;
      }
      item.value.forEach((entry, i) => stack.push({ value: entry, path: `${item.path}[${i}]`, depth: item.depth + 1, limit: bounds.maxListItems }));
    } else {
      for (const [key, entry] of Object.entries(item.value)) {
        stack.push({ value: entry, path: `${item.path}.${key}`, depth: item.depth + 1, limit: bounds.maxListItems });
      }
    }
  }
  return null;
}

/** The problem with the document's own literals (NUL bytes, long lists), and which variables feed `_entities`. */
function inspectDocument(document: DocumentNode, bounds: InputBounds): { problem: string | null; entityVariables: Set<string> } {
  let problem: string | null = null;
  const entityVariables = new Set<string>();
  visit(document, {
    [Kind.STRING](node) {
      if (!problem && node.value.includes('\u0000')) {
        problem = 'a string argument contains a NUL (\\u0000) character, which cannot be stored or searched; remove it.';
      }
    },
    [Kind.LIST](node) {
      if (!problem && node.values.length > bounds.maxListItems) {
        problem = `a list argument has ${node.values.length} items, more than the ${bounds.maxListItems} allowed (MAX_LIST_ITEMS); send fewer.`;
      }
    },
    [Kind.FIELD](node) {
      if (node.name.value !== ENTITIES_FIELD) return;
      for (const argument of node.arguments ?? []) {
        if (argument.value.kind === Kind.VARIABLE) entityVariables.add(argument.value.name.value);
      }
    },
  });
  return { problem, entityVariables };
}

/** Documents are parsed once and cached by Yoga, so their inspection is cached with them. */
const inspected = new WeakMap<DocumentNode, ReturnType<typeof inspectDocument>>();

type OperationArgs = Parameters<NonNullable<Plugin['onExecute']>>[0]['args'];

/** What is wrong with the document's list arguments or the variables' values, if anything. */
function problemOf(args: OperationArgs, bounds: InputBounds): string | null | undefined {
  const document = args.document as DocumentNode;
  let facts = inspected.get(document);
  if (!facts) inspected.set(document, (facts = inspectDocument(document, bounds)));
  let problem = facts.problem;
  for (const [name, value] of Object.entries(args.variableValues ?? {})) {
    if (problem) break;
    // An `_entities` batch is bounded by MAX_ENTITIES, as part of the operation's cost.
    const limit = facts.entityVariables.has(name) ? Infinity : bounds.maxListItems;
    problem = inspectValue(value, `$variables.${name}`, bounds, limit);
  }
  return problem;
}

export function useInputGuard(bounds: InputBounds): Plugin {
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
      const problem = problemOf(args, bounds);
      if (problem) {
        setResultAndStopExecution({ errors: [badInput(problem)] });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length || ('data' in result && result.data)) return;
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
    onSubscribe({ args, setResultAndStopExecution }) {
      const problem = problemOf(args, bounds);
      if (problem) setResultAndStopExecution({ errors: [badInput(problem)] });
    },
  };
}
