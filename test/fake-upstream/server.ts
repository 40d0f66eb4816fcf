/**
 * A fake of the five upstreams on 127.0.0.1 (ephemeral port), faithful to their documents'
 * pagination, with a request log and switchable faults. Order search refuses `page * per_page`
 * over its window (10,000 as documented; smaller when a test says so) and walks by `previous_id`
 * in descending id order; its date filters are inclusive and read `YYYY-MM-DD HH:MM:SS` as UTC.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json, UpstreamStore } from './fixtures.js';

export interface LoggedRequest {
  path: string;
  query: URLSearchParams;
  status: number;
  /** Records in the body (items, entries, history); null for errors. */
  items: number | null;
  /** Order-search item ids, in the order sent. */
  ids: string[];
  /** Milliseconds since the server started, when the request arrived. */
  at: number;
  fault: Fault['kind'] | null;
}

export interface Fault {
  /** A path prefix, or a test of the request. */
  match: string | ((path: string, query: URLSearchParams) => boolean);
  kind: 'status' | 'drop' | 'slow';
  status?: number;
  retryAfter?: string;
  delayMs?: number;
  /** How many matching requests it hits (default 1). */
  times?: number;
}

export interface FakeUpstream {
  url: string;
  token: string;
  store: UpstreamStore;
  log: LoggedRequest[];
  fault(fault: Fault): void;
  /** Called after each response is sent (or dropped). */
  onServed: ((entry: LoggedRequest) => void) | null;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
  items?: number;
  ids?: string[];
}

const fail = (status: number, message: string): Answer => ({ status, body: { error: message } });

function whole(query: URLSearchParams, name: string, fallback: number): number | null {
  const raw = query.get(name);
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** Order search's documented `2018-01-01 00:00:00` (UTC), or ISO 8601. */
function time(raw: string): number {
  return Date.parse(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(raw) ? `${raw.replace(' ', 'T')}Z` : raw);
}

const ORDER_TIMES: Record<string, (o: Json) => string | null | undefined> = {
  updated: (o) => o.updated_at,
  created: (o) => o.created_at,
  shipped: (o) => o.order_delivery?.shipped_at,
  arrived: (o) => o.order_delivery?.arrived_at,
  collected: (o) => o.order_delivery?.collected_at,
  returned: (o) => o.order_delivery?.returned_at,
  paid: (o) => o.order_payment?.paid_at,
  cancelled: (o) => o.cancelled_at,
};

function searchOrders(store: UpstreamStore, query: URLSearchParams, window: number): Answer {
  const perPage = whole(query, 'per_page', 24);
  const page = whole(query, 'page', 1);
  if (perPage === null || perPage < 1 || perPage > 999) return fail(422, 'per_page must be 1..999');
  if (page === null || page < 1) return fail(422, 'page must be >= 1');
  const previousId = query.get('previous_id');
  if (!previousId && page * perPage > window) return fail(422, `page * per_page must not exceed ${window}`);
  const tests: ((o: Json) => boolean)[] = [];
  for (const [name, read] of Object.entries(ORDER_TIMES)) {
    for (const side of ['after', 'before'] as const) {
      const raw = query.get(`${name}_${side}`);
      if (raw === null) continue;
      const bound = time(raw);
      if (Number.isNaN(bound)) return fail(422, `${name}_${side} is not a time`);
      tests.push((o) => {
        const value = read(o);
        if (!value) return false;
        const at = Date.parse(value);
        return side === 'after' ? at >= bound : at <= bound;
      });
    }
  }
  const matching = [...store.orders.values()]
    .filter((o) => tests.every((test) => test(o)))
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const start = previousId ? matching.findIndex((o) => o.id < previousId) : (page - 1) * perPage;
  const items = start < 0 ? [] : matching.slice(start, start + perPage);
  const pagination = {
    current_page: start < 0 ? Math.ceil(matching.length / perPage) + 1 : Math.floor(start / perPage) + 1,
    per_page: perPage,
    total_pages: Math.ceil(matching.length / perPage),
    total_count: matching.length,
  };
  return { status: 200, body: { items, pagination }, items: items.length, ids: items.map((o) => o.id) };
}

function statusHistory(store: UpstreamStore, query: URLSearchParams): Answer {
  const page = whole(query, 'page', 1);
  const perPage = whole(query, 'itemsPerPage', 25);
  if (page === null || page < 1) return fail(400, 'page must be >= 1');
  if (perPage === null || perPage < 1 || perPage > 100) return fail(400, 'itemsPerPage must be 1..100');
  const from = query.get('createdAtFrom');
  const to = query.get('createdAtTo');
  const orderId = query.get('orderId');
  const all = store.statusHistory
    .filter((e) => (from === null || Date.parse(e.createdAt) >= time(from)) && (to === null || Date.parse(e.createdAt) <= time(to)))
    .filter((e) => orderId === null || String(e.orderId) === orderId)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
  const entries = all.slice((page - 1) * perPage, page * perPage);
  const lastPageNumber = Math.max(1, Math.ceil(all.length / perPage));
  const first = (page - 1) * perPage + 1;
  const body = {
    page,
    totalsCount: all.length,
    isLastPage: page >= lastPageNumber,
    lastPageNumber,
    firstOnPage: entries.length ? first : 0,
    lastOnPage: entries.length ? first + entries.length - 1 : 0,
    itemsPerPage: perPage,
    entries,
  };
  return { status: 200, body, items: entries.length };
}

function changeHistory(store: UpstreamStore, query: URLSearchParams): Answer {
  const sinceId = whole(query, 'sinceId', 0);
  const page = whole(query, 'page', 1);
  const limit = whole(query, 'limit', 100);
  if (sinceId === null || page === null || page < 1) return fail(400, 'sinceId and page must be whole numbers');
  if (limit === null || limit < 1 || limit > 100) return fail(400, 'limit must be 1..100');
  const all = store.historyChanges.filter((r) => r.id > sinceId);
  const history = all.slice((page - 1) * limit, page * limit);
  const pagination = { limit, totalCount: all.length, currentPage: page, totalPageCount: Math.ceil(all.length / limit) };
  return { status: 200, body: { success: true, history, pagination }, items: history.length };
}

function route(store: UpstreamStore, path: string, query: URLSearchParams, window: number): Answer {
  if (path === '/v1/orders/search') return searchOrders(store, query, window);
  if (path === '/rest/orders/status-history') return statusHistory(store, query);
  if (path === '/api/v5/orders/history') return changeHistory(store, query);
  const logs = /^\/v1\/orders\/([^/]+)\/action_logs$/.exec(path);
  const traces = /^\/api\/orders\/([^/]+)\/traces$/.exec(path);
  const orderId = decodeURIComponent((logs ?? traces)?.[1] ?? '');
  if (!orderId || !store.orders.has(orderId)) return fail(404, 'not found');
  if (logs) {
    const items = (store.actionLogs.get(orderId) ?? []).slice(0, 100);
    return { status: 200, body: { items }, items: items.length };
  }
  const body = store.traces.get(orderId) ?? { count: 0, items: [], canAdd: false };
  return { status: 200, body, items: body.items.length };
}

export async function startFakeUpstream(options: {
  store: UpstreamStore;
  token?: string;
  /** Order search's `page * per_page` limit. */
  window?: number;
}): Promise<FakeUpstream> {
  const { store, token = 'test-token', window = 10_000 } = options;
  const faults: (Fault & { left: number })[] = [];
  const log: LoggedRequest[] = [];
  const started = Date.now();

  const fake: FakeUpstream = {
    url: '',
    token,
    store,
    log,
    onServed: null,
    fault: (fault) => void faults.push({ ...fault, left: fault.times ?? 1 }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const entry: LoggedRequest = { path: url.pathname, query: url.searchParams, status: 0, items: null, ids: [], at: Date.now() - started, fault: null };
    const served = () => {
      log.push(entry);
      fake.onServed?.(entry);
    };
    let answer: Answer;
    if (req.headers.authorization !== `Bearer ${token}`) answer = fail(401, 'unauthorized');
    else {
      const fault = faults.find((f) => f.left > 0 && (typeof f.match === 'string' ? url.pathname.startsWith(f.match) : f.match(url.pathname, url.searchParams)));
      if (fault) {
        fault.left -= 1;
        entry.fault = fault.kind;
      }
      if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
      answer = fault?.kind === 'status' ? fail(fault.status ?? 500, 'injected fault') : route(store, url.pathname, url.searchParams, window);
      if (fault?.kind === 'status' && fault.retryAfter !== undefined) res.setHeader('retry-after', fault.retryAfter);
      if (fault?.kind === 'drop') {
        // Headers and half the body, then the connection goes: the client sees a truncated page.
        const text = JSON.stringify(answer.body);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.write(text.slice(0, Math.floor(text.length / 2)), () => {
          res.socket?.destroy();
          entry.status = 200;
          served();
        });
        return;
      }
    }
    const text = JSON.stringify(answer.body);
    entry.status = answer.status;
    entry.items = answer.status === 200 ? (answer.items ?? null) : null;
    entry.ids = answer.ids ?? [];
    res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text, served);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: String(error) }));
    });
  });
  // Never the reason a test process stays alive.
  server.unref();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
