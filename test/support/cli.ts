/**
 * Runs a project command as a child process, the way a person would: the compiled entry point
 * under `dist/` (`npm test` builds it first).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `dist/<path>.js` for a source entry point such as `src/cli/import.ts`. */
export const compiled = (source: string) =>
  fileURLToPath(new URL(`../../dist/${source.replace(/^src\//, '').replace(/\.ts$/, '.js')}`, import.meta.url));

/** Runs the compiled `script` (`src/cli/import.ts`) with `args` from the project root and collects its output. */
export function runCommand(script: string, args: string[], env: Record<string, string>, input?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [compiled(script), ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.end(input ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
