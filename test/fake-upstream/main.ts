/**
 * The fake upstream as its own process: `tsx test/fake-upstream/main.ts [--orders N] [--merchant demo-a|demo-b]
 * [--token T] [--window N]`. Prints one JSON line (`{"url", "token", "merchantId"}`) on standard
 * output once it listens; stops on SIGTERM/SIGINT or when its standard input closes (its parent died).
 */
import { parseArgs } from 'node:util';
import { buildStore } from './fixtures.js';
import { startFakeUpstream } from './server.js';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '100' },
    merchant: { type: 'string', default: 'demo-a' },
    token: { type: 'string', default: 'test-token' },
    window: { type: 'string', default: '10000' },
  },
});

const store = buildStore({ ordersPerMerchant: Number(values.orders), merchantId: values.merchant as 'demo-a' | 'demo-b' });
const fake = await startFakeUpstream({ store, token: values.token, window: Number(values.window) });
process.stdout.write(`${JSON.stringify({ url: fake.url, token: fake.token, merchantId: store.merchantId })}\n`);

// The server is unref'd; this keeps the process up until asked to stop.
const keepAlive = setInterval(() => {}, 1 << 30);
const stop = () => {
  clearInterval(keepAlive);
  void fake.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
