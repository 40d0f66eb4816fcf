/**
 * How an order is paid and what it adds up to: `PaymentMethod`, `OrderPayment` (upstream
 * `order_payment`, without the gateway payloads of `payment_data`) and `OrderFees`.
 */
import { builder } from '../builder.js';
import { MoneyRef, TranslationsRef } from '../common/values.js';
import { paymentStatus } from './enums.js';
import type { OrderView } from './loaders.js';

export const PaymentMethodRef = builder.objectRef<OrderView>('PaymentMethod').implement({
  description: 'The payment method the customer chose.',
  fields: (t) => ({
    id: t.string({ nullable: true, description: 'Upstream `payment_method_id`.', resolve: (o) => o.paymentMethodId }),
    type: t.string({ nullable: true, description: 'Upstream `payment_type`: the gateway, e.g. two_checkout.', resolve: (o) => o.paymentType }),
    name: t.field({ type: TranslationsRef, nullable: true, description: "The method's name (upstream `name_translations`).", resolve: (o) => o.paymentMethodName }),
  }),
});

export const OrderPaymentRef = builder.objectRef<OrderView>('OrderPayment').implement({
  description: 'The payment of an order (upstream `order_payment`). Gateway payloads (`payment_data`) are stored, never served.',
  fields: (t) => ({
    method: t.field({
      type: PaymentMethodRef,
      nullable: true,
      description: 'The payment method.',
      resolve: (o) => (o.paymentMethodId || o.paymentType || o.paymentMethodName ? o : null),
    }),
    status: t.field({ type: paymentStatus.ref, nullable: true, description: 'The payment status.', resolve: (o) => paymentStatus.fromUpstream(o.paymentStatus) }),
    statusRaw: t.string({ nullable: true, description: 'Upstream `status` as sent (`temp` reads PENDING above).', resolve: (o) => o.paymentStatus }),
    fee: t.field({ type: MoneyRef, nullable: true, description: 'What the method charges (upstream `payment_fee`).', resolve: (o) => o.paymentFee }),
    total: t.field({ type: MoneyRef, nullable: true, description: 'The amount to pay (upstream `total`).', resolve: (o) => o.payment?.total ?? null }),
    lastFourDigits: t.string({
      nullable: true,
      description: 'The last four digits of the card, as sent ("" when none).',
      resolve: (o) => o.payment?.last_four_digits ?? null,
    }),
    paidAt: t.field({ type: 'DateTime', nullable: true, description: 'When the payment completed.', resolve: (o) => o.paidAt }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When the payment was created.', resolve: (o) => o.payment?.created_at ?? null }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the payment last changed.', resolve: (o) => o.payment?.updated_at ?? null }),
  }),
});

export const OrderFeesRef = builder.objectRef<OrderView>('OrderFees').implement({
  description:
    'What the total is made of, as upstream states each amount: total = subtotal − orderDiscount − userCredit + deliveryFee + ' +
    'paymentFee (+ totalTaxFee where tax is charged on top of prices). Null where upstream sent none.',
  fields: (t) => ({
    subtotal: t.field({ type: MoneyRef, nullable: true, description: 'The items (upstream `subtotal`).', resolve: (o) => o.subtotal }),
    orderDiscount: t.field({ type: MoneyRef, nullable: true, description: 'Promotions off the order (upstream `order_discount`).', resolve: (o) => o.discount }),
    userCredit: t.field({ type: MoneyRef, nullable: true, description: 'Store credit the customer spent (upstream `user_credit`).', resolve: (o) => o.userCredit }),
    deliveryFee: t.field({ type: MoneyRef, nullable: true, description: 'Delivery (upstream `order_delivery.total`).', resolve: (o) => o.deliveryFee }),
    paymentFee: t.field({ type: MoneyRef, nullable: true, description: 'The payment method\'s fee (upstream `order_payment.payment_fee`).', resolve: (o) => o.paymentFee }),
    totalTaxFee: t.field({ type: MoneyRef, nullable: true, description: 'Tax (upstream `total_tax_fee`).', resolve: (o) => o.totalTaxFee }),
    total: t.field({ type: MoneyRef, nullable: true, description: 'What the customer pays (upstream `total`).', resolve: (o) => o.total }),
  }),
});
