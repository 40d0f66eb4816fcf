/** Order search (`GET /v1/orders/search`) → `orders` and `order_items` rows. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { orderItems, orders, type NewOrder, type NewOrderItem } from '../db/schema.js';
import { normaliseBody, type BodyShape } from './body.js';
import { at } from './errors.js';
import { normaliseItems, type OrderItemInput } from './orders/items.js';
import { deliveryAddressOf, deliveryDataOf, deliveryOf, invoiceOf, paymentOf } from './orders/parts.js';
import { promotionItemsOf } from './orders/promotions.js';
import { syncOrders } from './sync/orders.js';
import type { Upstream } from './upstream.js';
import {
  blankToNull, dateTime, id, membersOf, object, optArray, optDateTime, optId, optLang, optMoney, optObject,
  optString, storableJson, string,
} from './values.js';
import type { JsonObject } from './values.js';
import { textArray } from '../db/sql.js';
import { chunks, lastByKey, upsert } from './write.js';

export type OrderInput = Omit<NewOrder, 'merchantId'>;
export type { OrderItemInput } from './orders/items.js';
export interface NormalisedOrder {
  order: OrderInput;
  items: OrderItemInput[];
}

/** `{"items": [...], "pagination": {...}}`; paths read `items[3].created_at`. */
export const ordersShape: BodyShape<NormalisedOrder> = { recordsKey: 'items', record: (raw, path) => normaliseOrder(raw, path) };

export const normaliseOrdersBody = (body: unknown): NormalisedOrder[] => normaliseBody(ordersShape, body);

const EMPTY: JsonObject = {};
const unique = (values: (string | null)[]): string[] => [
  ...new Set(values.filter((value): value is string => value !== null && value !== '')),
];

/** One order object as order search returns it; `path` prefixes every error. */
export function normaliseOrder(raw: unknown, path: string): NormalisedOrder {
  const o = object(raw, path);
  const p = (...keys: (string | number)[]) => keys.reduce<string>(at, path);
  const given = (key: string) => optObject(o[key], p(key));
  const sub = (key: string) => given(key) ?? EMPTY;
  const payment = sub('order_payment');
  const delivery = sub('order_delivery');
  const address = sub('delivery_address');
  const data = sub('delivery_data');
  const affiliate = sub('affiliate_data');
  const invoice = given('invoice');
  const r = membersOf(o, path);

  const orderId = id(o.id, p('id'));
  const orderNumber = string(o.order_number, p('order_number'));
  const merchantOrderNumber = blankToNull(optString(o.merchant_order_number, p('merchant_order_number')));
  const createdAt = dateTime(o.created_at, p('created_at'));
  const customer = {
    id: optString(o.customer_id, p('customer_id')),
    name: optString(o.customer_name, p('customer_name')),
    email: optString(o.customer_email, p('customer_email')),
    phone: optString(o.customer_phone, p('customer_phone')),
  };
  const recipientNames = unique([
    optString(address.recipient_name, p('delivery_address', 'recipient_name')),
    optString(data.recipient_name, p('delivery_data', 'recipient_name')),
  ]);
  const recipientPhones = unique([
    optString(address.recipient_phone, p('delivery_address', 'recipient_phone')),
    optString(data.recipient_phone, p('delivery_data', 'recipient_phone')),
  ]);
  const trackingNumber = blankToNull(optString(data.tracking_number, p('delivery_data', 'tracking_number')));

  const items = normaliseItems(optArray(o.subtotal_items, p('subtotal_items')) ?? [], p('subtotal_items'));
  const itemIds = unique(items.flatMap(({ item, upstreamId }) => [item.itemId ?? null, upstreamId]));
  const promotions = promotionItemsOf(optArray(o.promotion_items, p('promotion_items')) ?? [], p('promotion_items'));
  const promotionIds = unique([
    ...items.map(({ promotionId }) => promotionId),
    ...promotions.map((entry) => entry.promotion?.id ?? null),
  ]);
  const titles = items.flatMap(({ item }) => Object.values(item.title ?? {}));

  const order: OrderInput = {
    id: orderId,
    orderNumber,
    merchantOrderNumber,
    status: string(o.status, p('status')),
    paymentStatus: optString(payment.status, p('order_payment', 'status')),
    // What `deliveryStatus` serves and filters: `delivery_status` (the filter's name), else `status`.
    deliveryStatus:
      optString(delivery.delivery_status, p('order_delivery', 'delivery_status')) ??
      optString(delivery.status, p('order_delivery', 'status')),
    deliveryOptionId: optString(delivery.delivery_option_id, p('order_delivery', 'delivery_option_id')),
    deliveryPlatform: optString(delivery.platform, p('order_delivery', 'platform')),
    deliveryOptionName: optLang(delivery.name_translations, p('order_delivery', 'name_translations')),
    paymentMethodId: optString(payment.payment_method_id, p('order_payment', 'payment_method_id')),
    paymentType: optString(payment.payment_type, p('order_payment', 'payment_type')),
    paymentMethodName: optLang(payment.name_translations, p('order_payment', 'name_translations')),
    paymentFee: optMoney(payment.payment_fee, p('order_payment', 'payment_fee')),
    payment: given('order_payment') && paymentOf(payment, p('order_payment')),
    deliveryFee: optMoney(delivery.total, p('order_delivery', 'total')),
    delivery: given('order_delivery') && deliveryOf(delivery, p('order_delivery')),
    deliveryAddress: given('delivery_address') && deliveryAddressOf(address, p('delivery_address')),
    deliveryData: given('delivery_data') && deliveryDataOf(data, p('delivery_data')),
    createdBy: optString(o.created_by, p('created_by')),
    customerId: customer.id,
    customerName: customer.name,
    customerEmail: customer.email,
    customerPhone: customer.phone,
    recipientName: recipientNames[0] ?? null,
    recipientPhone: recipientPhones[0] ?? null,
    recipientNames,
    recipientPhones,
    trackingNumber,
    promotionIds,
    itemIds,
    affiliateSource: blankToNull(optString(affiliate.affiliate_source, p('affiliate_data', 'affiliate_source'))),
    currencyIso: optString(o.currency_iso, p('currency_iso')),
    total: optMoney(o.total, p('total')),
    subtotal: optMoney(o.subtotal, p('subtotal')),
    discount: optMoney(o.order_discount, p('order_discount')),
    userCredit: r.money('user_credit'),
    totalTaxFee: r.money('total_tax_fee'),
    invoice: invoice && invoiceOf(invoice, p('invoice')),
    promotions: o.promotion_items == null ? null : promotions,
    remarks: r.text('order_remarks'),
    refOrderId: r.text('ref_order_id'),
    refCustomerId: r.text('ref_customer_id'),
    skipFulfillment: r.flag('skip_fulfillment'),
    gaTracked: r.flag('ga_tracked'),
    customerInfo: r.any('customer_info'),
    customData: r.list('custom_data'),
    customDiscountItems: r.list('custom_discount_items'),
    affiliateData: r.any('affiliate_data'),
    channel: r.any('channel'),
    utmData: r.any('utm_data'),
    comments: r.list('order_comments'),
    notes: r.list('order_notes'),
    parentOrderId: blankToNull(optString(o.parent_order_id, p('parent_order_id'))),
    childOrderIds: unique(
      (optArray(o.child_order_ids, p('child_order_ids')) ?? []).map((child, i) => optId(child, p('child_order_ids', i))),
    ),
    createdAt,
    updatedAt: optDateTime(o.updated_at, p('updated_at')) ?? createdAt,
    confirmedAt: optDateTime(o.confirmed_at, p('confirmed_at')),
    paidAt: optDateTime(payment.paid_at, p('order_payment', 'paid_at')),
    shippedAt: optDateTime(delivery.shipped_at, p('order_delivery', 'shipped_at')),
    arrivedAt: optDateTime(delivery.arrived_at, p('order_delivery', 'arrived_at')),
    collectedAt: optDateTime(delivery.collected_at, p('order_delivery', 'collected_at')),
    returnedAt: optDateTime(delivery.returned_at, p('order_delivery', 'returned_at')),
    cancelledAt: optDateTime(o.cancelled_at, p('cancelled_at')),
    splitAt: optDateTime(o.split_at, p('split_at')),
    scheduledDeliveryDate: optDateTime(data.scheduled_delivery_date, p('delivery_data', 'scheduled_delivery_date')),
    searchText: searchText([
      ...titles, orderNumber, merchantOrderNumber, customer.id, customer.name, customer.phone, customer.email,
      ...recipientNames, ...recipientPhones, trackingNumber, ...promotionIds, ...itemIds,
    ]),
    raw: storableJson(o, path),
  };
  return { order, items: items.map(({ item }) => item) };
}

/** What the `query` filter searches, lower-cased once here so queries compare with `lower(query)`. */
function searchText(parts: (string | null)[]): string {
  return unique(parts.map((part) => part?.trim().toLowerCase() ?? null)).join(' ');
}

/**
 * Upserts orders and makes each one's items exactly those given. Items are upserted and only the ones an
 * order no longer has are deleted, so re-importing an unchanged order rewrites nothing. Returns the orders.
 */
export async function writeOrders(db: Db, merchantId: string, input: NormalisedOrder[]): Promise<number> {
  const rows = lastByKey(input, ({ order }) => order.id);
  for (const chunk of chunks(rows)) {
    await upsert(db, orders, [orders.merchantId, orders.id], chunk.map(({ order }) => ({ ...order, merchantId })));
    const items = chunk.flatMap(({ order, items }) =>
      items.map((item) => ({ ...item, merchantId, orderId: order.id })),
    );
    const kept = JSON.stringify(items.map((item) => [item.orderId, item.id]));
    await db.execute(sql`
      delete from ${orderItems} where merchant_id = ${merchantId}
        and order_id = any(${textArray(chunk.map(({ order }) => order.id))})
        and (order_id, id) not in (select e->>0, e->>1 from jsonb_array_elements(${kept}::jsonb) e)`);
    await upsert(db, orderItems, [orderItems.merchantId, orderItems.orderId, orderItems.id], items);
  }
  return rows.length;
}

/** Order search: the canonical ids every other upstream's orders are linked to. */
export const ordersUpstream = {
  name: 'orders',
  shape: () => ordersShape,
  write: writeOrders,
  sync: { path: '/v1/orders/search', run: syncOrders },
} as const satisfies Upstream<NormalisedOrder>;
