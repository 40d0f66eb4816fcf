/**
 * Reads one JSON document from a stream of text chunks and hands out the elements of its record
 * array one at a time, so a many-megabyte response never sits in memory whole: only the element
 * being read is buffered. The reader finds each element's extent itself (brackets and strings) and
 * parses it with JSON.parse, which is fast; only after a failure does it look for the exact line
 * and column.
 */
import { at, IngestError } from '../errors.js';
import type { BodyKind } from '../body.js';
import { describeAt, findSyntaxProblem } from './json-syntax.js';

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';

  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

export interface JsonRecord {
  value: unknown;
  /** `items[3]` for the records member of an object, `[3]` for a top-level array. */
  path: string;
}

const SPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const [QUOTE, BACKSLASH, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA, COLON] =
  [...'"\\{}[],:'].map((c) => c.charCodeAt(0)) as [number, number, number, number, number, number, number, number];
const END = -1;

export class JsonBodyReader {
  /** What the document is; set before the first record is handed out. */
  kind: BodyKind | undefined;
  /** An object document's members other than the streamed record array. */
  readonly envelope: Record<string, unknown> = {};
  /** Whether the object document had its record array (as an array). */
  sawRecords = false;
  /** The document itself when it is neither object nor array. */
  value: unknown;

  private buf = '';
  private pos = 0;
  /** Offset in the document of `buf[0]`, and the line count and line start up to there. */
  private base = 0;
  private line = 1;
  private lineStart = 0;
  private ended = false;

  /**
   * @param recordsKey the member of an object document whose array is streamed; null streams only a
   *   top-level array
   * @param onKind called as soon as the document's kind is known, so a wrong body stops early
   */
  constructor(
    private readonly chunks: AsyncIterator<string>,
    private readonly recordsKey: string | null,
    private readonly onKind: (kind: BodyKind) => void = () => {},
  ) {}

  async *records(): AsyncGenerator<JsonRecord> {
    let c = await this.peek();
    if (c === 0xfeff) {
      this.pos++;
      c = await this.peek();
    }
    if (c === END) throw this.error(this.base + this.pos, 'the file is empty');
    this.kind = c === OPEN_ARRAY ? 'array' : c === OPEN_OBJECT ? 'object' : 'other';
    this.onKind(this.kind);
    if (this.kind === 'array') yield* this.elements('');
    else if (this.kind === 'object') yield* this.members();
    else this.value = await this.readValue();
    if ((await this.peek()) !== END) throw this.error(this.base + this.pos, `unexpected ${this.here()} after the JSON value`);
  }

  private async *members(): AsyncGenerator<JsonRecord> {
    this.pos++;
    let c = await this.peek();
    if (c === CLOSE_OBJECT) return void this.pos++;
    const seen = new Set<string>();
    for (;;) {
      if (c !== QUOTE) throw this.expected('a property name in double quotes');
      const key = (await this.readValue()) as string;
      // JSON.parse would keep the last of two members of one name, a stream the first: refuse both.
      if (seen.has(key)) throw new IngestError(key, 'appears twice in the body; send each member once');
      seen.add(key);
      if ((await this.peek()) !== COLON) throw this.expected("':' after a property name");
      this.pos++;
      if (key === this.recordsKey && (await this.peek()) === OPEN_ARRAY) {
        this.sawRecords = true;
        yield* this.elements(key);
      } else {
        // defineProperty: a member named "__proto__" must stay a plain member, as JSON.parse makes it.
        Object.defineProperty(this.envelope, key, { value: await this.readValue(), enumerable: true, writable: true, configurable: true });
      }
      c = await this.peek();
      if (c === CLOSE_OBJECT) return void this.pos++;
      if (c !== COMMA) throw this.expected("',' or '}' after a property value");
      this.pos++;
      c = await this.peek();
    }
  }

  private async *elements(prefix: string): AsyncGenerator<JsonRecord> {
    this.pos++;
    if ((await this.peek()) === CLOSE_ARRAY) return void this.pos++;
    for (let index = 0; ; index++) {
      yield { value: await this.readValue(), path: at(prefix, index) };
      const c = await this.peek();
      if (c === CLOSE_ARRAY) return void this.pos++;
      if (c !== COMMA) throw this.expected("',' or ']' after an array element");
      this.pos++;
    }
  }

  /** Reads the value starting at the next non-space character and leaves `pos` after it. */
  private async readValue(): Promise<unknown> {
    const first = await this.peek();
    if (first === END || first === COMMA || first === COLON || first === CLOSE_ARRAY || first === CLOSE_OBJECT) {
      throw this.expected('a value');
    }
    const composite = first === OPEN_OBJECT || first === OPEN_ARRAY;
    let inString = first === QUOTE;
    let depth = 0;
    let i = inString ? this.pos + 1 : this.pos; // scan cursor; `pos` stays at the value's start until it is parsed
    for (;;) {
      let scan = inString ? this.stringEnd(i, depth) : composite ? this.compositeEnd(i, depth) : this.primitiveEnd(i);
      if (inString && composite && scan.end !== undefined) scan = this.compositeEnd(scan.end, depth);
      if (scan.end !== undefined) {
        i = scan.end;
        break;
      }
      ({ depth, inString } = scan);
      const scanned = scan.next - this.pos;
      if (!(await this.more())) {
        if (composite || first === QUOTE) {
          throw this.error(this.base + this.buf.length, inString ? 'unterminated string at the end of the file' : 'unexpected end of the file');
        }
        i = this.buf.length; // a number or literal may end the document
        break;
      }
      i = this.pos + scanned;
    }
    const start = this.pos;
    const text = this.buf.slice(start, i);
    this.pos = i;
    try {
      return JSON.parse(text);
    } catch (error) {
      const problem = findSyntaxProblem(text) ?? { at: 0, reason: (error as Error).message };
      throw this.error(this.base + start + problem.at, problem.reason);
    }
  }

  /** The end of a string whose opening quote is before `from`: the first quote after an even run of backslashes. */
  private stringEnd(from: number, depth: number): Scan {
    for (let q = this.buf.indexOf('"', from); q !== -1; q = this.buf.indexOf('"', q + 1)) {
      let slashes = 0;
      while (this.buf.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
      if (slashes % 2 === 0) return { end: q + 1 };
    }
    return { next: this.buf.length, depth, inString: true };
  }

  private compositeEnd(from: number, depth: number): Scan {
    const buf = this.buf;
    for (let i = from; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c === QUOTE) {
        const s = this.stringEnd(i + 1, depth);
        if (s.end === undefined) return s;
        i = s.end - 1;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 0) return { end: i + 1 };
    }
    return { next: buf.length, depth, inString: false };
  }

  private primitiveEnd(from: number): Scan {
    for (let i = from; i < this.buf.length; i++) {
      const c = this.buf.charCodeAt(i);
      if (SPACE.has(c) || c === COMMA || c === CLOSE_ARRAY || c === CLOSE_OBJECT || c === COLON) return { end: i };
    }
    return { next: this.buf.length, depth: 0, inString: false };
  }

  /** The next non-space character code, reading more as needed; END at the end of the document. */
  private async peek(): Promise<number> {
    for (;;) {
      while (this.pos < this.buf.length) {
        const c = this.buf.charCodeAt(this.pos);
        if (!SPACE.has(c)) return c;
        this.pos++;
      }
      if (!(await this.more())) return END;
    }
  }

  /** Drops what is consumed (everything before `pos`) and appends the next chunk; false at the end. */
  private async more(): Promise<boolean> {
    while (!this.ended) {
      const next = await this.chunks.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      if (next.value.length === 0) continue;
      for (let nl = this.buf.indexOf('\n'); nl !== -1 && nl < this.pos; nl = this.buf.indexOf('\n', nl + 1)) {
        this.line++;
        this.lineStart = this.base + nl + 1;
      }
      this.base += this.pos;
      this.buf = this.buf.slice(this.pos) + next.value;
      this.pos = 0;
      return true;
    }
    return false;
  }

  private here(): string {
    return describeAt(this.buf, this.pos);
  }

  private expected(what: string): JsonSyntaxError {
    const found = this.pos < this.buf.length ? this.here() : 'the end of the file';
    return this.error(this.base + this.pos, `expected ${what}, found ${found}`);
  }

  /** An error at document offset `offset`, which must not be before `base`. */
  private error(offset: number, reason: string): JsonSyntaxError {
    let { line, lineStart } = this;
    for (let nl = this.buf.indexOf('\n'); nl !== -1 && this.base + nl < offset; nl = this.buf.indexOf('\n', nl + 1)) {
      line++;
      lineStart = this.base + nl + 1;
    }
    return new JsonSyntaxError(line, offset - lineStart + 1, reason);
  }
}

type Scan = { end: number } | { end?: undefined; next: number; depth: number; inString: boolean };
