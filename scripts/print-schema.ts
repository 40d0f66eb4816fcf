/**
 * `npm run schema:print`: writes schema.graphql (the subgraph SDL) from the code. A test fails
 * when the committed file differs from what this prints.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchemaFile } from '../src/schema/print.js';

const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
writeFileSync(target, printSchemaFile());
process.stderr.write(`Wrote ${target}\n`);
