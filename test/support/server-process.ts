/**
 * The compiled server as a child process on a port the OS picks: resolves once it printed its
 * URL, with what it wrote so far and a way to stop it.
 *
 *   const server = await startServer({ DATABASE_URL: url });
 *   await fetch(`${server.base}/graphql`, ...);
 *   await server.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { compiled } from './cli.js';

export interface ServerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  base: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `ready`: when the output so far shows the server is up (default: it printed its URL). */
export function startServer(
  env: Record<string, string>,
  { timeoutMs = 60_000, ready = (stdout: string) => /at http:\/\/\S+\/graphql/.test(stdout) } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [compiled('src/server.ts')], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${stdout}\n${stderr}`)), timeoutMs);
    void exited.then((code) => reject(new Error(`the server exited with ${code}:\n${stdout}\n${stderr}`)));
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /at (http:\/\/[^\s]+)\/graphql/.exec(stdout);
      if (!match || !ready(stdout)) return;
      clearTimeout(timer);
      resolve({
        child,
        base: match[1]!,
        stdout: () => stdout,
        stderr: () => stderr,
        stop: () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
