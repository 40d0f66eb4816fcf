/**
 * Finds where a JSON text goes wrong and says why. Only called after JSON.parse has failed: V8's
 * messages name no position for most mistakes ("Unexpected token 'x', ... is not valid JSON").
 */

export interface SyntaxProblem {
  /** Offset in the text, in UTF-16 code units. */
  at: number;
  reason: string;
}

class Stop {
  constructor(readonly problem: SyntaxProblem) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The character at `i` as a message shows it (`']'`, `"\\n"`), or "the end of the input". */
export function describeAt(text: string, i: number): string {
  const code = text.codePointAt(i);
  if (code === undefined) return 'the end of the input';
  const char = String.fromCodePoint(code);
  if (code < 0x20 || code === 0x7f) return JSON.stringify(char);
  return char === "'" ? `"'"` : `'${char}'`;
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findSyntaxProblem(text: string): SyntaxProblem | null {
  let i = 0;
  const stop = (reason: string, at = i): never => {
    throw new Stop({ at, reason });
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (char: string, after: string) => {
    space();
    if (text[i] !== char) stop(`expected '${char}' ${after}, found ${describeAt(text, i)}`);
    i++;
  };
  const string = () => {
    const start = i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) stop('unterminated string', start);
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else stop('invalid escape in a string');
      } else if (c! < ' ') stop('unescaped control character in a string');
      else i++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 5_000) stop('nested too deeply');
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') stop(`expected a property name in double quotes, found ${describeAt(text, i)}`);
        string();
        expect(':', 'after a property name');
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else stop(`expected ',' or '}' after a property value, found ${describeAt(text, i)}`);
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else stop(`expected ',' or ']' after an array element, found ${describeAt(text, i)}`);
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) return void (i += word.length);
    }
    NUMBER.lastIndex = i;
    if ((c === '-' || (c !== undefined && c >= '0' && c <= '9')) && NUMBER.test(text)) {
      const start = i;
      i = NUMBER.lastIndex;
      if (/[\w.+-]/.test(text[i] ?? '')) stop('invalid number', start);
      return;
    }
    stop(`expected a value, found ${describeAt(text, i)}`);
  };
  try {
    value(0);
    space();
    if (i < text.length) stop(`unexpected ${describeAt(text, i)} after the value`);
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    throw error;
  }
}
