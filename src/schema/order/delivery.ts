/**
 * Where and how an order travels: `DeliveryOption`, `OrderDelivery` (upstream `order_delivery`),
 * `DeliveryAddress` and `DeliveryData` (with its pickup store and time slot). Values as sent.
 */
import type { DeliveryAddressJson, DeliveryDataJson } from '../../db/json.js';
import { builder } from '../builder.js';
import { MoneyRef, TranslationsRef } from '../common/values.js';
import { deliveryOptionType, deliveryStatus } from './enums.js';
import type { OrderView } from './loaders.js';

export const DeliveryOptionRef = builder.objectRef<OrderView>('DeliveryOption').implement({
  description: 'The delivery method the customer chose.',
  fields: (t) => ({
    id: t.string({ nullable: true, description: 'Upstream `delivery_option_id`.', resolve: (o) => o.deliveryOptionId }),
    type: t.field({ type: deliveryOptionType.ref, nullable: true, description: 'The kind of delivery.', resolve: (o) => deliveryOptionType.fromUpstream(o.deliveryPlatform) }),
    typeRaw: t.string({ nullable: true, description: 'Upstream `order_delivery.platform`.', resolve: (o) => o.deliveryPlatform }),
    name: t.field({ type: TranslationsRef, nullable: true, description: "The method's name (upstream `name_translations`).", resolve: (o) => o.deliveryOptionName }),
  }),
});

export const OrderDeliveryRef = builder.objectRef<OrderView>('OrderDelivery').implement({
  description:
    'The delivery of an order (upstream `order_delivery`). Upstream keeps two statuses: `status` and `delivery_status` ' +
    '(one may say `returned` while the other says `returning`); `Order.deliveryStatus` and its filters follow `delivery_status`.',
  fields: (t) => {
    const at = (description: string, read: (o: OrderView) => string | null | undefined) =>
      t.field({ type: 'DateTime', nullable: true, description, resolve: (o) => read(o) ?? null });
    return {
      option: t.field({
        type: DeliveryOptionRef,
        nullable: true,
        description: 'The delivery method.',
        resolve: (o) => (o.deliveryOptionId || o.deliveryPlatform || o.deliveryOptionName ? o : null),
      }),
      status: t.field({ type: deliveryStatus.ref, nullable: true, description: 'Upstream `status`.', resolve: (o) => deliveryStatus.fromUpstream(o.delivery?.status) }),
      statusRaw: t.string({ nullable: true, description: 'Upstream `status` as sent.', resolve: (o) => o.delivery?.status ?? null }),
      deliveryStatus: t.field({
        type: deliveryStatus.ref,
        nullable: true,
        description: 'Upstream `delivery_status`.',
        resolve: (o) => deliveryStatus.fromUpstream(o.delivery?.delivery_status),
      }),
      deliveryStatusRaw: t.string({ nullable: true, description: 'Upstream `delivery_status` as sent.', resolve: (o) => o.delivery?.delivery_status ?? null }),
      fee: t.field({ type: MoneyRef, nullable: true, description: 'What delivery costs (upstream `total`).', resolve: (o) => o.deliveryFee }),
      remark: t.string({ nullable: true, description: 'The delivery remark.', resolve: (o) => o.delivery?.remark ?? null }),
      returnOrderId: t.string({ nullable: true, description: 'Upstream `return_order_id`: the return order, once there is one.', resolve: (o) => o.delivery?.return_order_id ?? null }),
      shippedAt: at('When it was shipped.', (o) => o.shippedAt),
      arrivedAt: at('When it arrived.', (o) => o.arrivedAt),
      collectedAt: at('When it was collected.', (o) => o.collectedAt),
      returnedAt: at('When it was returned.', (o) => o.returnedAt),
      requestSubmittedAt: at('When the shipment request was submitted to the carrier (upstream `request_submitted_at`).', (o) => o.delivery?.request_submitted_at),
      requestAcceptedAt: at('When the carrier accepted the request (upstream `request_accepted_at`).', (o) => o.delivery?.request_accepted_at),
      requestAuthorizedAt: at('When the request was authorised (upstream `request_authorized_at`).', (o) => o.delivery?.request_authorized_at),
      requestedFmtAt: at('Upstream `requested_fmt_at`, as sent.', (o) => o.delivery?.requested_fmt_at),
      storeClosedAt: at('When the pickup store was reported closed (upstream `store_closed_at`).', (o) => o.delivery?.store_closed_at),
      storeClosedUploadAt: at('When the store-closed notice was uploaded (upstream `storeclosed_upload_at`).', (o) => o.delivery?.storeclosed_upload_at),
      requireExpiredUpload: t.boolean({
        nullable: true,
        description: 'Upstream `require_expired_upload`: an expired pickup must be reported to the carrier.',
        resolve: (o) => o.delivery?.require_expired_upload ?? null,
      }),
      requireStoreClosedUpload: t.boolean({
        nullable: true,
        description: 'Upstream `require_storeclosed_upload`: a closed store must be reported to the carrier.',
        resolve: (o) => o.delivery?.require_storeclosed_upload ?? null,
      }),
    };
  },
});

export const DeliveryAddressRef = builder.objectRef<DeliveryAddressJson>('DeliveryAddress').implement({
  description: 'Where the parcel goes (upstream `delivery_address`), as sent.',
  fields: (t) => ({
    countryCode: t.string({ nullable: true, description: 'ISO 3166 country code, e.g. SG.', resolve: (a) => a.country_code }),
    country: t.string({ nullable: true, description: 'The country\'s name.', resolve: (a) => a.country }),
    state: t.string({ nullable: true, description: 'State, province or district.', resolve: (a) => a.state }),
    city: t.string({ nullable: true, description: 'City.', resolve: (a) => a.city }),
    postcode: t.string({ nullable: true, description: 'Postcode.', resolve: (a) => a.postcode }),
    address1: t.string({ nullable: true, description: 'First address line (upstream `address_1`).', resolve: (a) => a.address_1 }),
    address2: t.string({ nullable: true, description: 'Second address line (upstream `address_2`).', resolve: (a) => a.address_2 }),
    recipientName: t.string({ nullable: true, description: 'Who receives it, as the address names them.', resolve: (a) => a.recipient_name }),
    recipientPhone: t.string({ nullable: true, description: "The recipient's phone, as the address gives it.", resolve: (a) => a.recipient_phone }),
    remarks: t.string({ nullable: true, description: 'Remarks on the address.', resolve: (a) => a.remarks }),
  }),
});

const PickupStoreRef = builder.objectRef<DeliveryDataJson>('PickupStore').implement({
  description: 'The store a parcel is picked up at (upstream `delivery_data`).',
  fields: (t) => ({
    locationCode: t.string({ nullable: true, description: "The store's code (upstream `location_code`).", resolve: (d) => d.location_code }),
    locationName: t.string({ nullable: true, description: "The store's name (upstream `location_name`).", resolve: (d) => d.location_name }),
    name: t.field({ type: TranslationsRef, nullable: true, description: "The store's name in each locale (upstream `name_translations`).", resolve: (d) => d.name_translations }),
    address: t.string({ nullable: true, description: "The store's address (upstream `store_address`).", resolve: (d) => d.store_address }),
  }),
});

const TimeSlotRef = builder.objectRef<DeliveryDataJson>('DeliveryTimeSlot').implement({
  description: 'The delivery time slot the customer chose.',
  fields: (t) => ({
    key: t.string({ nullable: true, description: 'Upstream `time_slot_key`.', resolve: (d) => d.time_slot_key }),
    name: t.field({ type: TranslationsRef, nullable: true, description: 'The slot in each locale (upstream `time_slot_translations`).', resolve: (d) => d.time_slot_translations }),
  }),
});

export const DeliveryDataRef = builder.objectRef<OrderView & { deliveryData: DeliveryDataJson }>('DeliveryData').implement({
  description:
    "The carrier's side of the delivery (upstream `delivery_data`), as sent. Its recipient may differ from the address's.",
  fields: (t) => ({
    recipientName: t.string({ nullable: true, description: 'Who collects the parcel, as the carrier names them.', resolve: (o) => o.deliveryData.recipient_name }),
    recipientPhone: t.string({ nullable: true, description: "The recipient's phone, as the carrier has it.", resolve: (o) => o.deliveryData.recipient_phone }),
    trackingNumber: t.string({ nullable: true, description: 'The tracking number as sent ("" before there is one).', resolve: (o) => o.deliveryData.tracking_number }),
    trackingUrl: t.string({ nullable: true, description: 'Where to track the parcel (upstream `url`).', resolve: (o) => o.deliveryData.url }),
    pickupStore: t.field({
      type: PickupStoreRef,
      nullable: true,
      description: 'The pickup store; null when upstream names none.',
      resolve: ({ deliveryData: d }) => (d.location_code ?? d.location_name ?? d.name_translations ?? d.store_address) == null ? null : d,
    }),
    timeSlot: t.field({
      type: TimeSlotRef,
      nullable: true,
      description: 'The time slot; null when upstream sends neither key nor translations.',
      resolve: ({ deliveryData: d }) => (d.time_slot_key == null && d.time_slot_translations == null ? null : d),
    }),
    scheduledDeliveryDate: t.field({ type: 'DateTime', nullable: true, description: 'The delivery date the customer chose.', resolve: (o) => o.scheduledDeliveryDate }),
    hkSfplusHomeRegion: t.string({ nullable: true, description: 'Upstream `hk_sfplus_home_region`: the SF+ home-delivery region (Hong Kong).', resolve: (o) => o.deliveryData.hk_sfplus_home_region }),
  }),
});
