/**
 * The Pothos builder: plugins and scalars only. Types live with their domain.
 */
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { GraphQLError } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Context } from '../context.js';

interface BuilderTypes {
  Context: Context;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}
/** The builder's resolved type parameters, for helpers generic over types. */
export type Types = PothosSchemaTypes.ExtendDefaultTypes<BuilderTypes>;

export const builder = new SchemaBuilder<BuilderTypes>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});

/** PostgreSQL's timestamps span years 4713 BC to 294276 AD; upstream dates are of years 1 to 9999. */
function storableInstant(date: Date): Date {
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new GraphQLError(`DateTime must be in the years 0001 to 9999, got year ${year}.`);
  return date;
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

// graphql-scalars parses and checks. Rows carry timestamps as ISO text already, served as they
// are: a Date would cost JSON.stringify a toJSON call each, off its fast path (a 50-order page
// holds over a thousand).
builder.scalarType('DateTime', {
  description: DateTimeResolver.description ?? undefined,
  serialize: (value) => {
    if (typeof value === 'string' && ISO_UTC.test(value)) return value;
    return (DateTimeResolver.serialize(value) as Date).toISOString();
  },
  parseValue: (value) => storableInstant(DateTimeResolver.parseValue(value) as Date),
  parseLiteral: (ast) => storableInstant(DateTimeResolver.parseLiteral(ast, {}) as Date),
});
builder.addScalarType('JSON', JSONResolver);

builder.queryType({});
