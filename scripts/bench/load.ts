/**
 * Measured load against a server process: autocannon POSTs one body for a while, and the server's
 * own CPU time and bytes read (from /proc) are divided by the requests answered. CPU time per
 * request is the figure to compare across commits: it is charged to the server whatever else the
 * machine does, where requests per second move with the machine's load.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  readKbPerRequest: number;
  failed: number;
}

/** utime + stime of a process, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ = 100
}

/** Bytes the process has read from files and sockets (its database answers, mostly). */
export function bytesRead(pid: number): number {
  return Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
}

export interface LoadOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  pid: number;
  seconds: number;
  connections: number;
}

const fire = (options: LoadOptions, seconds: number) =>
  autocannon({
    url: options.url,
    method: 'POST',
    body: options.body,
    headers: { 'content-type': 'application/json', ...options.headers },
    connections: options.connections,
    duration: seconds,
  });

export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  await fire(options, 2); // warm-up: JIT, caches, pool
  const cpu0 = cpuMs(options.pid);
  const read0 = bytesRead(options.pid);
  const result = await fire(options, options.seconds);
  const requests = Math.max(result.requests.total, 1);
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest: (cpuMs(options.pid) - cpu0) / requests,
    readKbPerRequest: (bytesRead(options.pid) - read0) / requests / 1024,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
