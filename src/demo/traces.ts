/** Order traces (order-traces.txt): status changes and messages, with deadlines and senders. */
import { DELETED_SENDER_PIDS, TRACE_MESSAGES, TRACE_SENDERS, TRACE_STATUSES } from './catalog.js';
import { DAY, HOUR, isoSeconds, isoZ } from './format.js';
import type { OrderModel } from './orders.js';
import type { Rng } from './random.js';
import type { MerchantSetup } from './setup.js';

function sender(rng: Rng, deleted: boolean): Record<string, unknown> {
  if (deleted) return { pid: rng.pick(DELETED_SENDER_PIDS), pfname: null, plname: null, cid: null, cname: null };
  return { ...rng.pick(TRACE_SENDERS) };
}

function traceStatus(o: OrderModel, at: number): number {
  let status = 1;
  if (o.confirmedAt !== null && at >= o.confirmedAt) status = 2;
  for (const e of o.deliveryEvents) {
    if (at < e.at) continue;
    if (e.status === 'shipped') status = 3;
    if (e.status === 'arrived' || e.status === 'collected') status = 4;
  }
  if (o.completedAt !== null && at >= o.completedAt) status = 5;
  if (o.cancelledAt !== null && at >= o.cancelledAt) status = 6;
  return status;
}

export function buildTraces(rng: Rng, setup: MerchantSetup, orders: OrderModel[]) {
  const out: { orderId: string; body: { count: number; items: unknown[]; canAdd: boolean } }[] = [];
  for (const o of orders) {
    // The first three traced orders carry one quirk each, so small data sets still show them all.
    const feature = out.length < 3 ? out.length : -1;
    if (feature < 0 && !rng.chance(0.5)) continue;
    const end = Math.min(setup.now, o.updatedAt + 3 * DAY);
    const times = Array.from({ length: rng.int(1, 6) }, () => rng.between(o.createdAt + 1000, end)).sort((a, b) => a - b);
    let deadline: number | null = rng.chance(0.4)
      ? null
      : Math.floor(o.createdAt / DAY + rng.int(5, 10)) * DAY + 11 * HOUR;
    const amendAt = deadline !== null && times.length > 1 && rng.chance(0.4) ? rng.int(1, times.length - 1) : -1;
    const deletedAt = feature === 0 ? 0 : -1;
    const arrayAt = feature === 1 ? times.length - 1 : -1;
    const items = times.map((at, i) => {
      if (i === amendAt && deadline !== null) deadline += rng.int(1, 3) * DAY;
      const status = traceStatus(o, at);
      const s = sender(rng, i === deletedAt || rng.chance(0.08));
      return {
        date: isoZ(at),
        message: rng.chance(0.35) ? null : rng.pick(TRACE_MESSAGES),
        status,
        statust: TRACE_STATUSES.find(([n]) => n === status)?.[1] ?? 'Unknown',
        deadline: deadline === null ? null : isoSeconds(deadline),
        // Upstream documents `sender` as object[] but sends an object; send the array form sometimes.
        sender: i === arrayAt || (i !== deletedAt && rng.chance(0.03)) ? [s] : s,
      };
    });
    items.reverse();
    const hidden = feature === 2 || rng.chance(0.15) ? rng.int(1, 12) : 0;
    out.push({ orderId: o.id, body: { count: items.length + hidden, items, canAdd: rng.chance(0.7) } });
  }
  return out;
}
