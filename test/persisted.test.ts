/**
 * Trusted documents: a manifest GraphQL Code Generator's client preset writes from the operations
 * in `fixtures/operations/`, served as the only documents that run; and Apollo's automatic
 * persisted queries when there is no manifest.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../src/http/persisted.js';
import { schema } from '../src/schema/index.js';
import { openTestApp, type TestApp } from './support/app.js';

const OPERATIONS = fileURLToPath(new URL('./fixtures/operations/*.graphql', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ohg-persisted-'));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let manifestFile: string;
let manifest: Record<string, string>;

beforeAll(async () => {
  writeFileSync(join(dir, 'schema.graphql'), printSchema(schema));
  await generate(
    {
      schema: join(dir, 'schema.graphql'),
      documents: OPERATIONS,
      silent: true,
      generates: { [join(dir, 'gql/')]: { preset: 'client', presetConfig: { persistedDocuments: true } } },
    },
    true,
  );
  manifestFile = join(dir, 'gql', 'persisted-documents.json');
  manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const idOf = (operation: string) => Object.entries(manifest).find(([, document]) => document.startsWith(`query ${operation}`))![0];

async function post(app: TestApp, body: unknown, key: string) {
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('PERSISTED_DOCUMENTS: only the manifest runs', () => {
  let app: TestApp;
  let key: string;
  beforeAll(async () => {
    app = await openTestApp({ manifest: loadManifest(manifestFile, schema) });
    ({ viewer: key } = await app.merchant('shop-trusted'));
  });
  afterAll(() => app.close());

  it('runs a document of the manifest by its documentId, and by an APQ hash', async () => {
    expect(Object.keys(manifest)).toHaveLength(2);
    const byId = await post(app, { documentId: idOf('RecentOrders'), variables: { first: 2 } }, key);
    expect(byId.status).toBe(200);
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data.orders).toMatchObject({ totalCount: expect.any(Number), nodes: expect.any(Array) });
    const hash = idOf('Viewer').replace(/^sha256:/, '');
    const byHash = await post(app, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, key);
    expect(byHash.body).toEqual({ data: { viewer: { merchantId: 'shop-trusted', role: 'VIEWER' } }, extensions: expect.any(Object) });
  });

  it('refuses any other document with PERSISTED_QUERY_ONLY, and an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
    const arbitrary = await post(app, { query: '{ viewer { merchantId } }' }, key);
    expect(arbitrary.status).toBe(400);
    expect(arbitrary.body.data).toBeUndefined();
    expect(arbitrary.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/runs only the documents of its manifest \(PERSISTED_DOCUMENTS\)/),
      extensions: { code: 'PERSISTED_QUERY_ONLY' },
    });
    const alongside = await post(app, { documentId: idOf('Viewer'), query: '{ viewer { role } }' }, key);
    expect(alongside.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await post(app, { documentId: `sha256:${sha256('query Nope { viewer { role } }')}` }, key);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  });

  it('is checked against the schema before the server starts', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ 'sha256:1': 'query Q { nothing }' }));
    expect(() => loadManifest(bad, schema)).toThrow(/PERSISTED_DOCUMENTS: .*bad\.json: document "sha256:1" is invalid: Cannot query field "nothing"/);
    writeFileSync(bad, '[1, 2]');
    expect(() => loadManifest(bad, schema)).toThrow(/not a JSON object of hash → document/);
    expect(() => loadManifest(join(dir, 'missing.json'), schema)).toThrow(/PERSISTED_DOCUMENTS: cannot read .*missing\.json: ENOENT/);
  });
});

describe('automatic persisted queries (no manifest)', () => {
  let app: TestApp;
  let key: string;
  beforeAll(async () => {
    app = await openTestApp();
    ({ viewer: key } = await app.merchant('shop-apq'));
  });
  afterAll(() => app.close());

  const QUERY = 'query Mine { viewer { merchantId } }';
  const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

  it('asks for an unknown hash, learns it with the document, then runs it by hash alone (POST and GET)', async () => {
    const hash = sha256(QUERY);
    const unknown = await post(app, { extensions: persisted(hash) }, key);
    expect(unknown.body.errors[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const registered = await post(app, { query: QUERY, extensions: persisted(hash) }, key);
    expect(registered.body.data).toEqual({ viewer: { merchantId: 'shop-apq' } });
    const byHash = await post(app, { extensions: persisted(hash) }, key);
    expect(byHash.body.data).toEqual({ viewer: { merchantId: 'shop-apq' } });
    const url = `http://localhost/graphql?extensions=${encodeURIComponent(JSON.stringify(persisted(hash)))}`;
    const viaGet = await app.yoga.fetch(url, { headers: { accept: 'application/json', authorization: `Bearer ${key}` } });
    expect((await viaGet.json()).data).toEqual({ viewer: { merchantId: 'shop-apq' } });
  });

  it('refuses a document whose hash is not its sha256, and remembers nothing', async () => {
    const wrong = sha256('something else');
    const refused = await post(app, { query: QUERY, extensions: persisted(wrong) }, key);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    const after = await post(app, { extensions: persisted(wrong) }, key);
    expect(after.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('still runs any document sent as usual', async () => {
    expect((await post(app, { query: '{ viewer { role } }' }, key)).body.data).toEqual({ viewer: { role: 'VIEWER' } });
  });
});
