import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let keys: { viewer: string; editor: string };

beforeAll(async () => {
  app = await openTestApp();
  keys = await app.merchant('shop-a');
  await app.merchant('shop-b');
});
afterAll(() => app.close());

describe('API keys', () => {
  it('says who a key is', async () => {
    const viewer = await app.gql('{ viewer { merchantId role } }', {}, keys.viewer);
    expect(viewer.body.data).toEqual({ viewer: { merchantId: 'shop-a', role: 'VIEWER' } });
    const editor = await app.gql('{ viewer { merchantId role } }', {}, keys.editor);
    expect(editor.body.data).toEqual({ viewer: { merchantId: 'shop-a', role: 'EDITOR' } });
  });

  it('answers 401 with UNAUTHENTICATED and no data without a key', async () => {
    const response = await app.gql('{ viewer { merchantId } }', {}, null);
    expect(response.status).toBe(401);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for an unknown key', async () => {
    const response = await app.gql('{ viewer { merchantId } }', {}, 'ohg_not-a-key');
    expect(response.status).toBe(401);
    expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
  });

  it('answers 401 before looking at an invalid document', async () => {
    const response = await app.gql('{ nope }', {}, null);
    expect(response.status).toBe(401);
  });
});
