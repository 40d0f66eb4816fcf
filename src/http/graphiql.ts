/**
 * GraphiQL, served from this server only: a small page (a `GET /graphql` that accepts HTML, no
 * key needed) that loads Yoga's GraphiQL bundle as separate assets under `/graphiql/`, named by
 * their content's hash, cacheable for a year and compressed (brotli or gzip, as the browser
 * accepts). `npm run build` compresses them at brotli's best (some 1.9 MB for the 9 MB bundle;
 * too slow to do at start); without that, the first visit compresses them quicker and larger.
 * `/` leads to the page.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Where the build leaves `<asset name>.br` and `.gz` (the names carry the content's hash). */
export const PRECOMPRESSED_DIR = fileURLToPath(new URL('../../dist/graphiql/', import.meta.url));

export interface GraphiQLPage {
  title: string;
  defaultQuery: string;
  /** Headers GraphiQL starts with (the demo key, so the example runs as it opens). */
  headers: Record<string, string>;
}

interface Asset {
  type: string;
  body: Uint8Array<ArrayBuffer>;
  br: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
}

const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.length);

const ASSET_TYPES = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', ico: 'image/x-icon' } as const;

/** brotli at `quality`, with a window as large as the biggest piece (5 MB) so repeats far apart count. */
export const brotliOptions = (quality: number, size: number) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: size },
});

export interface AssetSource {
  name: string;
  body: Buffer;
  type: string;
}

/** The bundle's pieces (its favicon too: a 150 KB data URL inline), each named by its content's hash. */
export async function graphiqlSources(): Promise<AssetSource[]> {
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const pieces: [string, Buffer, keyof typeof ASSET_TYPES][] = [
    ['graphiql', Buffer.from(bundle.js), 'js'],
    ['graphiql', Buffer.from(bundle.css), 'css'],
    ['editor-worker', Buffer.from(bundle.editorWorkerService), 'js'],
    ['json-worker', Buffer.from(bundle.jsonWorker), 'js'],
    ['graphql-worker', Buffer.from(bundle.graphqlWorker), 'js'],
    ['favicon', Buffer.from(bundle.favicon.slice(bundle.favicon.indexOf(',') + 1), 'base64'), 'ico'],
  ];
  return pieces.map(([stem, body, extension]) => ({
    name: `${stem}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${extension}`,
    body,
    type: ASSET_TYPES[extension],
  }));
}

async function asset({ name, body, type }: AssetSource): Promise<Asset> {
  const [br, gz] = await Promise.all([
    readFile(`${PRECOMPRESSED_DIR}${name}.br`).catch(() => brotli(body, brotliOptions(6, body.length))),
    readFile(`${PRECOMPRESSED_DIR}${name}.gz`).catch(() => gzipped(body, { level: 6 })),
  ]);
  return { type, body: bytes(body), br: bytes(br), gzip: bytes(gz) };
}

/** The bundle's pieces as assets by name, and the page that loads them. */
async function build(page: GraphiQLPage): Promise<{ assets: Map<string, Asset>; html: string }> {
  const sources = await graphiqlSources();
  const assets = new Map<string, Asset>();
  for (const source of sources) assets.set(source.name, await asset(source));
  const [js, css, editor, json, graphql, favicon] = sources.map(({ name }) => `/graphiql/${name}`);
  const options = { title: page.title, defaultQuery: page.defaultQuery, headers: JSON.stringify(page.headers), shouldPersistHeaders: true, endpoint: '/graphql' };
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${page.title}</title>
    <link rel="icon" href="${favicon}" />
    <link rel="stylesheet" href="${css}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script>
      const workers = { editorWorkerService: '${editor}', json: '${json}', graphql: '${graphql}' };
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
    </script>
    <script src="${js}"></script>
    <script>YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${JSON.stringify(options).replace(/</g, '\\u003c')});</script>
  </body>
</html>`;
  return { assets, html };
}

const acceptsHtml = (request: Request) => (request.headers.get('accept') ?? '').includes('text/html');

export function useGraphiQL(page: GraphiQLPage, graphqlEndpoint: string): Plugin {
  let built: ReturnType<typeof build> | undefined;
  const ready = () => (built ??= build(page));
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === '/') {
        return endResponse(new Response(null, { status: 302, headers: { location: graphqlEndpoint } }));
      }
      if (url.pathname === graphqlEndpoint && acceptsHtml(request) && !url.searchParams.has('query')) {
        const { html } = await ready();
        return endResponse(new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } }));
      }
      if (!url.pathname.startsWith('/graphiql/')) return;
      const found = (await ready()).assets.get(url.pathname.slice('/graphiql/'.length));
      if (!found) return endResponse(new Response('Not found', { status: 404 }));
      const accepted = request.headers.get('accept-encoding') ?? '';
      const [body, encoding] = /\bbr\b/.test(accepted) ? [found.br, 'br'] : /\bgzip\b/.test(accepted) ? [found.gzip, 'gzip'] : [found.body, null];
      return endResponse(
        new Response(body, {
          headers: {
            'content-type': found.type,
            'cache-control': 'public, max-age=31536000, immutable',
            vary: 'accept-encoding',
            ...(encoding ? { 'content-encoding': encoding } : {}),
          },
        }),
      );
    },
  };
}
