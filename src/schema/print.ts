/**
 * The subgraph SDL as `schema.graphql` holds it: Federation v2 directives included, types sorted.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import { schema } from './index.js';

export const SCHEMA_HEADER =
  '# Printed from the Pothos schema by `npm run schema:print`; do not edit by hand.\n';

export function printSchemaFile(): string {
  return `${SCHEMA_HEADER}${printSubgraphSchema(schema).trim()}\n`;
}
