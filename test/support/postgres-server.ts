/**
 * A throwaway PostgreSQL server on 127.0.0.1, from the server binaries on this machine
 * (`PG_BIN`, default /usr/lib/postgresql/15/bin): for the fault tests (stopped and started under
 * load), the replica and pooler tests, and the benchmark. PostgreSQL refuses to run as root, so as
 * root it runs as user `postgres`.
 *
 *   const pg = await startPostgres();   // pg.url('postgres') → postgres://postgres@127.0.0.1:<port>/postgres
 *   await pg.stop(); await pg.start();  // an outage and a recovery
 *   await pg.destroy();
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export const postgresAvailable = () => existsSync(join(PG_BIN, 'initdb'));

export interface PostgresServer {
  port: number;
  dir: string;
  url(database?: string): string;
  start(): Promise<void>;
  /** A fast shutdown: connections are cut, as in an outage. */
  stop(): Promise<void>;
  /** SQL through psql, for setup the drivers cannot do (replication, extensions). */
  psql(database: string, sql: string): Promise<string>;
  destroy(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;
let postgresIds: { uid: number; gid: number } | undefined;

async function ids(): Promise<{ uid: number; gid: number }> {
  if (!postgresIds) {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    postgresIds = { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  return postgresIds;
}

/** Runs a server binary, as user postgres when this process is root. */
export function asPostgres(binary: string, args: string[]) {
  const path = join(PG_BIN, binary);
  return asRoot ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args);
}

/** A directory user postgres owns (and may enter), for a data directory. */
export async function postgresDir(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o700);
  if (asRoot) {
    const { uid, gid } = await ids();
    chownSync(dir, uid, gid);
  }
  return dir;
}

export interface StartOptions {
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
  /** An existing data directory (a replica made by pg_basebackup) instead of a new cluster. */
  dataDir?: string;
}

export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const port = await freePort();
  const dir = options.dataDir ?? (await postgresDir('ohg-pg-'));
  if (!options.dataDir) {
    await asPostgres('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  }
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    port,
    unix_socket_directories: dir,
    fsync: 'off',
    synchronous_commit: 'off',
    max_connections: 200,
    ...options.settings,
  };
  const flags = Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`).join(' ');
  const logFile = join(dir, 'server.log');
  const server: PostgresServer = {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: async () => void (await asPostgres('pg_ctl', ['-D', dir, '-w', '-t', '60', '-l', logFile, '-o', flags, 'start'])),
    stop: async () => void (await asPostgres('pg_ctl', ['-D', dir, '-w', '-m', 'fast', 'stop'])),
    psql: async (database, sql) =>
      (await run(join(PG_BIN, 'psql'), ['-qAtX', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-c', sql])).stdout,
    destroy: async () => {
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
