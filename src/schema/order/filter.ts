/**
 * `OrderFilter` and `OrderOrder`: the order-search document's filters, as SQL over `orders o`.
 * Id-like filters match exactly; names and e-mail addresses ignore case; `query` searches the
 * text the normaliser gathered (products, numbers, people, tracking, ids).
 */
import { sql, type SQL } from 'drizzle-orm';
import { builder } from '../builder.js';
import { DateTimeRangeRef, rangeConditions, type DateTimeRange } from '../common/date-range.js';
import type { SortKey } from '../pagination/query.js';
import {
  deliveryOptionType,
  deliveryStatus,
  OrderDirectionRef,
  OrderOrderFieldRef,
  orderStatus,
  paymentStatus,
} from './enums.js';

export const OrderFilterRef = builder.inputType('OrderFilter', {
  description: 'Order-search filters; all given ones must match.',
  fields: (t) => ({
    query: t.string({
      required: false,
      description: 'Text in the product name, order number, customer id/name/phone/email, recipient name/phone, tracking number, promotion id or item id.',
    }),
    status: t.field({ type: orderStatus.ref, required: false, description: 'Orders in this status.' }),
    statuses: t.field({ type: [orderStatus.ref], required: false, description: 'Orders in any of these statuses.' }),
    paymentStatus: t.field({ type: paymentStatus.ref, required: false, description: 'Orders whose payment is in this status.' }),
    deliveryStatus: t.field({ type: deliveryStatus.ref, required: false, description: 'Orders whose delivery is in this status (either of upstream `status` and `delivery_status`).' }),
    deliveryStatuses: t.field({ type: [deliveryStatus.ref], required: false, description: 'Orders whose delivery is in any of these statuses.' }),
    deliveryOptionId: t.string({ required: false, description: 'Orders with this delivery option (upstream `delivery_option_id`).' }),
    deliveryOptionType: t.field({ type: deliveryOptionType.ref, required: false, description: 'Orders delivered this way (upstream `order_delivery.platform`).' }),
    paymentMethodId: t.string({ required: false, description: 'Orders paid with this payment method (upstream `payment_method_id`).' }),
    createdBy: t.string({ required: false, description: 'pos, visible_channels, shop, admin…' }),
    orderNumber: t.string({ required: false, description: 'Matches the order number or the merchant order number.' }),
    customerId: t.string({ required: false, description: "The customer's id, exact." }),
    customerEmail: t.string({ required: false, description: 'Exact, ignoring case.' }),
    name: t.string({ required: false, description: "The customer's or a recipient's name, exact, ignoring case." }),
    phoneNumber: t.string({ required: false, description: "The customer's or the recipient's phone." }),
    trackingNumber: t.string({ required: false, description: 'The delivery tracking number, exact.' }),
    promotionId: t.string({ required: false, description: 'Orders a promotion with this id applied to.' }),
    itemId: t.string({ required: false, description: 'A product id or an order-item id.' }),
    affiliateSource: t.string({ required: false, description: 'Orders from this affiliate source.' }),
    createdAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Orders created in this span.' }),
    updatedAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Orders last updated in this span.' }),
    paidAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Orders paid in this span.' }),
    shippedAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Orders shipped in this span.' }),
    arrivedAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Orders arrived in this span.' }),
    collectedAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Orders collected in this span.' }),
    returnedAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Orders returned in this span.' }),
    cancelledAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Orders cancelled in this span.' }),
    scheduledDeliveryDate: t.field({ type: DateTimeRangeRef, required: false, description: 'Orders scheduled for delivery in this span.' }),
  }),
});

export const OrderOrderRef = builder.inputType('OrderOrder', {
  description: 'Sort order of order lists; ties are broken by id in the same direction.',
  fields: (t) => ({
    field: t.field({ type: OrderOrderFieldRef, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirectionRef, required: true, description: 'Ascending or descending; ties break by id in the same direction.' }),
  }),
});

export type OrderFilter = typeof OrderFilterRef.$inferInput;
export type OrderOrder = typeof OrderOrderRef.$inferInput;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function orderFilterConditions(filter: OrderFilter | null | undefined): SQL[] {
  if (!filter) return [];
  const f = filter;
  const c: SQL[] = [];
  const lowerEq = (column: SQL, value: string) => sql`lower(${column}) = lower(${value})`;
  if (f.query != null && f.query.trim() !== '') {
    // The trigram index covers the spelled text (see `ascii_spelled`); spelling the pattern the
    // same way keeps LIKE's meaning, wildcards and escapes being ASCII.
    // A scalar subquery spells it once per statement: in a generic plan (a prepared statement run
    // often), `ascii_spelled($n)` would otherwise be called again for every row the index rechecks.
    c.push(sql`o.search_spelled like (select ascii_spelled(${`%${escapeLike(f.query.trim().toLowerCase())}%`}))`);
  }
  if (f.status) c.push(orderStatus.condition(sql`o.status`, [f.status]));
  if (f.statuses) c.push(orderStatus.condition(sql`o.status`, f.statuses));
  if (f.paymentStatus) c.push(paymentStatus.condition(sql`o.payment_status`, [f.paymentStatus]));
  if (f.deliveryStatus) c.push(deliveryStatus.condition(sql`o.delivery_status`, [f.deliveryStatus]));
  if (f.deliveryStatuses) c.push(deliveryStatus.condition(sql`o.delivery_status`, f.deliveryStatuses));
  if (f.deliveryOptionType) c.push(deliveryOptionType.condition(sql`o.delivery_platform`, [f.deliveryOptionType]));
  if (f.deliveryOptionId != null) c.push(sql`o.delivery_option_id = ${f.deliveryOptionId}`);
  if (f.paymentMethodId != null) c.push(sql`o.payment_method_id = ${f.paymentMethodId}`);
  if (f.createdBy != null) c.push(sql`o.created_by = ${f.createdBy}`);
  if (f.orderNumber != null) {
    c.push(sql`(o.order_number = ${f.orderNumber} or o.merchant_order_number = ${f.orderNumber})`);
  }
  if (f.customerId != null) c.push(sql`o.customer_id = ${f.customerId}`);
  if (f.customerEmail != null) c.push(lowerEq(sql`o.customer_email`, f.customerEmail));
  if (f.name != null) {
    c.push(sql`(lower(o.customer_name) = lower(${f.name}) or lower(${f.name}) in (select lower(n) from unnest(o.recipient_names) n))`);
  }
  if (f.phoneNumber != null) {
    c.push(sql`(o.customer_phone = ${f.phoneNumber} or ${f.phoneNumber} = any(o.recipient_phones))`);
  }
  if (f.trackingNumber != null) c.push(sql`o.tracking_number = ${f.trackingNumber}`);
  if (f.promotionId != null) c.push(sql`${f.promotionId} = any(o.promotion_ids)`);
  if (f.itemId != null) c.push(sql`${f.itemId} = any(o.item_ids)`);
  if (f.affiliateSource != null) c.push(sql`o.affiliate_source = ${f.affiliateSource}`);
  const ranges: [SQL, DateTimeRange | null | undefined, string][] = [
    [sql`o.created_at`, f.createdAt, 'filter.createdAt'],
    [sql`o.updated_at`, f.updatedAt, 'filter.updatedAt'],
    [sql`o.paid_at`, f.paidAt, 'filter.paidAt'],
    [sql`o.shipped_at`, f.shippedAt, 'filter.shippedAt'],
    [sql`o.arrived_at`, f.arrivedAt, 'filter.arrivedAt'],
    [sql`o.collected_at`, f.collectedAt, 'filter.collectedAt'],
    [sql`o.returned_at`, f.returnedAt, 'filter.returnedAt'],
    [sql`o.cancelled_at`, f.cancelledAt, 'filter.cancelledAt'],
    [sql`o.scheduled_delivery_date`, f.scheduledDeliveryDate, 'filter.scheduledDeliveryDate'],
  ];
  for (const [column, range, argument] of ranges) c.push(...rangeConditions(column, range, argument));
  return c;
}

const sortColumns = {
  CREATED_AT: { expr: sql`o.created_at`, type: 'timestamptz' },
  UPDATED_AT: { expr: sql`o.updated_at`, type: 'timestamptz' },
  ORDER_NUMBER: { expr: sql`o.order_number`, type: 'text' },
} as const;

/** The sort keys for an `OrderOrder` (default: newest first), ending with the id tie-break. */
export function orderSort(order: OrderOrder | null | undefined): SortKey[] {
  const field = order?.field ?? 'CREATED_AT';
  const direction = order?.direction === 'ASC' ? 'asc' : 'desc';
  return [
    { ...sortColumns[field], direction },
    { expr: sql`o.id`, type: 'text', direction },
  ];
}
