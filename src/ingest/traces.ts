/** Order traces (`GET /api/orders/{orderId}/traces`) → `traces` rows. */
import type { Db } from '../db/client.js';
import { traces, type NewTrace } from '../db/schema.js';
import { normaliseBody, type BodyShape } from './body.js';
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

/** `{"count": n, "items": [...], "canAdd": bool}`; paths read `items[3].date`. `count` may exceed the items. */
export function tracesShape(upstreamOrderId: string): BodyShape<TraceInput> {
  const orderId = id(upstreamOrderId, 'upstreamOrderId');
  return {
    recordsKey: 'items',
    envelope: (o) => {
      optInteger(o.count, 'count');
      optBoolean(o.canAdd, 'canAdd');
    },
    record: (raw, path) => normaliseTrace(raw, path, orderId),
  };
}

export const normaliseTracesBody = (body: unknown, upstreamOrderId: string): TraceInput[] =>
  normaliseBody(tracesShape(upstreamOrderId), body);

/** Upstream types `sender` as object[] but sends an object: take either, the first of an array. */
function senderOf(value: unknown, path: string): { sender: JsonObject | null; path: string } {
  if (!Array.isArray(value)) return { sender: value == null ? null : object(value, path), path };
  const first: unknown = value[0];
  return { sender: first == null ? null : object(first, at(path, 0)), path: at(path, 0) };
}

function normaliseTrace(raw: unknown, path: string, orderId: string): TraceInput {
  const o = object(raw, path);
  const p = (key: string) => at(path, key);
  const date = dateTime(o.date, p('date'));
  const message = optString(o.message, p('message'));
  const status = int32(o.status, p('status'));
  const { sender, path: senderPath } = senderOf(o.sender, p('sender'));
  const s = (key: string) => at(senderPath, key);
  // A deleted person keeps only `pid`; everything else about the sender may be null.
  const personId = sender ? int32(sender.pid, s('pid')) : null;
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
    senderFirstName: sender ? optString(sender.pfname, s('pfname')) : null,
    senderLastName: sender ? optString(sender.plname, s('plname')) : null,
    senderCompanyId: sender ? optInt32(sender.cid, s('cid')) : null,
    senderCompanyName: sender ? optString(sender.cname, s('cname')) : null,
    raw: storableJson(o, path),
  };
}

export async function writeTraces(db: Db, merchantId: string, input: TraceInput[]): Promise<number> {
  const rows = await canonical(db, merchantId, SOURCE, lastByKey(input, (row) => row.id));
  return upsert(db, traces, [traces.merchantId, traces.id], rows);
}

export const tracesUpstream = {
  name: SOURCE,
  perOrder: true,
  shape: (options) => tracesShape(requiredOrderId(SOURCE, options)),
  write: writeTraces,
  linked: [traces],
  sync: { path: '/api/orders/:id/traces', run: syncPerOrder },
} as const satisfies Upstream<TraceInput>;
