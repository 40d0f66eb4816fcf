/**
 * Tables. Every row belongs to one merchant and every query filters by it, so `merchant_id` leads
 * each primary key and index. History rows name their order by canonical id without a foreign key:
 * upstreams deliver history before (or without) the order itself.
 *
 * Values served as upstream sent them are `json`, which keeps object members in the order they
 * came (translations' locales: `text()` falls back to the first); `jsonb` would reorder them. Only
 * what SQL compares or searches (money, the stored body) is `jsonb`.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

import type {
  DeliveryAddressJson, DeliveryDataJson, DeliveryJson, InvoiceJson, ItemDataJson, MediaJson, MoneyJson,
  OptionTranslationsJson, PaymentJson, PromotionItemJson, TraceSenderJson, TranslationsJson, VariationJson,
} from './json.js';

export type { MoneyJson, TranslationsJson } from './json.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const money = (name: string) => jsonb(name).$type<MoneyJson>();

/**
 * Numbers every history row as it is inserted, across the four tables: the live feed reads the
 * rows a committed statement wrote by their numbers (the statement trigger of
 * `drizzle/0009_live_history.sql` announces them with NOTIFY).
 */
export const historyWriteSeq = pgSequence('history_write_seq');
const writtenSeq = () => bigint('written_seq', { mode: 'number' }).notNull().default(sql`nextval('history_write_seq')`);

export const merchants = pgTable('merchants', {
  id: text('id').primaryKey(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    /** sha256 of the key, hex; the key itself is never stored. */
    keyHash: text('key_hash').primaryKey(),
    /** What people and logs call the key (`key_` and the hash's first 12 hex digits). */
    id: text('id').notNull().unique('api_keys_id_unique'),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    role: text('role', { enum: ['viewer', 'editor'] }).notNull(),
    label: text('label'),
    createdAt: at('created_at').notNull().defaultNow(),
    /** Written at most once a minute per key, so a busy key costs no write per request. */
    lastUsedAt: at('last_used_at'),
    /** A revoked key is refused; the row stays so `key:list` can show it. */
    revokedAt: at('revoked_at'),
  },
  (t) => [index('api_keys_merchant_idx').on(t.merchantId)],
);

/**
 * Points each key spent per budget window, summed over every replica: each adds what it admitted
 * since its last sync and reads back the total (README: Budget per key).
 */
export const keyBudgetSpend = pgTable(
  'key_budget_spend',
  {
    keyId: text('key_id').notNull(),
    windowStart: at('window_start').notNull(),
    spent: bigint('spent', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.windowStart] })],
);

export const orders = pgTable(
  'orders',
  {
    merchantId: text('merchant_id').notNull(),
    id: text('id').notNull(),
    orderNumber: text('order_number').notNull(),
    merchantOrderNumber: text('merchant_order_number'),
    status: text('status').notNull(),
    paymentStatus: text('payment_status'),
    deliveryStatus: text('delivery_status'),
    deliveryOptionId: text('delivery_option_id'),
    deliveryPlatform: text('delivery_platform'),
    deliveryOptionName: json('delivery_option_name').$type<TranslationsJson>(),
    paymentMethodId: text('payment_method_id'),
    paymentType: text('payment_type'),
    paymentMethodName: json('payment_method_name').$type<TranslationsJson>(),
    paymentFee: money('payment_fee'),
    /** The rest of `order_payment`: its total, card digits and times. */
    payment: json('payment').$type<PaymentJson>(),
    deliveryFee: money('delivery_fee'),
    /** The rest of `order_delivery`: both statuses, remark, return order, request and store times, flags. */
    delivery: json('delivery').$type<DeliveryJson>(),
    deliveryAddress: json('delivery_address').$type<DeliveryAddressJson>(),
    deliveryData: json('delivery_data').$type<DeliveryDataJson>(),
    createdBy: text('created_by'),
    customerId: text('customer_id'),
    customerName: text('customer_name'),
    customerEmail: text('customer_email'),
    customerPhone: text('customer_phone'),
    recipientName: text('recipient_name'),
    recipientPhone: text('recipient_phone'),
    /** Names the `name` filter matches besides the customer's (delivery address and data). */
    recipientNames: text('recipient_names').array().notNull().default(sql`'{}'::text[]`),
    /** Phones the `phoneNumber` filter matches besides the customer's. */
    recipientPhones: text('recipient_phones').array().notNull().default(sql`'{}'::text[]`),
    trackingNumber: text('tracking_number'),
    promotionIds: text('promotion_ids').array().notNull().default(sql`'{}'::text[]`),
    /** Product ids and order-item ids, for the `itemId` filter. */
    itemIds: text('item_ids').array().notNull().default(sql`'{}'::text[]`),
    affiliateSource: text('affiliate_source'),
    currencyIso: text('currency_iso'),
    total: money('total'),
    subtotal: money('subtotal'),
    discount: money('discount'),
    userCredit: money('user_credit'),
    totalTaxFee: money('total_tax_fee'),
    invoice: json('invoice').$type<InvoiceJson>(),
    promotions: json('promotions').$type<PromotionItemJson[]>(),
    remarks: text('remarks'),
    refOrderId: text('ref_order_id'),
    refCustomerId: text('ref_customer_id'),
    skipFulfillment: boolean('skip_fulfillment'),
    gaTracked: boolean('ga_tracked'),
    /** Upstream objects the documents give no shape for, kept as sent. */
    customerInfo: json('customer_info'),
    customData: json('custom_data').$type<unknown[]>(),
    customDiscountItems: json('custom_discount_items').$type<unknown[]>(),
    affiliateData: json('affiliate_data'),
    channel: json('channel'),
    utmData: json('utm_data'),
    comments: json('comments').$type<unknown[]>(),
    notes: json('notes').$type<unknown[]>(),
    parentOrderId: text('parent_order_id'),
    childOrderIds: text('child_order_ids').array().notNull().default(sql`'{}'::text[]`),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    confirmedAt: at('confirmed_at'),
    paidAt: at('paid_at'),
    shippedAt: at('shipped_at'),
    arrivedAt: at('arrived_at'),
    collectedAt: at('collected_at'),
    returnedAt: at('returned_at'),
    cancelledAt: at('cancelled_at'),
    splitAt: at('split_at'),
    scheduledDeliveryDate: at('scheduled_delivery_date'),
    /** Lower-cased text the `query` filter searches: products, numbers, people, tracking, ids. */
    searchText: text('search_text').notNull().default(''),
    /** `search_text` as pg_trgm can index it (see `ascii_spelled` in the migrations). */
    searchSpelled: text('search_spelled').generatedAlwaysAs(sql`ascii_spelled(search_text)`),
    raw: jsonb('raw').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.id] }),
    index('orders_created_idx').on(t.merchantId, t.createdAt, t.id),
    index('orders_updated_idx').on(t.merchantId, t.updatedAt, t.id),
    index('orders_number_idx').on(t.merchantId, t.orderNumber, t.id),
    index('orders_merchant_number_idx').on(t.merchantId, t.merchantOrderNumber),
    index('orders_customer_idx').on(t.merchantId, t.customerId),
    index('orders_parent_idx').on(t.merchantId, t.parentOrderId),
    index('orders_search_idx').using('gin', t.merchantId, t.searchSpelled.op('gin_trgm_ops')),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    merchantId: text('merchant_id').notNull(),
    orderId: text('order_id').notNull(),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    itemType: text('item_type'),
    itemId: text('item_id'),
    itemVariationId: text('item_variation_id'),
    itemVariationKey: text('item_variation_key'),
    title: json('title').$type<TranslationsJson>(),
    sku: text('sku'),
    quantity: integer('quantity'),
    isPreorder: boolean('is_preorder'),
    createdBy: text('created_by'),
    /** Upstream `item_price`: the unit price charged. */
    itemPrice: money('item_price'),
    /** Upstream `price`. */
    price: money('price'),
    cost: money('cost'),
    total: money('total'),
    orderDiscountedPrice: money('order_discounted_price'),
    discountedPrice: money('discounted_price'),
    /** `fields_translations`: each option's text per locale. */
    options: json('options').$type<OptionTranslationsJson>(),
    itemData: json('item_data').$type<ItemDataJson>(),
    variation: json('variation').$type<VariationJson>(),
    media: json('media').$type<MediaJson>(),
    refData: json('ref_data'),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.orderId, t.id] })],
);

/** How an upstream other than order search names an order (`order-links`). */
export const orderRefs = pgTable(
  'order_refs',
  {
    merchantId: text('merchant_id').notNull(),
    system: text('system').notNull(),
    externalId: text('external_id').notNull(),
    orderId: text('order_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.system, t.externalId] }),
    index('order_refs_order_idx').on(t.merchantId, t.orderId),
  ],
);

export const actionLogs = pgTable(
  'action_logs',
  {
    merchantId: text('merchant_id').notNull(),
    /** Derived from fields that never change, so a re-import finds the same record. */
    id: text('id').notNull(),
    orderId: text('order_id').notNull(),
    /** The order id the upstream used, so a link that arrives later can re-point the row. */
    upstreamOrderId: text('upstream_order_id'),
    key: text('key').notNull(),
    /** As sent, members in upstream's order (translations among them). */
    data: json('data'),
    createdAt: at('created_at').notNull(),
    performerId: text('performer_id'),
    performerName: text('performer_name'),
    performerType: text('performer_type'),
    performerApplicationId: text('performer_application_id'),
    writtenSeq: writtenSeq(),
    raw: jsonb('raw').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.id] }),
    index('action_logs_order_idx').on(t.merchantId, t.orderId, t.createdAt, t.id),
    index('action_logs_upstream_idx').on(t.merchantId, t.upstreamOrderId),
    index('action_logs_written_idx').on(t.writtenSeq),
    index('action_logs_created_idx').on(t.merchantId, t.createdAt, t.id),
  ],
);

export const statusHistory = pgTable(
  'status_history',
  {
    merchantId: text('merchant_id').notNull(),
    id: bigint('id', { mode: 'number' }).notNull(),
    orderId: text('order_id').notNull(),
    upstreamOrderId: text('upstream_order_id').notNull(),
    statusId: doublePrecision('status_id').notNull(),
    createdAt: at('created_at').notNull(),
    userId: integer('user_id'),
    procedureText: text('procedure_text'),
    writtenSeq: writtenSeq(),
    raw: jsonb('raw').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.id] }),
    index('status_history_order_idx').on(t.merchantId, t.orderId, t.createdAt, t.id),
    index('status_history_created_idx').on(t.merchantId, t.createdAt, t.id),
    index('status_history_upstream_idx').on(t.merchantId, t.upstreamOrderId),
    index('status_history_written_idx').on(t.writtenSeq),
  ],
);

export const historyChanges = pgTable(
  'history_changes',
  {
    merchantId: text('merchant_id').notNull(),
    id: bigint('id', { mode: 'number' }).notNull(),
    entity: text('entity', { enum: ['order', 'customer', 'pack'] }).notNull(),
    /** Canonical order id; null for a customer change. */
    orderId: text('order_id'),
    upstreamOrderId: text('upstream_order_id'),
    /** The record's subject as upstream sent it (`order` or `customer`). */
    subject: jsonb('subject'),
    /** A pack change's `pack` as upstream sent it; null for order and customer changes. */
    pack: jsonb('pack'),
    field: text('field').notNull(),
    /** `{"v": value}`; SQL NULL when upstream left the value out. */
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    source: text('source').notNull(),
    userId: text('user_id'),
    /** The `apiKey` object as sent (`{ current }`), present only for changes made through the API. */
    apiKey: jsonb('api_key'),
    combinedTo: jsonb('combined_to'),
    ancestor: jsonb('ancestor'),
    createdAt: at('created_at').notNull(),
    writtenSeq: writtenSeq(),
    raw: jsonb('raw').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.entity, t.id] }),
    index('history_changes_id_idx').on(t.merchantId, t.id),
    index('history_changes_order_idx').on(t.merchantId, t.orderId, t.id),
    index('history_changes_upstream_idx').on(t.merchantId, t.upstreamOrderId),
    index('history_changes_written_idx').on(t.writtenSeq),
    index('history_changes_created_idx').on(t.merchantId, t.createdAt, t.id),
  ],
);

export const traces = pgTable(
  'traces',
  {
    merchantId: text('merchant_id').notNull(),
    /** Derived from order, date, status, sender id and message: never from names upstream nulls. */
    id: text('id').notNull(),
    orderId: text('order_id').notNull(),
    upstreamOrderId: text('upstream_order_id'),
    date: at('date').notNull(),
    message: text('message'),
    status: integer('status').notNull(),
    statusTitle: text('status_title').notNull(),
    deadline: at('deadline'),
    senderPersonId: integer('sender_person_id'),
    senderFirstName: text('sender_first_name'),
    senderLastName: text('sender_last_name'),
    senderCompanyId: integer('sender_company_id'),
    senderCompanyName: text('sender_company_name'),
    /** Every sender upstream sent (it types `sender` as object[]), as `TraceSenderJson`s; the columns above hold the first. */
    senders: jsonb('senders').$type<TraceSenderJson[]>(),
    writtenSeq: writtenSeq(),
    raw: jsonb('raw').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.id] }),
    index('traces_order_idx').on(t.merchantId, t.orderId, t.date, t.id),
    index('traces_upstream_idx').on(t.merchantId, t.upstreamOrderId),
    index('traces_written_idx').on(t.writtenSeq),
    index('traces_date_idx').on(t.merchantId, t.date, t.id),
  ],
);

/** What the last traces body of an order said beside its items: `count` and `canAdd`. */
export const traceLists = pgTable(
  'trace_lists',
  {
    merchantId: text('merchant_id').notNull(),
    /** The order id the traces upstream used (from its URL). */
    upstreamOrderId: text('upstream_order_id').notNull(),
    /** Canonical order id, re-pointed by order links like the traces themselves. */
    orderId: text('order_id').notNull(),
    /** Upstream `count`: all its traces of the order, which may exceed the items it sent. */
    count: integer('count'),
    /** Upstream `canAdd`: whether the account that fetched the traces could add a message. */
    canAdd: boolean('can_add'),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.upstreamOrderId] }),
    index('trace_lists_order_idx').on(t.merchantId, t.orderId),
  ],
);

/** Secrets the server makes itself on first start (the cursor signing key), shared by every replica. */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** Where each sync connector stopped; written in the same transaction as the rows it covers. */
export const syncCheckpoints = pgTable(
  'sync_checkpoints',
  {
    merchantId: text('merchant_id').notNull(),
    source: text('source').notNull(),
    state: jsonb('state').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.source] })],
);

/**
 * The syncs `npm run worker` runs on a schedule, one per merchant and source (`all` for every
 * source). The token is not here: `token_env` names the variable each worker reads it from.
 */
export const syncSchedules = pgTable(
  'sync_schedules',
  {
    merchantId: text('merchant_id').notNull(),
    source: text('source').notNull(),
    baseUrl: text('base_url').notNull(),
    tokenEnv: text('token_env').notNull(),
    everySeconds: integer('every_seconds').notNull(),
    perPage: integer('per_page').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    lastStartedAt: at('last_started_at'),
    lastFinishedAt: at('last_finished_at'),
    /** `ok` or `failed`; null before the first run ends. */
    lastOutcome: text('last_outcome'),
    lastRows: integer('last_rows'),
    lastError: text('last_error'),
    /** Failed runs in a row: the backoff before the next one doubles with each. */
    failures: integer('failures').notNull().default(0),
    nextRunAt: at('next_run_at'),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.source] })],
);

export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type NewOrderItem = typeof orderItems.$inferInsert;
export type ActionLogRow = typeof actionLogs.$inferSelect;
export type NewActionLog = typeof actionLogs.$inferInsert;
export type StatusHistoryRow = typeof statusHistory.$inferSelect;
export type NewStatusHistory = typeof statusHistory.$inferInsert;
export type HistoryChangeRow = typeof historyChanges.$inferSelect;
export type NewHistoryChange = typeof historyChanges.$inferInsert;
export type TraceRow = typeof traces.$inferSelect;
export type TraceListRow = typeof traceLists.$inferSelect;
export type NewTrace = typeof traces.$inferInsert;
export type KeyRole = (typeof apiKeys.$inferSelect)['role'];
