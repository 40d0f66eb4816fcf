/** The upstreams' own spellings of money and time, reproduced exactly (see the upstream documents). */

export interface Currency {
  iso: string;
  symbol: string;
  /** Upstream `cents` per whole unit: TWD has no minor unit there (cents == dollars), HKD has 100. */
  minorPerUnit: number;
  decimals: number;
}

export const TWD: Currency = { iso: 'TWD', symbol: 'NT$', minorPerUnit: 1, decimals: 0 };
export const HKD: Currency = { iso: 'HKD', symbol: 'HK$', minorPerUnit: 100, decimals: 2 };

export interface MoneyObject {
  cents: number;
  currency_symbol: string;
  currency_iso: string;
  label: string;
  dollars: number;
}

function groupThousands(value: number, decimals: number): string {
  const [whole = '0', fraction] = value.toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Order-search money object; a zero amount has an empty label, as upstream sends it. */
export function money(currency: Currency, dollars: number): MoneyObject {
  const factor = 10 ** currency.decimals;
  const amount = Math.round(dollars * factor) / factor;
  return {
    cents: Math.round(amount * currency.minorPerUnit),
    currency_symbol: currency.symbol,
    currency_iso: currency.iso,
    label: amount === 0 ? '' : currency.symbol + groupThousands(amount, currency.decimals),
    dollars: amount,
  };
}

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Order search: `2020-08-25T13:14:21.121+00:00`. */
export const isoOffset = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/** Action logs and traces: `2021-11-02T04:06:13.304Z`. */
export const isoZ = (ms: number) => new Date(ms).toISOString();

/** Trace deadlines: `2022-10-28T11:00:00Z` (no milliseconds). */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Change history: `2024-03-01 19:00:00` (UTC, no zone). */
export function crmDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Order number: creation time to the second plus three digits, `20250301081640482`. */
export function orderNumberAt(ms: number, suffix: string): string {
  return crmDateTime(ms).replace(/\D/g, '') + suffix;
}

function lastSundayUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

/**
 * Status history speaks Central European time: `2019-02-01T12:19:47+01:00`, `+02:00` in summer
 * (from 01:00 UTC on the last Sunday of March to the last Sunday of October).
 */
export function cetDateTime(ms: number): string {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayUtc(year, 2) && ms < lastSundayUtc(year, 9);
  const offset = summer ? 2 : 1;
  const local = new Date(ms + offset * HOUR).toISOString().slice(0, 19);
  return `${local}+0${offset}:00`;
}
