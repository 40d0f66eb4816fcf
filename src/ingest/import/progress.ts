/**
 * The progress line and the closing summary, both for standard error. On a terminal the line is
 * redrawn in place; in a log it is written every few seconds, so a long backfill neither floods
 * the log nor goes silent.
 */
import type { Source } from '../registry.js';

export interface ImportReporter {
  fileStarted(file: string, source: Source): void;
  /** Records written so far in the current file's transaction (they count once it commits). */
  rows(count: number): void;
  fileDone(ok: boolean): void;
  /** A message of its own (a refused file, a skipped entry). */
  problem(message: string): void;
}

export interface TextOut {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface SourceTotals {
  files: number;
  rows: number;
}

export interface ImportTotals {
  /** Files listed; those imported are counted per source. */
  files: number;
  refused: number;
  rows: number;
  ms: number;
  bySource: Partial<Record<Source, SourceTotals>>;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
export const rate = (rows: number, ms: number) => (ms > 0 ? (rows * 1000) / ms : 0);

export class ProgressLine implements ImportReporter {
  private done = 0;
  private rowCount = 0;
  /** Rows of the file in progress: they count only once its transaction commits. */
  private pending = 0;
  private source = '';
  private lastDraw: number;
  private readonly started: number;

  constructor(
    private readonly out: TextOut,
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
    private readonly every = out.isTTY ? 100 : 5_000,
  ) {
    this.started = now();
    this.lastDraw = this.started;
  }

  fileStarted(_file: string, source: Source): void {
    this.source = source;
    this.draw();
  }

  rows(count: number): void {
    this.pending += count;
    this.draw();
  }

  fileDone(ok: boolean): void {
    if (ok) this.rowCount += this.pending;
    this.pending = 0;
    this.done++;
    this.draw();
  }

  problem(message: string): void {
    this.out.write(this.out.isTTY ? `\r\x1b[K${message}\n` : `${message}\n`);
    if (this.out.isTTY) this.draw(true);
  }

  /** The last progress line, always written, ending the line. */
  finish(): void {
    this.draw(true);
    if (this.out.isTTY) this.out.write('\n');
  }

  text(): string {
    const ms = this.now() - this.started;
    const rows = this.rowCount + this.pending;
    const where = this.source && this.done < this.total ? ` (${this.source})` : '';
    return `progress: ${fmt(this.done)}/${fmt(this.total)} files, ${fmt(rows)} rows, ${fmt(rate(rows, ms))} rows/s${where}`;
  }

  private draw(force = false): void {
    const t = this.now();
    if (!force && t - this.lastDraw < this.every) return;
    this.lastDraw = t;
    this.out.write(this.out.isTTY ? `\r\x1b[K${this.text()}` : `${this.text()}\n`);
  }
}

/** The closing summary: totals, then one line per source that had files. */
export function formatSummary(totals: ImportTotals): string {
  const seconds = (totals.ms / 1000).toFixed(1);
  const imported = Object.values(totals.bySource).reduce((sum, source) => sum + source.files, 0);
  const lines = [
    `imported ${fmt(imported)} of ${fmt(totals.files)} file${totals.files === 1 ? '' : 's'} in ${seconds} s: ` +
      `${fmt(totals.rows)} rows, ${fmt(rate(totals.rows, totals.ms))} rows/s`,
  ];
  for (const [source, { files, rows }] of Object.entries(totals.bySource)) {
    lines.push(`  ${source.padEnd(16)} ${fmt(rows).padStart(10)} row${rows === 1 ? ' ' : 's'} from ${fmt(files)} file${files === 1 ? '' : 's'}`);
  }
  return `${lines.join('\n')}\n`;
}
