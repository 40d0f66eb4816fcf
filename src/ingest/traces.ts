/** Order traces (`GET /api/orders/{orderId}/traces`) → `traces` rows. */
import type { Db } from '../db/client.js';
import type { TraceSenderJson } from '../db/json.js';
import { traceLists, traces, type NewTrace } from '../db/schema.js';
import { normaliseBody, type BodyShape, type ListFact } from './body.js';
import { at } from './errors.js';
import { syncPerOrder } from './sync/per-order.js';
import { requiredOrderId, type Upstream } from './upstream.js';
import { canonical, lastByKey, upsert } from './write.js';
import {
  dateTime, id, int32, object, optBoolean, optDateTime, optInt32, optInteger, optString, stableId,
  storableJson, string,
} from './values.js';
import type { JsonObject } from './values.js';

/** The `--source` name: also the snapshot folder, checkpoint key and `order-links` system. */
const SOURCE = 'traces';

/** `orderId` is still the upstream order id here (as is `upstreamOrderId`): the writer resolves it. */
export type TraceInput = Omit<NewTrace, 'merchantId'> & { orderId: string; date: Date };

/** The body's `count` and `canAdd`, kept per order beside its traces. */
export interface TraceListInput extends ListFact {
  upstreamOrderId: string;
  count: number | null;
  canAdd: boolean | null;
}

export type TraceRecord = TraceInput | TraceListInput;

export const isTrace = (record: TraceRecord): record is TraceInput => !('listFact' in record);

/** `{"count": n, "items": [...], "canAdd": bool}`; paths read `items[3].date`. `count` may exceed the items. */
export function tracesShape(upstreamOrderId: string): BodyShape<TraceRecord> {
  const orderId = id(upstreamOrderId, 'upstreamOrderId');
  return {
    recordsKey: 'items',
    envelope: (o) => [
      { listFact: true, upstreamOrderId: orderId, count: optInteger(o.count, 'count'), canAdd: optBoolean(o.canAdd, 'canAdd') },
    ],
    record: (raw, path) => normaliseTrace(raw, path, orderId),
  };
}

/** The traces of a body, then its list facts (`count`, `canAdd`). */
export const normaliseTracesBody = (body: unknown, upstreamOrderId: string): TraceRecord[] =>
  normaliseBody(tracesShape(upstreamOrderId), body);

/** Upstream types `sender` as object[] but sends an object: take either, every one of an array. */
function sendersOf(value: unknown, path: string): { sender: JsonObject; path: string }[] {
  if (!Array.isArray(value)) return value == null ? [] : [{ sender: object(value, path), path }];
  return value.flatMap((entry: unknown, i) => (entry == null ? [] : [{ sender: object(entry, at(path, i)), path: at(path, i) }]));
}

function senderJson(sender: JsonObject, path: string): TraceSenderJson {
  const s = (key: string) => at(path, key);
  // A deleted person keeps only `pid`; everything else about the sender may be null.
  return {
    personId: int32(sender.pid, s('pid')),
    firstName: optString(sender.pfname, s('pfname')),
    lastName: optString(sender.plname, s('plname')),
    companyId: optInt32(sender.cid, s('cid')),
    companyName: optString(sender.cname, s('cname')),
  };
}

function normaliseTrace(raw: unknown, path: string, orderId: string): TraceInput {
  const o = object(raw, path);
  const p = (key: string) => at(path, key);
  const date = dateTime(o.date, p('date'));
  const message = optString(o.message, p('message'));
  const status = int32(o.status, p('status'));
  const senders = sendersOf(o.sender, p('sender')).map(({ sender, path: senderPath }) => senderJson(sender, senderPath));
  const first = senders[0] ?? null;
  const personId = first?.personId ?? null;
  return {
    // Never the sender's names: upstream nulls them when the person is deleted.
    id: stableId([orderId, date.toISOString(), status, personId, message]),
    orderId,
    upstreamOrderId: orderId,
    date,
    message,
    status,
    statusTitle: string(o.statust, p('statust')),
    deadline: optDateTime(o.deadline, p('deadline')),
    senderPersonId: personId,
    senderFirstName: first?.firstName ?? null,
    senderLastName: first?.lastName ?? null,
    senderCompanyId: first?.companyId ?? null,
    senderCompanyName: first?.companyName ?? null,
    senders,
    raw: storableJson(o, path),
  };
}

/** Writes traces and each body's list facts; returns how many traces. */
export async function writeTraces(db: Db, merchantId: string, input: TraceRecord[]): Promise<number> {
  const rows = await canonical(db, merchantId, SOURCE, lastByKey(input.filter(isTrace), (row) => row.id));
  const lists = input.filter((record): record is TraceListInput => !isTrace(record));
  if (lists.length > 0) {
    const facts = lastByKey(lists, (list) => list.upstreamOrderId)
      .map(({ upstreamOrderId, count, canAdd }) => ({ orderId: upstreamOrderId, upstreamOrderId, count, canAdd }));
    await upsert(db, traceLists, [traceLists.merchantId, traceLists.upstreamOrderId], await canonical(db, merchantId, SOURCE, facts));
  }
  return upsert(db, traces, [traces.merchantId, traces.id], rows);
}

export const tracesUpstream = {
  name: SOURCE,
  perOrder: true,
  shape: (options) => tracesShape(requiredOrderId(SOURCE, options)),
  write: writeTraces,
  linked: [traces, traceLists],
  sync: { path: '/api/orders/:id/traces', run: syncPerOrder },
} as const satisfies Upstream<TraceRecord>;
