/**
 * Validation of pagination arguments, shared by every list. Out-of-range values are refused with
 * BAD_USER_INPUT naming the argument and its range (never clamped).
 */
import { badInput } from '../../errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** As upstream: page forms reach at most this many rows deep. */
export const MAX_PAGE_DEPTH = 10_000;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A validated cursor request: which end to read from and how many rows. */
export interface CursorWindow {
  direction: 'forward' | 'backward';
  limit: number;
  after: string | null;
  before: string | null;
}

function checkSize(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`\`${name}\` must be from ${min} to ${max}, got ${value}.`, name);
  }
}

export function cursorWindow(args: ConnectionArgs): CursorWindow {
  const { first, last } = args;
  if (first != null) checkSize(first, 'first', 0, MAX_PAGE_SIZE);
  if (last != null) checkSize(last, 'last', 0, MAX_PAGE_SIZE);
  if (first != null && last != null) {
    throw badInput('Give `first` or `last`, not both.', 'last');
  }
  return {
    direction: last != null ? 'backward' : 'forward',
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    after: args.after ?? null,
    before: args.before ?? null,
  };
}

export interface PageRequest {
  page: number;
  perPage: number;
}

/**
 * Checks a page request. `perPageName` is the argument's public name (`perPage` or
 * `itemsPerPage`) and `cursorField` the connection to use past the depth limit.
 */
export function pageRequest(page: number, perPage: number, perPageName: string, cursorField: string): PageRequest {
  if (!Number.isInteger(page) || page < 1) {
    throw badInput(`\`page\` must be 1 or more, got ${page}.`, 'page');
  }
  checkSize(perPage, perPageName, 1, MAX_PAGE_SIZE);
  if (page * perPage > MAX_PAGE_DEPTH) {
    throw badInput(
      `\`page\` × \`${perPageName}\` may be at most ${MAX_PAGE_DEPTH} (got ${page * perPage}); ` +
        `to read deeper, use the cursor form \`${cursorField}\` with \`first\`/\`after\`.`,
      'page',
    );
  }
  return { page, perPage };
}
