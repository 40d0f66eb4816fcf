/**
 * Proof that every leaf of an upstream body is readable through GraphQL: a body is flattened into
 * leaf paths (scalars, and empty objects or lists), each leaf is matched to a rule naming the
 * GraphQL field that serves it, the operation is built from the rules, and each leaf's value is
 * compared with what the field returned.
 *
 * Rule keys are upstream paths where `[]` stands for any index (`subtotal_items[].sku`); the
 * longest key that is the leaf's path or a prefix of it wins, and the rest of the path (a money
 * member, a locale, an image size) is read by the rule's kind. GraphQL paths take the captured
 * indices in order at each `[]`, a literal index at `[0]`, and `(Type)` for an inline fragment.
 */
import { parseDateTime } from '../../src/ingest/values.js';

export type Kind =
  /** Compared as is (ids as text). */
  | 'value'
  /** Upstream date-time text against the served ISO instant. */
  | 'date'
  /** `{ cents dollars currency_iso currency_symbol label }`: the rest of the path is a member. */
  | 'money'
  /** A locale map: the rest of the path is the locale, read from `entries`. */
  | 'translations'
  /** `{"en": ["green", "c1"]}` served as one Translations per option: the rest is `locale[i]`. */
  | 'options'
  /** `images: { <size>: { width height url } }` served as `[MediaImage]`: the rest is `size.member`. */
  | 'images'
  /** `order_promotion_items: { <price>: <id> }` served as `[{ price promotionItemId }]`. */
  | 'links'
  /** A value of no documented shape served as JSON: the rest of the path is read inside it. */
  | 'json'
  /** Upstream "" for "none", served as null. */
  | 'blankIsNull'
  /** Upstream text with stray spaces (`'updated_delivery_details '`), served trimmed. */
  | 'trimmed'
  /**
   * A change value: served as the HistoryValue member its field's type says; the rest of the path
   * of a directory object is `code`, `cancel` or a key of `extra`.
   */
  | 'historyValue';

export interface Rule {
  gql: string;
  kind?: Kind;
}

export type Rules = Readonly<Record<string, Rule | string>>;

export interface Leaf {
  path: string;
  value: unknown;
}

/** Every leaf of `value`: scalars, and objects or lists that are empty. */
export function leavesOf(value: unknown, path = ''): Leaf[] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [{ path, value }] : value.flatMap((entry, i) => leavesOf(entry, `${path}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [{ path, value }];
    return entries.flatMap(([key, entry]) => leavesOf(entry, path ? `${path}.${key}` : key));
  }
  return [{ path, value }];
}

const rule = (r: Rule | string): Rule => (typeof r === 'string' ? { gql: r } : r);

/** The selection each kind reads below its field. */
const LEAF_SELECTION: Partial<Record<Kind, string>> = {
  money: '{ cents dollars currencyIso currencySymbol label }',
  translations: '{ entries { locale value } }',
  options: '{ entries { locale value } }',
  images: '{ size width height url }',
  links: '{ price promotionItemId }',
  historyValue: `{ __typename ... on HistoryStringValue { stringValue } ... on HistoryNumberValue { numberValue }
    ... on HistoryBooleanValue { booleanValue } ... on HistoryDateTimeValue { dateTimeValue }
    ... on HistoryDirectoryValue { code cancel extra } }`,
};

interface Node {
  children: Map<string, Node>;
  leaf?: string;
}

/** The GraphQL selection (without braces) that reads every rule's field. */
export function selectionOf(rules: Rules): string {
  const root: Node = { children: new Map() };
  for (const r of Object.values(rules).map(rule)) {
    let node = root;
    for (const segment of r.gql.split('.')) {
      const name = segment.replace(/\[\d*\]$/, '');
      const key = name.startsWith('(') ? `... on ${name.slice(1, -1)}` : name;
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { children: new Map() }));
      node = child;
    }
    node.leaf = LEAF_SELECTION[r.kind ?? 'value'] ?? '';
  }
  const print = (node: Node): string =>
    [...node.children].map(([name, child]) =>
      child.children.size ? `${name} { ${print(child)} }` : `${name} ${child.leaf ?? ''}`.trim()).join(' ');
  return print(root);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rule a leaf falls under, the indices its `[]`s captured and the rest of its path. */
export function match(rules: Rules, path: string): { rule: Rule; indices: number[]; rest: string } | null {
  let best: { rule: Rule; indices: number[]; rest: string; length: number } | null = null;
  for (const [key, r] of Object.entries(rules)) {
    const pattern = new RegExp(`^${escape(key).replaceAll('\\[\\]', '\\[(\\d+)\\]')}(?=$|[.[])`);
    const m = pattern.exec(path);
    if (!m || (best && best.length >= key.length)) continue;
    best = { rule: rule(r), indices: m.slice(1).map(Number), rest: path.slice(m[0].length).replace(/^\./, ''), length: key.length };
  }
  return best && { rule: best.rule, indices: best.indices, rest: best.rest };
}

/**
 * The value at a rule's GraphQL path in `data`; null as soon as a step is null, undefined when a
 * field is missing from the response (not selected there, e.g. a fragment on another type), so a
 * null leaf is never proven by a field that was not read.
 */
export function read(data: unknown, gql: string, indices: readonly number[]): unknown {
  const pending = [...indices];
  let value: unknown = data;
  for (const segment of gql.split('.')) {
    if (segment.startsWith('(')) continue;
    const [, name, index] = /^([^[]+)(?:\[(\d*)\])?$/.exec(segment)!;
    if (value == null) return null;
    if (typeof value !== 'object' || !(name! in value)) return undefined;
    value = (value as Record<string, unknown>)[name!];
    if (index !== undefined) {
      if (value == null) return null;
      value = (value as unknown[])[index === '' ? pending.shift()! : Number(index)];
    }
  }
  return value;
}

const camel = (key: string) => key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const entry = (translations: unknown, locale: string) =>
  (translations as { entries: { locale: string; value: string }[] } | null)?.entries.find((e) => e.locale === locale)?.value;

/** What the served `value` says for the leaf's rest, by the rule's kind (undefined: nothing found). */
function servedValue(kind: Kind, served: unknown, rest: string): unknown {
  switch (kind) {
    case 'money':
      return served == null || rest === '' ? served : (served as Record<string, unknown>)[camel(rest)];
    case 'translations': {
      if (rest !== '') return entry(served, rest);
      // The whole map: null, or {} (an empty map leaf).
      const entries = (served as { entries: { locale: string; value: string }[] } | null)?.entries;
      return entries ? Object.fromEntries(entries.map((e) => [e.locale, e.value])) : null;
    }
    case 'options': {
      const [, locale, i] = /^(.+)\[(\d+)\]$/.exec(rest) ?? [];
      return rest === '' ? served : entry((served as unknown[] | null)?.[Number(i)], locale!);
    }
    case 'images': {
      const [size, member] = rest.split('.');
      return (served as { size: string }[] | null)?.find((image) => image.size === size)?.[member as 'size'];
    }
    case 'links':
      return (served as { price: string; promotionItemId: string }[] | null)?.find((link) => link.price === rest)?.promotionItemId;
    case 'json':
      return rest === '' ? served : read(served, rest, []);
    case 'historyValue': {
      if (rest === '' || served == null) return served;
      const directory = served as { code?: unknown; cancel?: unknown; extra?: Record<string, unknown> | null };
      return rest === 'code' || rest === 'cancel' ? directory[rest] : read(directory.extra ?? null, rest, []);
    }
    default:
      return served;
  }
}

function historyValueOf(served: unknown): unknown {
  if (served == null) return null;
  const v = served as Record<string, unknown>;
  return v.stringValue ?? v.numberValue ?? v.booleanValue ?? v.dateTimeValue ?? null;
}

/** Upstream's date-time text (any of its forms) and a served ISO instant are the same moment. */
const sameInstant = (upstream: unknown, served: unknown) =>
  (upstream === null && served === null) ||
  (typeof upstream === 'string' && typeof served === 'string' && parseDateTime(upstream)?.getTime() === Date.parse(served));

/** Whether the leaf's value is what was served. */
export function sameValue(kind: Kind, upstream: unknown, served: unknown): boolean {
  if (kind === 'date') return sameInstant(upstream, served);
  if (kind === 'blankIsNull') return (upstream === '' ? null : upstream) === served;
  if (kind === 'trimmed') return typeof upstream === 'string' && upstream.trim() === served;
  if (kind === 'historyValue') {
    const value = historyValueOf(served);
    return typeof upstream === 'string' && typeof value === 'string' && (served as { __typename: string }).__typename === 'HistoryDateTimeValue'
      ? sameInstant(upstream, value)
      : upstream === value;
  }
  if (typeof upstream === 'number' && typeof served === 'string') return String(upstream) === served; // ids as text
  return JSON.stringify(upstream) === JSON.stringify(served);
}

export interface LeafReport {
  leaves: number;
  proven: Leaf[];
  /** Leaves no rule covers. */
  unmapped: string[];
  /** Leaves whose served value differs: path, upstream value, served value. */
  differing: [string, unknown, unknown][];
}

/** Checks every leaf of `body` against the response `data` read by `rules`. */
export function checkLeaves(body: unknown, rules: Rules, data: unknown, skip: (path: string) => boolean = () => false): LeafReport {
  const report: LeafReport = { leaves: 0, proven: [], unmapped: [], differing: [] };
  for (const leaf of leavesOf(body)) {
    if (skip(leaf.path)) continue;
    report.leaves++;
    const found = match(rules, leaf.path);
    if (!found) {
      report.unmapped.push(leaf.path);
      continue;
    }
    const kind = found.rule.kind ?? 'value';
    const served = servedValue(kind, read(data, found.rule.gql, found.indices), found.rest);
    // A member of a directory value (`code`, `cancel`, an extra key) compares as a plain value.
    const compareAs = kind === 'historyValue' && found.rest !== '' ? 'value' : kind;
    if (served !== undefined && sameValue(compareAs, leaf.value, served)) report.proven.push(leaf);
    else report.differing.push([leaf.path, leaf.value, served]);
  }
  return report;
}
