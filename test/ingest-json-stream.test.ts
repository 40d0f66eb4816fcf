/** The streaming JSON reader: same values as JSON.parse at any chunking, bounded memory, exact error positions. */
import { describe, expect, it } from 'vitest';
import { JsonBodyReader, JsonSyntaxError } from '../src/ingest/import/json-stream.js';
import { upstreamFixture as fixture } from './fixtures/upstream/index.js';

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, recordsKey: string | null, size = text.length || 1) {
  const reader = new JsonBodyReader(chunksOf(text, size), recordsKey);
  const records: [string, unknown][] = [];
  for await (const { path, value } of reader.records()) records.push([path, value]);
  return { records, envelope: reader.envelope, kind: reader.kind, sawRecords: reader.sawRecords, value: reader.value };
}

async function syntaxError(text: string): Promise<string> {
  const error = await read(text, 'items', 3).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(JsonSyntaxError);
  return (error as JsonSyntaxError).message;
}

describe('JsonBodyReader', () => {
  const tricky = JSON.stringify({
    before: { nested: [1, { a: 'x' }], text: 'a "quoted" \\ back\\slash ]} \u00e9 \ud83d\ude00' },
    items: [{ s: '\\"', t: 'end\\\\' }, [[]], 'plain', -1.5e3, true, null, { '{': '[', '"': '\\' }],
    after: 'z',
  }, null, 1);

  it.each([1, 2, 3, 5, 7, 64, 100_000])('gives what JSON.parse gives, read in chunks of %i', async (size) => {
    const parsed = JSON.parse(tricky);
    const result = await read(tricky, 'items', size);
    expect(result.records).toEqual(parsed.items.map((item: unknown, i: number) => [`items[${i}]`, item]));
    expect(result.envelope).toEqual({ before: parsed.before, after: 'z' });
    expect(result).toMatchObject({ kind: 'object', sawRecords: true });
  });

  it('reads every upstream example the same way', async () => {
    for (const [name, key] of [['order-search', 'items'], ['history-changes', 'history'], ['status-history-order', 'entries']] as const) {
      const body = fixture(name);
      const text = JSON.stringify(body, null, 2);
      const records = Array.isArray(body) ? body : body[key];
      const expected = records.map((r: unknown, i: number) => [Array.isArray(body) ? `[${i}]` : `${key}[${i}]`, r]);
      expect((await read(text, key, 13)).records).toEqual(expected);
    }
  });

  it('keeps other kinds of documents whole, and a member named __proto__ as a member', async () => {
    expect(await read('  "text" ', 'items')).toMatchObject({ kind: 'other', value: 'text', records: [] });
    expect(await read('42', 'items', 1)).toMatchObject({ kind: 'other', value: 42 });
    expect(await read('{"items": null}', 'items')).toMatchObject({ kind: 'object', sawRecords: false, envelope: { items: null } });
    const proto = await read('{"__proto__": {"polluted": 1}, "items": []}', 'items');
    expect(Object.getPrototypeOf(proto.envelope)).toBe(Object.prototype);
    expect(proto.envelope).toEqual(JSON.parse('{"__proto__": {"polluted": 1}}'));
    expect((await read('\ufeff[1]', null)).records).toEqual([['[0]', 1]]);
  });

  it('hands out the first record before reading the rest, holding only about one record', async () => {
    const record = { id: 'x'.repeat(1_000) };
    const text = JSON.stringify({ items: Array.from({ length: 5_000 }, () => record) }); // ~5 MB
    let pulled = 0;
    async function* counted() {
      for await (const chunk of chunksOf(text, 16_384)) {
        pulled++;
        yield chunk;
      }
    }
    const reader = new JsonBodyReader(counted(), 'items');
    let largest = 0;
    let count = 0;
    for await (const _ of reader.records()) {
      if (count++ === 0) expect(pulled).toBe(1);
      largest = Math.max(largest, (reader as unknown as { buf: string }).buf.length);
    }
    expect(count).toBe(5_000);
    expect(largest).toBeLessThan(2 * 16_384 + 2 * 1_024);
  });

  it.each([
    ['{"items": [1, 2,]}', "line 1, column 17: expected a value, found ']'"],
    ['{"items": [1 2]}', "line 1, column 14: expected ',' or ']' after an array element, found '2'"],
    ['{\n  "a": {"b": tru}\n}', "line 2, column 14: expected a value, found 't'"],
    ['{"items": [{"y": 1e}]}', 'line 1, column 18: invalid number'],
    ['{"items": [{"k": "v\n"}]}', 'line 1, column 20: unescaped control character in a string'],
    ['{"items": [{"k": "\\u12"}]}', 'line 1, column 19: invalid escape in a string'],
    ['{"a" 1}', "line 1, column 6: expected ':' after a property name, found '1'"],
    ["{'a': 1}", `line 1, column 2: expected a property name in double quotes, found "'"`],
    ['{"items": [', 'line 1, column 12: expected a value, found the end of the file'],
    ['{"items": [{"a": "b', 'line 1, column 20: unterminated string at the end of the file'],
    ['[{"a": [1, 2}]', "line 1, column 13: expected ',' or ']' after an array element, found '}'"],
    ['{}\n\n  x', "line 3, column 3: unexpected 'x' after the JSON value"],
    ['', 'line 1, column 1: the file is empty'],
  ])('refuses %j: %s', async (text, message) => {
    expect(await syntaxError(text)).toBe(message);
  });
});
