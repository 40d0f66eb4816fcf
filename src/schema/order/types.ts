/**
 * `Order` and the types only it uses. History lists are added to `Order` by their own domains.
 */
import { builder } from '../builder.js';
import { MoneyRef, TranslationsRef } from '../common/values.js';
import { federatedEntity } from '../federation.js';
import { deliveryOptionType, deliveryStatus, orderStatus, paymentStatus } from './enums.js';
import { loadItems, loadOrder, loadOrderKeys, loadOrders, orderKeys, refsByOrder, type OrderItemView, type OrderView } from './loaders.js';
import { fieldsAt } from '../pagination/selection.js';

const CustomerRef = builder.objectRef<OrderView>('Customer').implement({
  description: 'The customer who placed the order.',
  fields: (t) => ({
    id: t.string({ nullable: true, resolve: (o) => o.customerId }),
    name: t.string({ nullable: true, resolve: (o) => o.customerName }),
    email: t.string({ nullable: true, resolve: (o) => o.customerEmail }),
    phone: t.string({ nullable: true, resolve: (o) => o.customerPhone }),
  }),
});

const RecipientRef = builder.objectRef<OrderView>('Recipient').implement({
  description: 'Who receives the delivery.',
  fields: (t) => ({
    name: t.string({ nullable: true, resolve: (o) => o.recipientName }),
    phone: t.string({ nullable: true, resolve: (o) => o.recipientPhone }),
  }),
});

const DeliveryOptionRef = builder.objectRef<OrderView>('DeliveryOption').implement({
  fields: (t) => ({
    id: t.string({ nullable: true, resolve: (o) => o.deliveryOptionId }),
    type: t.field({ type: deliveryOptionType.ref, nullable: true, resolve: (o) => deliveryOptionType.fromUpstream(o.deliveryPlatform) }),
    typeRaw: t.string({ nullable: true, description: 'Upstream `order_delivery.platform`.', resolve: (o) => o.deliveryPlatform }),
    name: t.field({ type: TranslationsRef, nullable: true, resolve: (o) => o.deliveryOptionName }),
  }),
});

const PaymentMethodRef = builder.objectRef<OrderView>('PaymentMethod').implement({
  fields: (t) => ({
    id: t.string({ nullable: true, resolve: (o) => o.paymentMethodId }),
    type: t.string({ nullable: true, description: 'Upstream `payment_type`, e.g. two_checkout.', resolve: (o) => o.paymentType }),
    name: t.field({ type: TranslationsRef, nullable: true, resolve: (o) => o.paymentMethodName }),
  }),
});

const OrderItemRef = builder.objectRef<OrderItemView>('OrderItem').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    itemType: t.exposeString('itemType', { nullable: true }),
    itemId: t.exposeString('itemId', { nullable: true, description: 'The product id.' }),
    itemVariationId: t.exposeString('itemVariationId', { nullable: true }),
    title: t.field({ type: TranslationsRef, nullable: true, resolve: (i) => i.title }),
    sku: t.exposeString('sku', { nullable: true }),
    quantity: t.exposeInt('quantity', { nullable: true }),
    price: t.field({ type: MoneyRef, nullable: true, resolve: (i) => i.price }),
    total: t.field({ type: MoneyRef, nullable: true, resolve: (i) => i.total }),
  }),
});

const OrderRefRef = builder.objectRef<{ system: string; externalId: string }>('OrderRef').implement({
  description: 'How one upstream names this order: `orders` is the order-search id, others come from order links.',
  fields: (t) => ({
    system: t.exposeString('system'),
    externalId: t.exposeString('externalId'),
  }),
});

export const OrderRef = builder.objectRef<OrderView>('Order');

federatedEntity(OrderRef, {
  key: ['id'],
  // `_entities` names its types in inline fragments; their fields decide the columns read.
  resolveReference: (reference, ctx, info) => loadOrderKeys(ctx, reference.id, orderKeys(fieldsAt(info))),
});

OrderRef.implement({
  description: 'An order as order search knows it, with its history from every upstream.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The canonical id (the order-search id).' }),
    orderNumber: t.exposeString('orderNumber'),
    merchantOrderNumber: t.exposeString('merchantOrderNumber', { nullable: true }),
    status: t.field({ type: orderStatus.ref, resolve: (o) => orderStatus.fromUpstream(o.status)! }),
    statusRaw: t.exposeString('status', { description: 'The upstream status string.' }),
    paymentStatus: t.field({ type: paymentStatus.ref, nullable: true, resolve: (o) => paymentStatus.fromUpstream(o.paymentStatus) }),
    paymentStatusRaw: t.exposeString('paymentStatus', { nullable: true }),
    deliveryStatus: t.field({ type: deliveryStatus.ref, nullable: true, resolve: (o) => deliveryStatus.fromUpstream(o.deliveryStatus) }),
    deliveryStatusRaw: t.exposeString('deliveryStatus', { nullable: true }),
    customer: t.field({
      type: CustomerRef,
      nullable: true,
      resolve: (o) => (o.customerId || o.customerName || o.customerEmail || o.customerPhone ? o : null),
    }),
    recipient: t.field({
      type: RecipientRef,
      nullable: true,
      resolve: (o) => (o.recipientName || o.recipientPhone ? o : null),
    }),
    deliveryOption: t.field({ type: DeliveryOptionRef, nullable: true, resolve: (o) => (o.deliveryOptionId || o.deliveryPlatform ? o : null) }),
    paymentMethod: t.field({ type: PaymentMethodRef, nullable: true, resolve: (o) => (o.paymentMethodId || o.paymentType ? o : null) }),
    trackingNumber: t.exposeString('trackingNumber', { nullable: true }),
    createdBy: t.exposeString('createdBy', { nullable: true, description: 'shop, admin, pos, visible_channels, openapi…' }),
    affiliateSource: t.exposeString('affiliateSource', { nullable: true }),
    promotionIds: t.exposeStringList('promotionIds'),
    total: t.field({
      type: MoneyRef,
      resolve: (o) => o.total ?? { cents: 0, dollars: 0, currency_iso: o.currencyIso ?? '', currency_symbol: null, label: null },
    }),
    subtotal: t.field({ type: MoneyRef, nullable: true, resolve: (o) => o.subtotal }),
    discount: t.field({ type: MoneyRef, nullable: true, resolve: (o) => o.discount }),
    createdAt: t.field({ type: 'DateTime', resolve: (o) => o.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (o) => o.updatedAt }),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime', nullable: true, description: 'When the order was confirmed.' }),
    paidAt: t.expose('paidAt', { type: 'DateTime', nullable: true, description: 'When payment completed.' }),
    shippedAt: t.expose('shippedAt', { type: 'DateTime', nullable: true, description: 'When the delivery was shipped.' }),
    arrivedAt: t.expose('arrivedAt', { type: 'DateTime', nullable: true, description: 'When the delivery arrived.' }),
    collectedAt: t.expose('collectedAt', { type: 'DateTime', nullable: true, description: 'When the delivery was collected.' }),
    returnedAt: t.expose('returnedAt', { type: 'DateTime', nullable: true, description: 'When the delivery was returned.' }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true, description: 'When the order was cancelled.' }),
    splitAt: t.expose('splitAt', { type: 'DateTime', nullable: true, description: 'When the order was split.' }),
    scheduledDeliveryDate: t.expose('scheduledDeliveryDate', { type: 'DateTime', nullable: true, description: 'The delivery date the customer chose.' }),
    items: t.field({ type: [OrderItemRef], resolve: (o, _args, ctx, info) => loadItems(ctx, o.id, info) }),
    sourceRefs: t.field({
      type: [OrderRefRef],
      resolve: async (o, _args, ctx) => [{ system: 'orders', externalId: o.id }, ...(await refsByOrder(ctx).load(o.id))],
    }),
    parentOrder: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order this one was split from.',
      resolve: (o, _args, ctx, info) => (o.parentOrderId ? loadOrder(ctx, o.parentOrderId, info) : null),
    }),
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
