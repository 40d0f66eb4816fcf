/**
 * A real PgBouncer (Debian's `pgbouncer`) in transaction pooling mode on 127.0.0.1, in front of
 * one PostgreSQL server: every database name is passed through. PgBouncer refuses to run as root,
 * so as root it switches to user `postgres` (`-u`), like the server.
 *
 *   const bouncer = await startPgBouncer(5432);   // bouncer.url('orders') → postgres://postgres@127.0.0.1:<port>/orders
 *   await bouncer.stop();
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, PG_BIN, postgresDir } from './postgres-server.js';

export const PGBOUNCER = process.env.PGBOUNCER ?? '/usr/sbin/pgbouncer';

export const pgbouncerAvailable = () => existsSync(PGBOUNCER);

export interface PgBouncer {
  port: number;
  url(database: string): string;
  /** Transactions served per database so far (its admin console's SHOW STATS). */
  transactions(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(true) ?? socket.destroy());
    socket.once('error', () => resolve(false));
  });
}

export async function startPgBouncer(serverPort: number): Promise<PgBouncer> {
  const port = await freePort();
  const dir = await postgresDir('ohg-pgbouncer-');
  const ini = join(dir, 'pgbouncer.ini');
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=127.0.0.1 port=${serverPort}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir =`,
      'auth_type = trust',
      'admin_users = postgres',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 500',
      'default_pool_size = 20',
      // The gateway sends its statement timeout as a startup parameter; PgBouncer cannot track it.
      'ignore_startup_parameters = statement_timeout',
      // A database a test drops is gone at once: no server connection waits in the pool for it.
      'server_lifetime = 60',
      'server_idle_timeout = 5',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'users.txt'), '"postgres" ""\n');
  const asRoot = process.getuid?.() === 0;
  const child = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), ini], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; !(await accepts(port)); attempt += 1) {
    if (child.exitCode !== null || attempt > 200) {
      child.kill('SIGKILL');
      throw new Error(`pgbouncer did not start: ${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async transactions() {
      const args = ['-qAtX', '-F', ' ', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'pgbouncer', '-c', 'show stats'];
      const { stdout } = await promisify(execFile)(join(PG_BIN, 'psql'), args);
      // Columns: database, total_xact_count, …
      return new Map(stdout.trim().split('\n').map((line) => line.split(' ')).map(([name, count]) => [name!, Number(count)]));
    },
    async stop() {
      // SIGINT: PgBouncer's immediate shutdown.
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
