/**
 * Part of `npm run build`: compresses GraphiQL's assets at brotli's best into `dist/graphiql/`
 * (about ten seconds of CPU, once), which the server then serves as they are
 * (src/http/graphiql.ts). Does nothing while the files there match the bundle.
 *   npx tsx scripts/build-graphiql-assets.ts
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import { brotliOptions, graphiqlSources, PRECOMPRESSED_DIR } from '../src/http/graphiql.js';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

const sources = await graphiqlSources();
const wanted = new Set(sources.flatMap(({ name }) => [`${name}.br`, `${name}.gz`]));
mkdirSync(PRECOMPRESSED_DIR, { recursive: true });
for (const stale of readdirSync(PRECOMPRESSED_DIR).filter((file) => !wanted.has(file))) rmSync(`${PRECOMPRESSED_DIR}${stale}`);

const missing = sources.filter(({ name }) => !existsSync(`${PRECOMPRESSED_DIR}${name}.br`) || !existsSync(`${PRECOMPRESSED_DIR}${name}.gz`));
// In parallel: zlib works on libuv's thread pool.
await Promise.all(
  missing.map(async ({ name, body }) => {
    const [br, gz] = await Promise.all([brotli(body, brotliOptions(11, body.length)), gzipped(body, { level: 9 })]);
    // Written aside and renamed: a build cut short never leaves half a file to be served.
    for (const [file, data] of [[`${name}.br`, br], [`${name}.gz`, gz]] as const) {
      writeFileSync(`${PRECOMPRESSED_DIR}${file}.partial`, data);
      renameSync(`${PRECOMPRESSED_DIR}${file}.partial`, `${PRECOMPRESSED_DIR}${file}`);
    }
  }),
);
if (missing.length) process.stderr.write(`Compressed ${missing.length} GraphiQL assets into ${PRECOMPRESSED_DIR}\n`);
