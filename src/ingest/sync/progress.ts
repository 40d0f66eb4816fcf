/**
 * The progress line on standard error: pages and rows per source as they commit, rows/s at the
 * end. On a terminal the line rewrites itself; elsewhere (logs, CI) it prints at most once a second.
 */
export interface SourceStats {
  source: string;
  pages: number;
  rows: number;
  ms: number;
}

export interface Progress {
  start(source: string): void;
  /** One page (or batch) committed, holding `rows` records. */
  page(rows: number): void;
  /** A one-off remark (a retry, a skipped order), shown with the line. */
  note(message: string): void;
  /** Ends the current source and returns its figures. */
  finish(): SourceStats;
  /** Every finished source, in order. */
  readonly done: SourceStats[];
}

export const rate = (rows: number, ms: number) => (ms > 0 ? Math.round((rows * 1000) / ms) : rows);

export function createProgress(options: {
  label: string;
  write?: (text: string) => void;
  tty?: boolean;
  now?: () => number;
}): Progress {
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const tty = options.tty ?? process.stderr.isTTY === true;
  const now = options.now ?? Date.now;
  const done: SourceStats[] = [];
  let current: SourceStats | null = null;
  let startedAt = 0;
  let shownAt = 0;
  let remark = '';

  const line = (s: SourceStats) =>
    `${options.label} ${s.source}: ${s.pages} page${s.pages === 1 ? '' : 's'}, ${s.rows} rows${remark ? ` (${remark})` : ''}`;
  const show = (force = false) => {
    if (!current) return;
    if (!force && now() - shownAt < (tty ? 100 : 1000)) return;
    shownAt = now();
    write(tty ? `\r\x1b[2K${line(current)}` : `${line(current)}\n`);
  };

  return {
    done,
    start(source) {
      current = { source, pages: 0, rows: 0, ms: 0 };
      startedAt = now();
      shownAt = now();
      remark = '';
    },
    page(rows) {
      if (!current) return;
      current.pages += 1;
      current.rows += rows;
      show();
    },
    note(message) {
      remark = message;
      show(true);
    },
    finish() {
      const stats = current ?? { source: '?', pages: 0, rows: 0, ms: 0 };
      stats.ms = now() - startedAt;
      remark = '';
      const seconds = (stats.ms / 1000).toFixed(1);
      write(`${tty ? '\r\x1b[2K' : ''}${line(stats)} in ${seconds} s (${rate(stats.rows, stats.ms)} rows/s)\n`);
      done.push(stats);
      current = null;
      return stats;
    },
  };
}
