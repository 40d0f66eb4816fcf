/**
 * Seeded PRNG (mulberry32) for the demo data set: the same seed always yields the same data, so the
 * generator never touches Math.random or the clock.
 */

const HEX = '0123456789abcdef';

/** FNV-1a over the parts, for deriving independent seeds (one per merchant, per concern). */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by relative weight: `weighted([['a', 3], ['b', 1]])`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** `n` distinct items in random order (all of them when n >= length). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, Math.max(0, n));
  }

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[Math.floor(this.next() * 16)];
    return s;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }

  /** Epoch milliseconds uniformly in [from, to]. */
  between(from: number, to: number): number {
    return to <= from ? from : from + Math.floor(this.next() * (to - from + 1));
  }

  /** A new generator whose sequence depends only on this one's seed history and the label. */
  fork(label: string | number): Rng {
    return new Rng(hashSeed(this.state, label));
  }
}

/** Mongo-style ObjectId: creation seconds, then random bytes, then a counter, so ids never collide. */
export class ObjectIds {
  private counter: number;

  constructor(private readonly rng: Rng) {
    this.counter = rng.int(0, 0xfffff);
  }

  next(atMs: number): string {
    this.counter = (this.counter + 1) & 0xffffff;
    const seconds = Math.floor(atMs / 1000).toString(16).padStart(8, '0');
    return seconds + this.rng.hex(10) + this.counter.toString(16).padStart(6, '0');
  }
}
