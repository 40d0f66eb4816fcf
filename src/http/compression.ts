/**
 * Compressed answers for clients that accept them (brotli, else gzip): a page of 50 orders with
 * their histories is some 350 KB of JSON and a tenth of that compressed. Small answers and ones
 * already encoded (GraphiQL's assets) go as they are.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const MIN_BYTES = 1_024;

function chosen(acceptEncoding: string | null): 'br' | 'gzip' | null {
  const accepted = (acceptEncoding ?? '').split(',').map((part) => part.trim().split(';'));
  const ok = (name: string) => accepted.some(([coding, q]) => coding === name && !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''));
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

export function useCompression(): Plugin {
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const encoding = chosen(request.headers.get('accept-encoding'));
      if (!encoding || !response.body || response.headers.has('content-encoding')) return;
      // JSON only: a stream (SSE, multipart) must go out as it is made, not once it ends.
      if (!/\bjson\b/.test(response.headers.get('content-type') ?? '')) return;
      const body = Buffer.from(await response.arrayBuffer());
      const headers = new fetchAPI.Headers(response.headers);
      headers.append('vary', 'accept-encoding');
      if (body.length < MIN_BYTES) {
        setResponse(new fetchAPI.Response(body, { status: response.status, headers }));
        return;
      }
      const compressed =
        encoding === 'br' ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : await gzipped(body, { level: 6 });
      headers.set('content-encoding', encoding);
      headers.delete('content-length');
      setResponse(new fetchAPI.Response(compressed, { status: response.status, headers }));
    },
  };
}
