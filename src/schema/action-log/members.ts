/**
 * The one table of action-log keys (CONTRACT §5): key → GraphQL type, data fields and summary.
 * `types.ts` builds every member type from it and `event.ts` maps rows with it; nothing else
 * lists the keys.
 */

/**
 * How a field reads `data[from]`: `string` (numbers become strings), `moneyChange` (`[from, to]`
 * money objects), `stringChange` (`[old, new]`), `translations` (a locale map), `linkedOrder`
 * (an order id, exposed as `<name>Id: ID` and `<name>: Order`).
 */
export type DataFieldKind = 'string' | 'moneyChange' | 'stringChange' | 'translations' | 'linkedOrder';

export interface DataField {
  readonly name: string;
  readonly from: string;
  readonly kind: DataFieldKind;
}

/**
 * Each data field as display text, by field name: strings as sent (null when empty), changes as
 * `from → to` (null when absent or unchanged), translations in `en` (with the usual fallback),
 * linked orders as their id.
 */
export type SummaryText = Readonly<Record<string, string | null>>;

export interface MemberSpec {
  readonly type: string;
  readonly fields: readonly DataField[];
  readonly summary: string | ((text: SummaryText) => string);
}

const str = (name: string, from: string) => ({ name, from, kind: 'string' }) as const;
const moneyChange = (name: string, from: string) => ({ name, from, kind: 'moneyChange' }) as const;
const stringChange = (name: string, from: string) => ({ name, from, kind: 'stringChange' }) as const;
const translations = (name: string, from: string) => ({ name, from, kind: 'translations' }) as const;
const linkedOrder = { name: 'linkedOrder', from: 'order_id', kind: 'linkedOrder' } as const;
const amounts = [moneyChange('total', 'total'), moneyChange('subtotal', 'subtotal'), moneyChange('discount', 'discount')];
const cancellation = [str('cancelledReason', 'cancelled_reason'), str('performerIp', 'performer_ip')];
const NONE: readonly DataField[] = [];

/** `present(value)`, or `fallback` when the value is missing. */
const either = (value: string | null | undefined, present: (v: string) => string, fallback: string) =>
  value == null ? fallback : present(value);
const paren = (value: string | null | undefined) => (value == null ? '' : ` (${value})`);
/** `Label: from → to` (— for a missing side), or `Label changed` when both are missing. */
const fromTo = (label: string, from: string | null | undefined, to: string | null | undefined, fallback = `${label} changed`) =>
  from == null && to == null ? fallback : `${label}: ${from ?? '—'} → ${to ?? '—'}`;
/** `Total: NT$500 → NT$450; Discount: NT$0 → NT$50`, skipping unchanged amounts. */
const amountChanges = (text: SummaryText) =>
  [['Total', text.total], ['Subtotal', text.subtotal], ['Discount', text.discount]]
    .filter(([, change]) => change != null)
    .map(([label, change]) => `${label}: ${change}`)
    .join('; ') || null;

export const ACTION_LOG_MEMBERS = {
  execute_shipment_job_failed: { type: 'ExecuteShipmentJobFailedLog', fields: NONE, summary: 'Shipment job failed' },
  updated_delivery_status: {
    type: 'UpdatedDeliveryStatusLog',
    fields: [str('updatedDeliveryStatus', 'updated_delivery_status')],
    summary: (t) => either(t.updatedDeliveryStatus, (status) => `Delivery status → ${status}`, 'Delivery status changed'),
  },
  updated_ref_delivery_status: {
    type: 'UpdatedRefDeliveryStatusLog',
    fields: [str('updatedRefDeliveryStatus', 'updated_ref_delivery_status')],
    summary: (t) =>
      either(t.updatedRefDeliveryStatus, (status) => `Reference delivery status → ${status}`, 'Reference delivery status changed'),
  },
  updated_status: {
    type: 'UpdatedStatusLog',
    fields: [str('updatedStatus', 'updated_status'), str('reason', 'reason')],
    summary: (t) => either(t.updatedStatus, (status) => `Status → ${status}${paren(t.reason)}`, 'Status changed'),
  },
  updated_payment_status: {
    type: 'UpdatedPaymentStatusLog',
    fields: [str('updatedPaymentStatus', 'updated_payment_status'), str('reason', 'reason')],
    summary: (t) => either(t.updatedPaymentStatus, (status) => `Payment status → ${status}${paren(t.reason)}`, 'Payment status changed'),
  },
  set_shipment_id: {
    type: 'SetShipmentIdLog',
    fields: [str('setShipmentId', 'set_shipment_id')],
    summary: (t) => either(t.setShipmentId, (id) => `Shipment id: ${id}`, 'Shipment id set'),
  },
  updated_delivery_details: { type: 'UpdatedDeliveryDetailsLog', fields: NONE, summary: 'Delivery details updated' },
  updated_customer_details: { type: 'UpdatedCustomerDetailsLog', fields: NONE, summary: 'Customer details updated' },
  updated_order_details: { type: 'UpdatedOrderDetailsLog', fields: NONE, summary: 'Order details updated' },
  added_a_comment: { type: 'AddedACommentLog', fields: NONE, summary: 'Comment added' },
  create_delivery_remark: { type: 'CreateDeliveryRemarkLog', fields: NONE, summary: 'Delivery remark added' },
  update_delivery_remark: { type: 'UpdateDeliveryRemarkLog', fields: NONE, summary: 'Delivery remark updated' },
  delete_delivery_remark: { type: 'DeleteDeliveryRemarkLog', fields: NONE, summary: 'Delivery remark deleted' },
  delivery_location_updated: {
    type: 'DeliveryLocationUpdatedLog',
    fields: [str('currentLocationName', 'current_location_name'), str('updatedLocationName', 'updated_location_name')],
    summary: (t) => fromTo('Delivery location', t.currentLocationName, t.updatedLocationName),
  },
  returning_store_updated: {
    type: 'ReturningStoreUpdatedLog',
    fields: [str('updatedLocationName', 'updated_location_name')],
    summary: (t) => either(t.updatedLocationName, (store) => `Returning store → ${store}`, 'Returning store changed'),
  },
  order_edit: {
    type: 'OrderEditLog',
    fields: amounts,
    summary: (t) => amountChanges(t) ?? 'Order edited',
  },
  order_split: {
    type: 'OrderSplitLog',
    fields: [linkedOrder],
    summary: (t) => either(t.linkedOrder, (id) => `Split into order ${id}`, 'Order split'),
  },
  order_split_changes: {
    type: 'OrderSplitChangesLog',
    fields: amounts,
    summary: (t) => either(amountChanges(t), (changes) => `Split changes — ${changes}`, 'Split changed the amounts'),
  },
  order_split_from: {
    type: 'OrderSplitFromLog',
    fields: [linkedOrder],
    summary: (t) => either(t.linkedOrder, (id) => `Split from order ${id}`, 'Split from another order'),
  },
  update_delivery_method: {
    type: 'UpdateDeliveryMethodLog',
    fields: [translations('fromDeliveryMethod', 'from_delivery_method'), translations('toDeliveryMethod', 'to_delivery_method')],
    summary: (t) => fromTo('Delivery method', t.fromDeliveryMethod, t.toDeliveryMethod),
  },
  update_payment_method: {
    type: 'UpdatePaymentMethodLog',
    fields: [translations('fromPaymentMethod', 'from_payment_method'), translations('toPaymentMethod', 'to_payment_method')],
    summary: (t) => fromTo('Payment method', t.fromPaymentMethod, t.toPaymentMethod),
  },
  product_subscription_created: {
    type: 'ProductSubscriptionCreatedLog',
    fields: [str('productSubscriptionId', 'product_subscription_id'), str('productTitle', 'product_title')],
    summary: (t) =>
      either(t.productTitle ?? t.productSubscriptionId, (what) => `Product subscription created: ${what}`, 'Product subscription created'),
  },
  cancell_product_subscription: { type: 'CancellProductSubscriptionLog', fields: NONE, summary: 'Product subscription cancelled' },
  unmatch_amount: {
    type: 'UnmatchAmountLog',
    fields: [str('amount', 'amount')],
    summary: (t) => either(t.amount, (amount) => `Unmatched amount: ${amount}`, 'Paid amount does not match'),
  },
  added_order_payment_slip: { type: 'AddedOrderPaymentSlipLog', fields: NONE, summary: 'Payment slip added' },
  order_transferred: {
    type: 'OrderTransferredLog',
    fields: [
      str('originalCustomerId', 'original_customer_id'),
      str('originalCustomerName', 'original_customer_name'),
      str('newCustomerId', 'new_customer_id'),
      str('newCustomerName', 'new_customer_name'),
    ],
    summary: (t) =>
      fromTo('Transferred', t.originalCustomerName ?? t.originalCustomerId, t.newCustomerName ?? t.newCustomerId, 'Order transferred'),
  },
  order_created: {
    type: 'OrderCreatedLog',
    fields: [str('createdBy', 'created_by')],
    summary: (t) => either(t.createdBy, (by) => `Order created via ${by}`, 'Order created'),
  },
  customer_cancel_requested: {
    type: 'CustomerCancelRequestedLog',
    fields: cancellation,
    summary: (t) => either(t.cancelledReason, (why) => `Cancellation requested: ${why}`, 'Cancellation requested'),
  },
  customer_cancel_failed: {
    type: 'CustomerCancelFailedLog',
    fields: cancellation,
    summary: (t) => either(t.cancelledReason, (why) => `Cancellation request failed: ${why}`, 'Cancellation request failed'),
  },
  chargeback_request: { type: 'ChargebackRequestLog', fields: NONE, summary: 'Chargeback requested' },
  chargeback_review: { type: 'ChargebackReviewLog', fields: NONE, summary: 'Chargeback under review' },
  chargeback_lost: { type: 'ChargebackLostLog', fields: NONE, summary: 'Chargeback lost' },
  chargeback_expired: { type: 'ChargebackExpiredLog', fields: NONE, summary: 'Chargeback expired' },
  chargeback_won: { type: 'ChargebackWonLog', fields: NONE, summary: 'Chargeback won' },
  chargeback_canceled: { type: 'ChargebackCanceledLog', fields: NONE, summary: 'Chargeback canceled' },
  chargeback_resolved: { type: 'ChargebackResolvedLog', fields: NONE, summary: 'Chargeback resolved' },
  execute_shipment_failed: {
    type: 'ExecuteShipmentFailedLog',
    fields: [str('message', 'messasge')], // sic: upstream's spelling
    summary: (t) => either(t.message, (message) => `Shipment failed: ${message}`, 'Shipment failed'),
  },
  cancel_shipment_failed: {
    type: 'CancelShipmentFailedLog',
    fields: [str('message', 'messasge')],
    summary: (t) => either(t.message, (message) => `Shipment cancellation failed: ${message}`, 'Shipment cancellation failed'),
  },
  update_invoice_request: { type: 'UpdateInvoiceRequestLog', fields: NONE, summary: 'Invoice request updated' },
  create_invoice: { type: 'CreateInvoiceLog', fields: NONE, summary: 'Invoice created' },
  cancel_invoice: { type: 'CancelInvoiceLog', fields: NONE, summary: 'Invoice cancelled' },
  update_invoice_status: {
    type: 'UpdateInvoiceStatusLog',
    fields: [stringChange('invoiceStatus', 'status'), stringChange('invoiceUpdatedAt', 'updated_at')],
    summary: (t) => either(t.invoiceStatus, (change) => `Invoice status: ${change}`, 'Invoice status updated'),
  },
} as const satisfies Record<string, MemberSpec>;

export type ActionLogKey = keyof typeof ACTION_LOG_MEMBERS;

export const UNKNOWN_ACTION_LOG_TYPE = 'UnknownActionLog';

/** Key → member type name, derived from the table so the two cannot drift apart. */
export const ACTION_LOG_TYPES = Object.fromEntries(
  Object.entries(ACTION_LOG_MEMBERS).map(([key, member]) => [key, member.type]),
) as { readonly [K in ActionLogKey]: (typeof ACTION_LOG_MEMBERS)[K]['type'] };

/** The member for an upstream key (trimmed here too), or null for a key this gateway does not know. */
export function actionLogMember(key: string): MemberSpec | null {
  const trimmed = key.trim();
  return Object.hasOwn(ACTION_LOG_MEMBERS, trimmed) ? ACTION_LOG_MEMBERS[trimmed as ActionLogKey] : null;
}

/** The union member for an upstream key: `UnknownActionLog` for a key not in the table. */
export function actionLogTypeName(key: string): string {
  const trimmed = key.trim();
  return Object.hasOwn(ACTION_LOG_TYPES, trimmed) ? ACTION_LOG_TYPES[trimmed as ActionLogKey] : UNKNOWN_ACTION_LOG_TYPE;
}

/** The summary of a key the gateway does not know: the key and where to look. */
export const unknownSummary = (key: string) => `${key} (unrecognised action log; see data)`;
