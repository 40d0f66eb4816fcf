/**
 * Orders and what hangs off them, read per request in batches: one statement per kind of thing
 * (and per selection), however many orders a request touches, each with only the columns its
 * selection reads. Every read is scoped to the caller's merchant (`scopedRows`).
 */
import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import type { GraphQLResolveInfo } from 'graphql';
import { perRequest, type Context } from '../../context.js';
import { orderItems, orderRefs, orders, type OrderItemRow, type OrderRow } from '../../db/schema.js';
import { decodeRow, keysFor, selectList, tableColumns, type RowShape, type Served } from '../pagination/columns.js';
import { fieldsAt } from '../pagination/selection.js';
import { scopedRows, textArray, type Relation } from '../scoped.js';

/** The stored upstream body and the search text: never read to answer a query. */
export const UNSERVED_ORDER_COLUMNS = ['merchantId', 'raw', 'searchText', 'searchSpelled'] as const;
export type OrderView = Served<Omit<OrderRow, (typeof UNSERVED_ORDER_COLUMNS)[number]>>;
export type OrderKey = keyof OrderView & string;

export const ORDER_RELATION: Relation = { from: sql`${orders} o`, merchant: sql`o.merchant_id` };

const customer = ['customerId', 'customerName', 'customerEmail', 'customerPhone'] as const;
const paymentMethod = ['paymentMethodId', 'paymentType', 'paymentMethodName'] as const;
const deliveryOption = ['deliveryOptionId', 'deliveryPlatform', 'deliveryOptionName'] as const;
const milestones = ['shippedAt', 'arrivedAt', 'collectedAt', 'returnedAt'] as const;

/** What each `Order` field reads; fields not listed (history lists, items, refs) need only the id. */
export const ORDER_SHAPE: RowShape<OrderKey> = {
  columns: tableColumns(orders, 'o', UNSERVED_ORDER_COLUMNS),
  always: ['id'],
  fields: {
    orderNumber: ['orderNumber'],
    merchantOrderNumber: ['merchantOrderNumber'],
    status: ['status'],
    statusRaw: ['status'],
    paymentStatus: ['paymentStatus'],
    paymentStatusRaw: ['paymentStatus'],
    deliveryStatus: ['deliveryStatus'],
    deliveryStatusRaw: ['deliveryStatus'],
    customer,
    recipient: ['recipientName', 'recipientPhone'],
    deliveryOption,
    paymentMethod,
    payment: [...paymentMethod, 'paymentStatus', 'paymentFee', 'payment', 'paidAt'],
    delivery: [...deliveryOption, 'delivery', 'deliveryFee', ...milestones],
    deliveryAddress: ['deliveryAddress'],
    deliveryData: ['deliveryData', 'scheduledDeliveryDate'],
    fees: ['subtotal', 'discount', 'userCredit', 'deliveryFee', 'paymentFee', 'totalTaxFee', 'total'],
    invoice: ['invoice'],
    promotions: ['promotions'],
    currencyIso: ['currencyIso'],
    remarks: ['remarks'],
    refOrderId: ['refOrderId'],
    refCustomerId: ['refCustomerId'],
    skipFulfillment: ['skipFulfillment'],
    gaTracked: ['gaTracked'],
    customerInfo: ['customerInfo'],
    customData: ['customData'],
    customDiscountItems: ['customDiscountItems'],
    affiliateData: ['affiliateData'],
    channel: ['channel'],
    utmData: ['utmData'],
    comments: ['comments'],
    notes: ['notes'],
    trackingNumber: ['trackingNumber'],
    createdBy: ['createdBy'],
    affiliateSource: ['affiliateSource'],
    promotionIds: ['promotionIds'],
    total: ['total', 'currencyIso'],
    subtotal: ['subtotal'],
    discount: ['discount'],
    createdAt: ['createdAt'],
    updatedAt: ['updatedAt'],
    confirmedAt: ['confirmedAt'],
    paidAt: ['paidAt'],
    shippedAt: ['shippedAt'],
    arrivedAt: ['arrivedAt'],
    collectedAt: ['collectedAt'],
    returnedAt: ['returnedAt'],
    cancelledAt: ['cancelledAt'],
    splitAt: ['splitAt'],
    scheduledDeliveryDate: ['scheduledDeliveryDate'],
    parentOrder: ['parentOrderId'],
    childOrders: ['childOrderIds'],
    childOrderIds: ['childOrderIds'],
  },
};

/** The order columns a selection of `Order` fields reads. */
export const orderKeys = (fields: Iterable<string>): OrderKey[] => keysFor(ORDER_SHAPE, fields);

/** Orders read so far in this request, by id, with whatever columns each was read with. */
const knownOrders = perRequest(() => new Map<string, OrderView>());

const ordersByKeys = perRequest((ctx: Context) => {
  const loaders = new Map<string, DataLoader<string, OrderView | null>>();
  return (keys: readonly OrderKey[]) => {
    const name = keys.join(',');
    let loader = loaders.get(name);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const raw = await scopedRows<Record<string, unknown>>(ctx, 'orders.byId', ORDER_RELATION, selectList(ORDER_SHAPE, keys), [
          sql`o.id = any(${textArray(ids)})`,
        ]);
        const rows = raw.map((row) => decodeRow<OrderKey, OrderView>(ORDER_SHAPE, keys, row));
        rememberOrders(ctx, rows);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      loaders.set(name, loader);
    }
    return loader;
  };
});

/** Keeps rows a list or loader already read, so a link to one of them costs nothing. */
export function rememberOrders(ctx: Context, rows: readonly OrderView[]): void {
  const known = knownOrders(ctx);
  for (const row of rows) known.set(row.id, { ...known.get(row.id), ...row });
}

/**
 * An order by canonical id with at least `keys`; another merchant's order is null, like one that
 * does not exist.
 */
export function loadOrderKeys(ctx: Context, id: string, keys: readonly OrderKey[]): Promise<OrderView | null> | OrderView {
  const known = knownOrders(ctx).get(id);
  if (known && keys.every((key) => key in known)) return known;
  return ordersByKeys(ctx)(keys).load(id);
}

/** An order by canonical id, with the columns the resolving field's own selection reads. */
export function loadOrder(ctx: Context, id: string, info: GraphQLResolveInfo): Promise<OrderView | null> | OrderView {
  return loadOrderKeys(ctx, id, orderKeys(fieldsAt(info)));
}

export function loadOrders(ctx: Context, ids: readonly string[], info: GraphQLResolveInfo): Promise<(OrderView | null)[]> {
  const keys = orderKeys(fieldsAt(info));
  return Promise.all(ids.map((id) => loadOrderKeys(ctx, id, keys)));
}

const ITEM_RELATION: Relation = { from: sql`${orderItems} i`, merchant: sql`i.merchant_id` };
type ItemKey = Exclude<keyof OrderItemRow, 'merchantId'> & string;
export type OrderItemView = Served<OrderItemRow>;
export const ITEM_SHAPE: RowShape<ItemKey> = {
  columns: tableColumns(orderItems, 'i', ['merchantId']),
  always: ['orderId', 'id'],
  fields: {
    itemType: ['itemType'],
    itemId: ['itemId'],
    itemVariationId: ['itemVariationId'],
    itemVariationKey: ['itemVariationKey'],
    title: ['title'],
    sku: ['sku'],
    quantity: ['quantity'],
    options: ['options'],
    itemPrice: ['itemPrice'],
    price: ['price'],
    cost: ['cost'],
    total: ['total'],
    orderDiscountedPrice: ['orderDiscountedPrice'],
    discountedPrice: ['discountedPrice'],
    isPreorder: ['isPreorder'],
    createdBy: ['createdBy'],
    variant: ['variation'],
    media: ['media'],
    itemData: ['itemData'],
    refData: ['refData'],
  },
};

const itemsByKeys = perRequest((ctx: Context) => {
  const loaders = new Map<string, DataLoader<string, OrderItemView[]>>();
  return (keys: readonly ItemKey[]) => {
    const name = keys.join(',');
    let loader = loaders.get(name);
    if (!loader) {
      loader = new DataLoader(async (orderIds) => {
        const raw = await scopedRows<Record<string, unknown>>(
          ctx,
          'Order.items',
          ITEM_RELATION,
          selectList(ITEM_SHAPE, keys),
          [sql`i.order_id = any(${textArray(orderIds)})`],
          sql`i.order_id, i.position`,
        );
        const groups = groupBy(raw.map((row) => decodeRow<ItemKey, OrderItemView>(ITEM_SHAPE, keys, row)), (row) => row.orderId);
        return orderIds.map((id) => groups.get(id) ?? []);
      });
      loaders.set(name, loader);
    }
    return loader;
  };
});

export const loadItems = (ctx: Context, orderId: string, info: GraphQLResolveInfo): Promise<OrderItemView[]> =>
  loadItemsWith(ctx, orderId, info, []);

/** An order's items with the columns the field's selection reads and `extra` (what the caller filters by). */
export const loadItemsWith = (ctx: Context, orderId: string, info: GraphQLResolveInfo, extra: readonly ItemKey[]): Promise<OrderItemView[]> =>
  itemsByKeys(ctx)(keysFor(ITEM_SHAPE, fieldsAt(info), extra)).load(orderId);

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

const REF_RELATION: Relation = { from: sql`${orderRefs} r`, merchant: sql`r.merchant_id` };

export const refsByOrder = perRequest(
  (ctx: Context) =>
    new DataLoader<string, { system: string; externalId: string }[]>(async (orderIds) => {
      const rows = await scopedRows<{ orderId: string; system: string; externalId: string }>(
        ctx,
        'Order.sourceRefs',
        REF_RELATION,
        sql`r.order_id as "orderId", r.system, r.external_id as "externalId"`,
        [sql`r.order_id = any(${textArray(orderIds)})`],
        sql`r.system, r.external_id`,
      );
      const groups = groupBy(rows, (row) => row.orderId);
      return orderIds.map((id) => groups.get(id) ?? []);
    }),
);
