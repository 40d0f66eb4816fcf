/**
 * `Order` and the types only it uses. History lists are added to `Order` by their own domains.
 */
import { builder } from '../builder.js';
import { MoneyRef, TranslationsRef } from '../common/values.js';
import { federatedEntity } from '../federation.js';
import { DeliveryAddressRef, DeliveryDataRef, DeliveryOptionRef, OrderDeliveryRef } from './delivery.js';
import { deliveryStatus, orderStatus, paymentStatus } from './enums.js';
import { OrderInvoiceRef } from './invoice.js';
import { OrderItemRef } from './items.js';
import { loadItems, loadOrder, loadOrderKeys, loadOrders, orderKeys, refsByOrder, type OrderView } from './loaders.js';
import { OrderFeesRef, OrderPaymentRef, PaymentMethodRef } from './payment.js';
import { OrderPromotionRef } from './promotions.js';
import { fieldsAt } from '../pagination/selection.js';

const CustomerRef = builder.objectRef<OrderView>('Customer').implement({
  description: 'The customer who placed the order.',
  fields: (t) => ({
    id: t.string({ nullable: true, description: 'Upstream `customer_id`.', resolve: (o) => o.customerId }),
    name: t.string({ nullable: true, description: 'Upstream `customer_name`.', resolve: (o) => o.customerName }),
    email: t.string({ nullable: true, description: 'Upstream `customer_email`.', resolve: (o) => o.customerEmail }),
    phone: t.string({ nullable: true, description: 'Upstream `customer_phone`.', resolve: (o) => o.customerPhone }),
  }),
});

const RecipientRef = builder.objectRef<OrderView>('Recipient').implement({
  description: "Who receives the delivery: the delivery address's recipient, else the delivery data's.",
  fields: (t) => ({
    name: t.string({ nullable: true, description: "The recipient's name.", resolve: (o) => o.recipientName }),
    phone: t.string({ nullable: true, description: "The recipient's phone.", resolve: (o) => o.recipientPhone }),
  }),
});

const OrderRefRef = builder.objectRef<{ system: string; externalId: string }>('OrderRef').implement({
  description: 'How one upstream names this order: `orders` is the order-search id, others come from order links.',
  fields: (t) => ({
    system: t.exposeString('system', { description: 'The upstream, by its `--source` name (orders, traces, status-history…).' }),
    externalId: t.exposeString('externalId', { description: 'The id that upstream gives the order.' }),
  }),
});

export const OrderRef = builder.objectRef<OrderView>('Order');

federatedEntity(OrderRef, {
  key: ['id'],
  // `_entities` names its types in inline fragments; their fields decide the columns read.
  resolveReference: (reference, ctx, info) => loadOrderKeys(ctx, reference.id, orderKeys(fieldsAt(info))),
});

const json = (description: string) =>
  ({ type: 'JSON', nullable: true, description: `${description}, as sent (no document gives its shape).` }) as const;
const jsonList = (description: string) =>
  ({ type: ['JSON'] as ['JSON'], nullable: true, description: `${description}, as sent (no document gives the shape of an entry).` }) as const;

OrderRef.implement({
  description: 'An order as order search knows it, with its history from every upstream.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The canonical id (the order-search id).' }),
    orderNumber: t.exposeString('orderNumber', { description: 'The order number customers see (upstream `order_number`).' }),
    merchantOrderNumber: t.exposeString('merchantOrderNumber', { nullable: true, description: "The merchant's own order number, if any." }),
    status: t.field({ type: orderStatus.ref, description: 'The order status.', resolve: (o) => orderStatus.fromUpstream(o.status)! }),
    statusRaw: t.exposeString('status', { description: 'The upstream status string.' }),
    paymentStatus: t.field({ type: paymentStatus.ref, nullable: true, description: 'The payment status.', resolve: (o) => paymentStatus.fromUpstream(o.paymentStatus) }),
    paymentStatusRaw: t.exposeString('paymentStatus', { nullable: true, description: 'Upstream `order_payment.status` as sent.' }),
    deliveryStatus: t.field({
      type: deliveryStatus.ref,
      nullable: true,
      description: 'The delivery status: upstream `order_delivery.delivery_status`, else its `status` (see `delivery` for both).',
      resolve: (o) => deliveryStatus.fromUpstream(o.deliveryStatus),
    }),
    deliveryStatusRaw: t.exposeString('deliveryStatus', { nullable: true, description: 'The upstream string `deliveryStatus` is read from.' }),
    customer: t.field({
      type: CustomerRef,
      nullable: true,
      description: 'Who placed the order; null when upstream names no one.',
      resolve: (o) => (o.customerId || o.customerName || o.customerEmail || o.customerPhone ? o : null),
    }),
    customerInfo: t.field({ ...json('Upstream `customer_info`: more about the customer'), resolve: (o) => o.customerInfo }),
    recipient: t.field({
      type: RecipientRef,
      nullable: true,
      description: 'Who receives the delivery, in short (see `deliveryAddress` and `deliveryData` for both of upstream\'s).',
      resolve: (o) => (o.recipientName || o.recipientPhone ? o : null),
    }),
    deliveryAddress: t.field({ type: DeliveryAddressRef, nullable: true, description: 'Where the parcel goes.', resolve: (o) => o.deliveryAddress }),
    delivery: t.field({
      type: OrderDeliveryRef,
      nullable: true,
      description: 'The delivery: method, both upstream statuses, fee, remark, return, request and store times.',
      resolve: (o) => (o.delivery || o.deliveryOptionId || o.deliveryPlatform ? o : null),
    }),
    deliveryData: t.field({
      type: DeliveryDataRef,
      nullable: true,
      description: "The carrier's side: recipient, tracking, pickup store, time slot.",
      resolve: (o) => (o.deliveryData ? { ...o, deliveryData: o.deliveryData } : null),
    }),
    deliveryOption: t.field({
      type: DeliveryOptionRef,
      nullable: true,
      description: 'The delivery method (also `delivery.option`).',
      resolve: (o) => (o.deliveryOptionId || o.deliveryPlatform ? o : null),
    }),
    payment: t.field({
      type: OrderPaymentRef,
      nullable: true,
      description: 'The payment: method, status, fee, total, card digits and times.',
      resolve: (o) => (o.payment || o.paymentMethodId || o.paymentStatus ? o : null),
    }),
    paymentMethod: t.field({
      type: PaymentMethodRef,
      nullable: true,
      description: 'The payment method (also `payment.method`).',
      resolve: (o) => (o.paymentMethodId || o.paymentType ? o : null),
    }),
    trackingNumber: t.exposeString('trackingNumber', { nullable: true, description: 'The tracking number; null while upstream sends "".' }),
    currencyIso: t.exposeString('currencyIso', { nullable: true, description: "The order's currency (ISO 4217)." }),
    total: t.field({
      type: MoneyRef,
      description: 'What the customer pays (zero in the order\'s currency when upstream sent none).',
      resolve: (o) => o.total ?? { cents: 0, dollars: 0, currency_iso: o.currencyIso ?? '', currency_symbol: null, label: null },
    }),
    subtotal: t.field({ type: MoneyRef, nullable: true, description: 'The items, before order discounts.', resolve: (o) => o.subtotal }),
    discount: t.field({ type: MoneyRef, nullable: true, description: 'Promotions off the order (upstream `order_discount`).', resolve: (o) => o.discount }),
    fees: t.field({
      type: OrderFeesRef,
      nullable: true,
      description: 'The money breakdown that adds up to the total.',
      resolve: (o) => ([o.subtotal, o.discount, o.userCredit, o.deliveryFee, o.paymentFee, o.totalTaxFee, o.total].some((m) => m) ? o : null),
    }),
    promotions: t.field({
      type: [OrderPromotionRef],
      nullable: true,
      description: 'The promotions applied, with what each took off and the items it applied to.',
      resolve: (o) => o.promotions?.map((promotion) => ({ ...promotion, orderId: o.id })) ?? null,
    }),
    promotionIds: t.exposeStringList('promotionIds', { description: 'Every promotion the order or its items used.' }),
    invoice: t.field({ type: OrderInvoiceRef, nullable: true, description: 'The invoice.', resolve: (o) => o.invoice }),
    remarks: t.exposeString('remarks', { nullable: true, description: "The customer's remarks on the order (upstream `order_remarks`)." }),
    comments: t.field({ ...jsonList('Upstream `order_comments`'), resolve: (o) => o.comments }),
    notes: t.field({ ...jsonList('Upstream `order_notes`'), resolve: (o) => o.notes }),
    customData: t.field({ ...jsonList('Upstream `custom_data`: the shop\'s custom fields'), resolve: (o) => o.customData }),
    customDiscountItems: t.field({ ...jsonList('Upstream `custom_discount_items`'), resolve: (o) => o.customDiscountItems }),
    createdBy: t.exposeString('createdBy', { nullable: true, description: 'What created the order: shop, admin, pos, visible_channels, openapi…' }),
    channel: t.field({ ...json('Upstream `channel`: the sales channel'), resolve: (o) => o.channel }),
    affiliateSource: t.exposeString('affiliateSource', { nullable: true, description: 'Upstream `affiliate_data.affiliate_source`: where the order came from.' }),
    affiliateData: t.field({ ...json('Upstream `affiliate_data`'), resolve: (o) => o.affiliateData }),
    utmData: t.field({ ...json('Upstream `utm_data`: the campaign parameters'), resolve: (o) => o.utmData }),
    gaTracked: t.exposeBoolean('gaTracked', { nullable: true, description: 'Whether the order was reported to Google Analytics.' }),
    refOrderId: t.exposeString('refOrderId', { nullable: true, description: "The order's id in another system (upstream `ref_order_id`), as sent." }),
    refCustomerId: t.exposeString('refCustomerId', { nullable: true, description: "The customer's id in another system (upstream `ref_customer_id`), as sent." }),
    skipFulfillment: t.exposeBoolean('skipFulfillment', { nullable: true, description: 'Whether the order needs no fulfilment.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the order was placed.', resolve: (o) => o.createdAt }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the order last changed (delivery changes do not count, as upstream).', resolve: (o) => o.updatedAt }),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime', nullable: true, description: 'When the order was confirmed.' }),
    paidAt: t.expose('paidAt', { type: 'DateTime', nullable: true, description: 'When payment completed.' }),
    shippedAt: t.expose('shippedAt', { type: 'DateTime', nullable: true, description: 'When the delivery was shipped.' }),
    arrivedAt: t.expose('arrivedAt', { type: 'DateTime', nullable: true, description: 'When the delivery arrived.' }),
    collectedAt: t.expose('collectedAt', { type: 'DateTime', nullable: true, description: 'When the delivery was collected.' }),
    returnedAt: t.expose('returnedAt', { type: 'DateTime', nullable: true, description: 'When the delivery was returned.' }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true, description: 'When the order was cancelled.' }),
    splitAt: t.expose('splitAt', { type: 'DateTime', nullable: true, description: 'When the order was split.' }),
    scheduledDeliveryDate: t.expose('scheduledDeliveryDate', { type: 'DateTime', nullable: true, description: 'The delivery date the customer chose.' }),
    items: t.field({ type: [OrderItemRef], description: 'The order lines, in upstream\'s order.', resolve: (o, _args, ctx, info) => loadItems(ctx, o.id, info) }),
    sourceRefs: t.field({
      type: [OrderRefRef],
      description: 'How each upstream names this order.',
      resolve: async (o, _args, ctx) => [{ system: 'orders', externalId: o.id }, ...(await refsByOrder(ctx).load(o.id))],
    }),
    parentOrder: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order this one was split from (upstream `parent_order_id`; "" there means none).',
      resolve: (o, _args, ctx, info) => (o.parentOrderId ? loadOrder(ctx, o.parentOrderId, info) : null),
    }),
    childOrderIds: t.field({ type: ['ID'], description: 'The ids of the orders split off this one (upstream `child_order_ids`).', resolve: (o) => o.childOrderIds }),
    childOrders: t.field({
      type: [OrderRef],
      description: 'The orders split off this one (those the key may see).',
      resolve: async (o, _args, ctx, info) => {
        const children = await loadOrders(ctx, o.childOrderIds, info);
        return children.filter((child): child is OrderView => child !== null);
      },
    }),
  }),
});
