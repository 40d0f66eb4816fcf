/** Status history (status-history.txt) and change history (change-history.txt, CONTRACT §7). */
import { CRM_DELIVERY_TYPES, CRM_PAYMENT_CODES, CRM_STATUS_CODES, PROCEDURE_TEXTS, STATUS_COMMENTS } from './catalog.js';
import { DAY, MINUTE, cetDateTime, crmDateTime } from './format.js';
import type { OrderModel } from './orders.js';
import type { Rng } from './random.js';
import { phoneNumber, type MerchantSetup } from './setup.js';

export interface OrderLink {
  system: string;
  externalId: string;
  orderId: string;
}

interface Timed<T> {
  at: number;
  seq: number;
  body: T;
}

/** Assigns increasing ids in time order (ties by creation sequence), as upstream's auto-increment would. */
function numberInTimeOrder<T>(rng: Rng, items: Timed<T>[], first: number): (Timed<T> & { id: number })[] {
  let id = first - 1;
  return [...items]
    .sort((a, b) => a.at - b.at || a.seq - b.seq)
    .map((item) => ({ ...item, id: (id += rng.int(1, 3)) }));
}

export function buildStatusHistory(rng: Rng, setup: MerchantSetup, orders: OrderModel[], links: OrderLink[]) {
  const tied = new Map<number, number>();
  for (const o of orders) tied.set(o.createdAt, (tied.get(o.createdAt) ?? 0) + 1);
  const staff = () => rng.pick(setup.staff).userId;
  const raw: Timed<{ orderId: number; statusId: number; userId: number | null; procedureText: string | null }>[] = [];
  let upstreamId = setup.statusHistoryBase;
  for (const o of orders) {
    // Orders sharing a created_at always have history, so the global list has exact ties too.
    if ((tied.get(o.createdAt) ?? 0) < 2 && !rng.chance(0.85)) continue;
    upstreamId += rng.int(1, 9);
    o.statusHistoryId = upstreamId;
    links.push({ system: 'status-history', externalId: String(upstreamId), orderId: o.id });
    const steps: [number, number, number | null][] = [[1, o.createdAt, o.createdBy === 'shop' ? null : staff()]];
    if (o.paidAt !== null) steps.push([2, o.paidAt, null]);
    if (o.confirmedAt !== null) steps.push([3, o.confirmedAt, staff()]);
    if (o.confirmedAt !== null && rng.chance(0.25)) steps.push([3.1, o.confirmedAt + rng.int(10, 600) * MINUTE, staff()]);
    for (const e of o.deliveryEvents) {
      const id = { shipped: 4, arrived: 5, collected: 5.5, returned: 7, returning: 7.1 }[e.status];
      if (id !== undefined) steps.push([id, e.at, rng.chance(0.5) ? null : staff()]);
    }
    if (o.completedAt !== null) steps.push([6, o.completedAt, staff()]);
    if (o.cancelledAt !== null) steps.push([9, o.cancelledAt, rng.chance(0.3) ? null : staff()]);
    steps.sort((a, b) => a[1] - b[1]);
    for (const [statusId, at, userId] of steps.slice(0, 5)) {
      raw.push({
        at: Math.min(setup.now, at),
        seq: raw.length,
        body: { orderId: upstreamId, statusId, userId, procedureText: rng.chance(0.1) ? null : rng.pick(PROCEDURE_TEXTS) },
      });
    }
  }
  const entries = numberInTimeOrder(rng, raw, 1)
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .map(({ at, id, body }) => ({
      orderId: body.orderId,
      statusId: body.statusId,
      createdAt: cetDateTime(at),
      userId: body.userId,
      procedureText: body.procedureText,
      id,
    }));
  return {
    page: 1,
    totalsCount: entries.length,
    isLastPage: true,
    lastPageNumber: 1,
    firstOnPage: entries.length > 0 ? 1 : 0,
    lastOnPage: entries.length,
    itemsPerPage: Math.max(25, entries.length),
    entries,
  };
}

type Source = 'api' | 'code' | 'user' | 'rule' | 'combine' | 'split';
interface Change {
  field: string;
  oldValue?: unknown;
  newValue?: unknown;
  source?: Source;
  combinedTo?: OrderModel;
  ancestor?: OrderModel;
}

/** One template per value type of change-history.txt; `undefined` leaves the value out. */
const TEMPLATES: Record<string, (rng: Rng, setup: MerchantSetup, o: OrderModel, at: number) => Change> = {
  statusComment: (rng) => ({ field: 'statusComment', newValue: rng.pick(STATUS_COMMENTS), source: 'user' }),
  phone: (rng, setup, o) => ({ field: 'phone', oldValue: phoneNumber(rng, setup.places[0]?.countryCode ?? 'TW'), newValue: o.customer.phone }),
  street: (rng, setup) => ({ field: 'street', oldValue: rng.pick(rng.pick(setup.places).streets), newValue: rng.pick(rng.pick(setup.places).streets) }),
  discount: () => ({ field: 'discount', oldValue: 250.5, newValue: 260, source: 'api' }),
  price: (rng, _s, o) => {
    const line = rng.pick(o.lines);
    return { field: 'price', oldValue: line.original, newValue: line.unit };
  },
  quantity: (rng) => ({ field: 'quantity', oldValue: rng.int(2, 4), newValue: 1 }),
  expired: () => ({ field: 'expired', oldValue: false, newValue: true, source: 'code' }),
  shipped: () => ({ field: 'shipped', oldValue: false, newValue: true }),
  deliveryDate: (rng, _s, _o, at) => ({ field: 'deliveryDate', newValue: crmDateTime(Math.floor(at / DAY + rng.int(1, 5)) * DAY + rng.int(9, 18) * 3_600_000 + 15 * MINUTE) }),
  shipmentDate: (rng, _s, _o, at) => ({ field: 'shipmentDate', oldValue: crmDateTime(at + DAY), newValue: crmDateTime(at + rng.int(2, 4) * DAY) }),
  status: (rng) => ({ field: 'status', oldValue: { code: 'new' }, newValue: { code: rng.pick(CRM_STATUS_CODES.slice(1)) } }),
  statusCompleted: () => ({ field: 'status', oldValue: { code: 'new' }, newValue: { code: 'completed' } }),
  statusCancel: () => ({ field: 'status', oldValue: { code: 'new' }, newValue: { code: 'out-of-stock', cancel: true }, source: 'rule' }),
  paymentStatus: (rng) => ({ field: 'paymentStatus', oldValue: { code: 'not-paid' }, newValue: { code: rng.pick(CRM_PAYMENT_CODES.slice(1)) } }),
  deliveryType: (rng) => {
    const [from, to] = rng.sample(CRM_DELIVERY_TYPES, 2);
    return { field: 'deliveryType', oldValue: { code: from }, newValue: { code: to } };
  },
  managerComment: () => ({ field: 'managerComment', oldValue: 'Call before delivery' }),
};
const RANDOM_TEMPLATES = Object.keys(TEMPLATES);
/** Spread over the first orders so that every value type shows up even in a small data set. */
const FORCED = ['statusComment', 'discount', 'expired', 'deliveryDate', 'statusCompleted', 'statusCancel', 'managerComment', 'phone', 'quantity', 'shipped', 'combine'];

export function buildHistoryChanges(rng: Rng, setup: MerchantSetup, orders: OrderModel[], links: OrderLink[]) {
  let upstreamId = setup.historyChangesBase;
  for (const o of orders) o.historyChangesId = upstreamId += rng.int(1, 4);
  const byId = new Map(orders.map((o) => [o.id, o]));
  const used = new Set<OrderModel>();
  const raw: Timed<Change & { order: OrderModel }>[] = [];
  const add = (o: OrderModel, at: number, change: Change) => {
    used.add(o);
    if (change.combinedTo) used.add(change.combinedTo);
    if (change.ancestor) used.add(change.ancestor);
    raw.push({ at: Math.min(setup.now, at), seq: raw.length, body: { ...change, order: o } });
  };
  orders.forEach((o, i) => {
    const later = () => rng.between(o.createdAt + MINUTE, Math.min(setup.now, o.updatedAt + 5 * DAY));
    const forced = FORCED.filter((_, k) => k % orders.length === i);
    const drawn = rng.weighted([[0, 30], [1, 20], [2, 20], [3, 12], [4, 8], [5, 5], [6, 5]] as const);
    const count = Math.max(0, Math.min(drawn, 6 - forced.length - (o.parentId === null ? 0 : 1)));
    for (const name of [...forced, ...Array.from({ length: count }, () => rng.pick(RANDOM_TEMPLATES))]) {
      const at = later();
      if (name === 'combine') {
        const target = orders[(i + 1) % orders.length];
        if (target && target !== o) add(o, at, { field: 'status', oldValue: { code: 'new' }, newValue: { code: 'cancel-other' }, source: 'combine', combinedTo: target });
        continue;
      }
      const template = TEMPLATES[name];
      if (template) add(o, at, template(rng, setup, o, at));
    }
    const parent = o.parentId === null ? undefined : byId.get(o.parentId);
    if (parent && o.splitAt !== null) {
      add(o, o.splitAt + rng.int(1, 30) * 1000, { field: 'status', newValue: { code: 'new' }, source: 'split', ancestor: parent });
    }
  });
  for (const o of orders) {
    if (used.has(o)) links.push({ system: 'history-changes', externalId: String(o.historyChangesId), orderId: o.id });
  }
  const ref = (o: OrderModel) => ({ id: o.historyChangesId, externalId: o.id, site: setup.site });
  const history = numberInTimeOrder(rng, raw, 901).map(({ at, id, body }) => {
    const source: Source = body.source ?? rng.weighted([['api', 30], ['code', 25], ['user', 30], ['rule', 15]] as const);
    return {
      id,
      createdAt: crmDateTime(at),
      source,
      ...(source === 'user' ? { user: { id: rng.pick(setup.staff).userId } } : {}),
      ...(source === 'api' ? { apiKey: { current: rng.chance(0.7) } } : {}),
      field: body.field,
      ...('oldValue' in body ? { oldValue: body.oldValue } : {}),
      ...('newValue' in body ? { newValue: body.newValue } : {}),
      ...(body.combinedTo ? { combinedTo: ref(body.combinedTo) } : {}),
      ...(body.ancestor
        ? { ancestor: { ...ref(body.ancestor), managerId: rng.pick(setup.staff).userId, status: 'availability-confirmed' } }
        : {}),
      order: ref(body.order),
    };
  });
  return {
    success: true as const,
    history,
    pagination: { limit: Math.max(100, history.length), totalCount: history.length, currentPage: 1, totalPageCount: 1 },
  };
}
