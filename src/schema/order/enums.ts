/**
 * Order enums. Values follow the order-search document; upstream `temp` payments are PENDING.
 */
import { builder } from '../builder.js';
import { upstreamEnum } from '../common/upstream-enum.js';

export const orderStatus = upstreamEnum('OrderStatus', ['pending', 'confirmed', 'completed', 'cancelled'], {
  description: 'Order status; UNKNOWN for a value this gateway does not know (see `statusRaw`).',
});

export const paymentStatus = upstreamEnum(
  'PaymentStatus',
  ['pending', 'failed', 'expired', 'completed', 'refunding', 'refunded', 'partially_refunded'],
  { description: 'Payment status; upstream `temp` is PENDING.', aliases: { temp: 'pending' } },
);

export const deliveryStatus = upstreamEnum(
  'DeliveryStatus',
  ['pending', 'shipping', 'shipped', 'arrived', 'collected', 'returned', 'returning'],
  { description: 'Delivery status.' },
);

export const deliveryOptionType = upstreamEnum(
  'DeliveryOptionType',
  ['post', 'pickup', 'custom', 'store_pickup'],
  { description: 'Kind of delivery, from `order_delivery.platform`.' },
);

export const OrderOrderFieldRef = builder.enumType('OrderOrderField', {
  values: ['CREATED_AT', 'UPDATED_AT', 'ORDER_NUMBER'] as const,
});

export const OrderDirectionRef = builder.enumType('OrderDirection', {
  values: ['ASC', 'DESC'] as const,
});
