/**
 * `npm run seed:demo -- [--orders N]`: loads the demo data set (merchants demo-a and demo-b and
 * their keys) into the configured database. Safe to run twice: imports are idempotent.
 */
import { CliError, openMigratedDatabase, parseCommandLine, runCli } from './run.js';
import { DEFAULT_DEMO_ORDERS, seedDemo } from '../demo/seed.js';

const USAGE = `usage: npm run seed:demo -- [--orders N]
  Loads the demo merchants demo-a and demo-b, N orders each (default ${DEFAULT_DEMO_ORDERS}), and their keys.`;

runCli(async () => {
  const { values } = parseCommandLine(USAGE, { orders: { type: 'string' } });
  const orders = values.orders === undefined ? DEFAULT_DEMO_ORDERS : Number(values.orders);
  if (!Number.isInteger(orders) || orders < 1 || orders > 100_000) {
    throw new CliError('--orders must be a whole number from 1 to 100000', 2);
  }
  const started = Date.now();
  const database = await openMigratedDatabase();
  try {
    const summary = await seedDemo(database, orders);
    process.stderr.write(
      `Demo data loaded: ${summary.orders} orders and ${summary.historyRows} history records in ${Date.now() - started} ms.\n`,
    );
  } finally {
    await database.close();
  }
});
