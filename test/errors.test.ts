/**
 * No client input ever yields `Unexpected error.`: each mistake gets a code and a message that
 * says what to change; a real failure is masked and logged in full.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { openTestApp, type TestApp } from './support/app.js';
import { captureLogger } from './support/log.js';

let app: TestApp;
const key = 'demo-a-viewer-key';

beforeAll(async () => {
  app = await openTestApp();
  await seedDemo(app.database, 5);
});
afterAll(() => app.close());

async function refusal(query: string, variables: Record<string, unknown> = {}) {
  const response = await app.gql(query, variables, key);
  expect(response.body.errors, JSON.stringify(response.body)).toHaveLength(1);
  const [error] = response.body.errors;
  expect(error.message).not.toBe('Unexpected error.');
  return error;
}

describe('client mistakes', () => {
  it.each([
    ['a malformed cursor', '{ orders(after: "not-a-cursor") { totalCount } }', {}, /`after` is not a cursor this API gave out/],
    ['a cursor with forged values', '{ orders(after: "WyJ4IiwieCIsInkiXQ") { totalCount } }', {}, /not a cursor/],
    ['an unknown enum value', '{ orders(filter: { status: SHIPPED }) { totalCount } }', {}, /Value "SHIPPED" does not exist in "OrderStatus" enum/],
    ['an unknown enum value in a variable', 'query($s: OrderStatus) { orders(filter: { status: $s }) { totalCount } }', { s: 'NOPE' }, /Variable "\$s" got invalid value "NOPE"/],
    ['a non-date in a date range', '{ orders(filter: { createdAt: { from: "yesterday" } }) { totalCount } }', {}, /DateTime/],
    ['a wrong type in a variable', 'query($n: Int) { orders(first: $n) { totalCount } }', { n: 'ten' }, /Variable "\$n" got invalid value "ten"/],
    ['a missing required argument', '{ order { id } }', {}, /argument "id" of type "ID!" is required/],
    ['an unknown argument', '{ orders(size: 3) { totalCount } }', {}, /Unknown argument "size"/],
    ['a NUL byte in a literal', '{ orders(filter: { query: "a\\u0000b" }) { totalCount } }', {}, /NUL/],
    ['a NUL byte in a variable', 'query($q: String) { orders(filter: { query: $q }) { totalCount } }', { q: 'a\u0000b' }, /\$variables\.q contains a NUL/],
    ['a NUL byte in an id', 'query($id: ID!) { order(id: $id) { id } }', { id: '\u0000' }, /NUL/],
  ])('%s is BAD_USER_INPUT', async (_case, query, variables, message) => {
    const error = await refusal(query, variables);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });

  it('gives other invalid documents GRAPHQL_VALIDATION_FAILED', async () => {
    const error = await refusal('{ orders { nope } }');
    expect(error.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/Cannot query field "nope"/);
  });

  it('answers a very long id with null, not an error', async () => {
    const response = await app.gql('query($id: ID!) { order(id: $id) { id } }', { id: 'x'.repeat(10_000) }, key);
    expect(response.body).toMatchObject({ data: { order: null } });
  });
});

describe('unexpected failures', () => {
  it('are masked, with no SQL or stack, and logged in full', async () => {
    const log = captureLogger();
    const broken = await openTestApp({ logger: log.logger });
    try {
      await seedDemo(broken.database, 2);
      await broken.database.rows(sql`drop table order_items`);
      const response = await broken.gql('{ orders(first: 1) { nodes { id items { id } } } }', {}, key);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ]);
      expect(JSON.stringify(response.body)).not.toMatch(/order_items|select|at .*\.ts/);
      const [entry] = log.lines.filter((line) => line.msg === 'unexpected error');
      expect(entry).toMatchObject({ reqId: expect.any(String), count: 1 });
      expect(entry!.error).toMatch(/order_items/);
    } finally {
      await broken.close();
    }
  });
});
