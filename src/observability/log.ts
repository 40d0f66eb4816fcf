/**
 * The process's logger: pino, one JSON object per line on standard error (`LOG_FORMAT=pretty` for
 * a terminal), at `LOG_LEVEL`. API keys and other secrets never reach it: request lines carry the
 * merchant, never the key.
 */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(options: { level: LogLevel; format: 'json' | 'pretty' }): Logger {
  if (options.format === 'pretty') {
    return pino({ level: options.level, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino({ level: options.level, base: undefined }, pino.destination({ dest: 2, sync: false }));
}

/** A logger that writes nothing, for tests and tools. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
