/**
 * A start-up failure as the one line a person needs: what failed and what to do, no stack (the
 * usual ones: a bad setting, the port in use, the database unreachable or its directory unusable).
 */
import { ConfigError, type Config } from '../config.js';
import { EmbeddedDatabaseBusy } from '../db/embedded-lock.js';
import { isUnavailable } from '../db/unavailable.js';

/** `host:port/database` of a URL, without its user or password. */
function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export function startupFailure(error: unknown, config: Config | undefined): string {
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseBusy) return error.message;
  const { code, message, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (syscall === 'listen' && code === 'EADDRINUSE') {
    return `Port ${config?.port} on ${config?.host} is in use: stop what listens there, or set PORT to another port.`;
  }
  if (syscall === 'listen' && code === 'EACCES') {
    return `Not allowed to listen on ${config?.host}:${config?.port}: set PORT to a port above 1023.`;
  }
  if (config?.databaseUrl && isUnavailable(error)) {
    return `Cannot reach the database at ${where(config.databaseUrl)} (${code ?? message}): start it, or correct DATABASE_URL.`;
  }
  if (!config?.databaseUrl && code && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC'].includes(code)) {
    return `Cannot use DATA_DIR ${config?.dataDir} (${code}: ${message}): point DATA_DIR at a directory this user can write.`;
  }
  return `Could not start: ${message ?? String(error)}`;
}
