/**
 * `schema.graphql` is what the code prints, and it keeps the contract's whole surface.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSchemaFile } from '../src/schema/print.js';
import { schema } from '../src/schema/index.js';

const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
const contract = buildSchema(readFileSync(new URL('../docs/contract.graphql', import.meta.url), 'utf8'));

describe('schema.graphql', () => {
  it('is up to date with the code (run `npm run schema:print` after changing the schema)', () => {
    expect(committed).toBe(printSchemaFile());
  });

  it('has no breaking change against the contract (docs/contract.graphql)', () => {
    const printed = buildSchema(committed, { assumeValidSDL: true });
    expect(findBreakingChanges(contract, printed).map((change) => change.description)).toEqual([]);
  });

  it('serves the schema it prints', () => {
    expect(findBreakingChanges(contract, schema).map((change) => change.description)).toEqual([]);
  });
});
