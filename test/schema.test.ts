/**
 * `schema.graphql` is what the code prints, and it keeps the contract's whole surface.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
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

  it('describes every field and argument of every type', () => {
    const printed = buildSchema(committed, { assumeValidSDL: true });
    const { fields, args } = undescribed(printed);
    // Counted over a real number of fields, so an empty schema cannot pass.
    expect(fields.total).toBeGreaterThan(500);
    expect(fields.missing).toEqual([]);
    expect(args.missing).toEqual([]);
  });

  it('serves the schema it prints', () => {
    expect(findBreakingChanges(contract, schema).map((change) => change.description)).toEqual([]);
  });
});

/** Fields (input fields included) and arguments with no description, as `Type.field` / `Type.field(arg)`. */
function undescribed(schema: GraphQLSchema) {
  const fields = { total: 0, missing: [] as string[] };
  const args = { total: 0, missing: [] as string[] };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      fields.total++;
      if (!field.description?.trim()) fields.missing.push(`${type.name}.${field.name}`);
      for (const arg of 'args' in field ? field.args : []) {
        args.total++;
        if (!arg.description?.trim()) args.missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
  }
  return { fields, args };
}
