/**
 * Trusted documents, by `@graphql-yoga/plugin-persisted-operations`.
 *
 * Without a manifest, Apollo's automatic persisted queries: a client sends a document's sha256
 * alone (`extensions.persistedQuery`), and the document with it once when the server answers
 * `PERSISTED_QUERY_NOT_FOUND`. Each process keeps the 1,000 most recent documents; a replica that
 * has not seen one yet costs the client that one extra round trip.
 *
 * With `PERSISTED_DOCUMENTS=FILE` (the `persisted-documents.json` of GraphQL Code Generator's
 * client preset: `{ "sha256:<hex>": "<document>" }`) only those documents run, named by
 * `documentId` or a persisted query's hash; any other is refused with `PERSISTED_QUERY_ONLY`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { LRUCache } from 'lru-cache';
import { ConfigError } from '../config.js';

export type Manifest = ReadonlyMap<string, string>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads and checks a manifest: every document must parse and validate against the schema. */
export function loadManifest(file: string, schema: GraphQLSchema): Manifest {
  let entries: [string, unknown][];
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object of hash → document');
    entries = Object.entries(parsed);
  } catch (error) {
    throw new ConfigError(`PERSISTED_DOCUMENTS: cannot read ${file}: ${(error as Error).message}`);
  }
  for (const [hash, document] of entries) {
    if (typeof document !== 'string') throw new ConfigError(`PERSISTED_DOCUMENTS: ${file}: "${hash}" is not a document string`);
    let errors: readonly GraphQLError[];
    try {
      errors = validate(schema, parse(document));
    } catch (error) {
      errors = [error as GraphQLError];
    }
    if (errors.length) throw new ConfigError(`PERSISTED_DOCUMENTS: ${file}: document "${hash}" is invalid: ${errors[0]!.message}`);
  }
  return new Map(entries as [string, string][]);
}

const refusal = (code: string, message: string, status = 400) => ({ message, extensions: { code, http: { status } } });

/** The document's id: `documentId` (GraphQL Code Generator's clients), else the persisted query's hash. */
function operationId(params: GraphQLParams & { documentId?: unknown }): string | null {
  if (typeof params.documentId === 'string') return params.documentId;
  const persisted = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

/** APQ's second step: a document sent with its hash is checked and remembered. */
function useAutomaticRegistration(store: LRUCache<string, string>): Plugin {
  return {
    onParams({ params }) {
      const hash = operationId(params);
      if (!hash || typeof params.query !== 'string') return;
      if (sha256(params.query) !== hash) {
        throw new GraphQLError('extensions.persistedQuery.sha256Hash is not the sha256 of the query sent with it.', {
          extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', http: { status: 400 } },
        });
      }
      store.set(hash, params.query);
    },
  };
}

export function usePersistedDocuments(manifest: Manifest | undefined): Plugin[] {
  const store = new LRUCache<string, string>({ max: 1_000 });
  // The client preset names documents `sha256:<hex>`; an APQ hash is the bare hex.
  const lookUp = manifest
    ? (id: string) => manifest.get(id) ?? manifest.get(`sha256:${id}`) ?? null
    : (id: string) => store.get(id) ?? null;
  return [
    ...(manifest ? [] : [useAutomaticRegistration(store)]),
    usePersistedOperations({
      allowArbitraryOperations: !manifest,
      extractPersistedOperationId: operationId,
      getPersistedOperation: lookUp,
      customErrors: {
        notFound: manifest
          ? refusal('PERSISTED_QUERY_NOT_FOUND', 'No document of the manifest (PERSISTED_DOCUMENTS) has this id.')
          : refusal('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound', 200),
        persistedQueryOnly: refusal(
          'PERSISTED_QUERY_ONLY',
          'This server runs only the documents of its manifest (PERSISTED_DOCUMENTS): send one by its id as `documentId`, without `query`.',
        ),
        keyNotFound: refusal('BAD_REQUEST', manifest ? 'Send `documentId`: the id of a document of the manifest.' : 'Must provide query string.'),
      },
    }),
  ];
}
