/** A logger whose lines a test can read back, parsed: what the server would write on standard error. */
import { pino, type Logger } from 'pino';

export interface CapturedLog {
  logger: Logger;
  lines: Record<string, any>[];
}

export function captureLogger(): CapturedLog {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level: 'info', base: undefined }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}
