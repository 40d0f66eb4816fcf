/** The `import` command's flags: parsed and checked before the database is touched. */
import { parseArgs } from 'node:util';
import { PER_ORDER_SOURCES, SOURCES, isSource, upstreamNamed, type Source } from '../ingest/registry.js';
import { HISTORY_ENTITIES, type HistoryEntity } from '../ingest/upstream.js';
import { CliError } from './run.js';

export const USAGE = `usage:
  npm run import -- --merchant <id> --source <source> [--order <id>] [--entity <entity>] FILE
  npm run import -- --merchant <id> --dir DIR [--fail-fast]

  --merchant <id>    the merchant the data belongs to (created when new)
  --source <source>  what FILE holds: ${SOURCES.join(', ')}
  --order <id>       the upstream order id, required for action-logs and traces (upstream takes it
                     from the URL) and refused for the others
  --entity <entity>  history-changes only: ${HISTORY_ENTITIES.join(', ')} (default order)
  --dir DIR          a snapshot: DIR/orders/*.json, DIR/order-links/*.json, DIR/action-logs/<order id>.json,
                     DIR/traces/<order id>.json, DIR/status-history/*.json, DIR/history-changes/*.json
                     (customer and pack changes in history-changes/customer/ and history-changes/pack/)
  --fail-fast        with --dir: stop at the first refused file (default: go on, exit 1 at the end)
  -h, --help         this text

Each file is all or nothing: a bad record or malformed JSON refuses the whole file.
Exit status: 0 imported, 1 a file refused (or the database failed), 2 bad flags, 130 interrupted.`;

export type ImportArgs =
  | { mode: 'help' }
  | { mode: 'file'; merchantId: string; source: Source; file: string; orderId?: string; entity?: HistoryEntity }
  | { mode: 'dir'; merchantId: string; dir: string; failFast: boolean };

const usageError = (problem: string) => new CliError(`import: ${problem}\n\n${USAGE}`, 2);

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.includes('\u0000')) throw usageError(`--${name} needs a value`);
  return trimmed;
}

export function parseImportArgs(argv: string[]): ImportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        merchant: { type: 'string' },
        source: { type: 'string' },
        order: { type: 'string' },
        entity: { type: 'string' },
        dir: { type: 'string' },
        'fail-fast': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { mode: 'help' };
  const merchantId = nonEmpty('merchant', values.merchant);
  if (!merchantId) throw usageError('--merchant is required');
  const order = nonEmpty('order', values.order);
  const dir = nonEmpty('dir', values.dir);

  if (dir !== undefined) {
    const extra = [values.source && '--source', order && '--order', values.entity && '--entity', positionals.length > 0 && 'FILE'];
    const given = extra.filter(Boolean);
    if (given.length > 0) throw usageError(`--dir takes no ${given.join(', ')}: a snapshot's layout says what each file is`);
    return { mode: 'dir', merchantId, dir, failFast: values['fail-fast'] === true };
  }
  if (values['fail-fast']) throw usageError('--fail-fast goes with --dir');
  if (values.source === undefined) throw usageError('give --source with a FILE, or --dir');
  if (!isSource(values.source)) throw usageError(`--source must be one of ${SOURCES.join(', ')}, got "${values.source}"`);
  const source = values.source;
  if (positionals.length !== 1) {
    throw usageError(positionals.length === 0 ? 'FILE is missing' : `one FILE at a time (got ${positionals.length}); use --dir for a snapshot`);
  }
  const file = positionals[0]!;
  const args: ImportArgs = { mode: 'file', merchantId, source, file };

  if (PER_ORDER_SOURCES.includes(source)) {
    if (!order) throw usageError(`--order is required for --source ${source}: upstream takes the order id from the URL`);
    args.orderId = order;
  } else if (order !== undefined) {
    throw usageError(`--order is only for ${PER_ORDER_SOURCES.join(' and ')}: ${source} records name their own order`);
  }
  if (values.entity !== undefined) {
    const { entities } = upstreamNamed(source);
    const takers = SOURCES.filter((name) => upstreamNamed(name).entities).map((name) => `--source ${name}`);
    if (!entities) throw usageError(`--entity is only for ${takers.join(' and ')}`);
    if (!entities.includes(values.entity as HistoryEntity)) {
      throw usageError(`--entity must be one of ${entities.join(', ')}, got "${values.entity}"`);
    }
    args.entity = values.entity as HistoryEntity;
  }
  return args;
}
