/** Renders an order model as an order-search item, field for field as in order-search.txt. */
import { ORDER_REMARKS, PICKUP_STORES } from './catalog.js';
import { HOUR, isoOffset, isoZ, money } from './format.js';
import { totals, type Line, type OrderModel } from './orders.js';
import type { Rng } from './random.js';
import type { MerchantSetup } from './setup.js';

const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : isoOffset(ms));

function deliveryAt(o: OrderModel, status: string): string | null {
  return at(o.deliveryEvents.find((e) => e.status === status)?.at);
}

/** Names of a variation's options, by how many it has (colour, then size). */
const OPTION_NAMES = [{ en: 'Colour', 'zh-hant': '顏色' }, { en: 'Size', 'zh-hant': '尺寸' }];

/** A product image in the sizes upstream renders; derived from the item id, so no randomness is drawn. */
function mediaJson(itemId: string, p: Line['product']) {
  const image = (size: string, px: number) => [size, { width: px, height: px, url: `https://media.example.com/${itemId}/${size}.jpg` }] as const;
  return {
    _id: `media-${itemId}`,
    images: Object.fromEntries([image('thumb', 200), image('original', 1200)]),
    alt_translations: { en: p.product.en, 'zh-hant': p.product.zh },
  };
}

function lineJson(setup: MerchantSetup, o: OrderModel, l: Line) {
  const m = (v: number) => money(setup.currency, v);
  const p = l.product;
  const fields = p.product.fields ?? { en: [], zh: [] };
  const fieldsTranslations = { en: fields.en, 'zh-hant': fields.zh };
  const minor = (v: number) => ({ cents: v * setup.currency.minorPerUnit, currency_iso: setup.currency.iso });
  return {
    id: l.id,
    item_type: 'Product',
    item_data: {
      cart_item_id: setup.ids.next(o.createdAt - 5 * 60_000),
      promotion_id: l.promotionId,
      parent_item_ids: [],
      triggering_item_id: '',
      has_exclude_promotion_tag: false,
      variation_data:
        p.variationId === null
          ? null
          : {
              _id: p.variationId,
              key: p.variationKey,
              sku: p.product.sku,
              price: minor(l.original),
              price_sale: minor(l.unit),
              member_price: null,
              cost: minor(Math.round(l.original * 0.45)),
              quantity: 40 + (l.original % 60),
              unlimited_quantity: false,
              max_order_quantity: 10,
              weight: Math.round(l.original / 10) / 100,
              fields: fields.en.map((_, i) => ({ name_translations: OPTION_NAMES[i] ?? OPTION_NAMES[0] })),
              fields_translations: fieldsTranslations,
              variant_option_ids: fields.en.map((_, i) => `${p.variationId}-o${i + 1}`),
            },
    },
    item_id: p.itemId,
    item_variation_id: p.variationId,
    item_variation_key: p.variationKey,
    item_price: m(l.unit),
    price: m(l.original),
    cost: m(Math.round(l.original * 0.45)),
    ref_data: null,
    media: mediaJson(p.itemId, p),
    title_translations: { en: p.product.en, 'zh-hant': p.product.zh },
    fields_translations: fieldsTranslations,
    sku: p.product.sku,
    is_preorder: false,
    quantity: l.quantity,
    total: m(l.unit * l.quantity),
    order_discounted_price: m(l.unit * l.quantity),
    discounted_price: null,
    created_by: 'openapi',
  };
}

function promotionJson(setup: MerchantSetup, o: OrderModel, promotionId: string, discounted: number, subtotalAfter: number) {
  const found = setup.promotions.find((p) => p.id === promotionId);
  if (!found) throw new Error(`unknown promotion ${promotionId}`);
  const { promotion: p, createdAt } = found;
  const amount = p.discountType === 'amount' ? setup.price(p.value) : null;
  return {
    id: setup.ids.next(o.createdAt),
    discountable_amount: null,
    discounted_amount: money(setup.currency, discounted),
    subtotal_after: money(setup.currency, subtotalAfter),
    promotion: {
      _id: promotionId,
      codes: [],
      created_at: isoOffset(createdAt),
      discount_amount: amount === null ? null : money(setup.currency, amount),
      discount_on: o.orderPromotionId === promotionId ? 'order' : 'item',
      discount_percentage: p.discountType === 'percentage' ? p.value : null,
      discount_type: p.discountType,
      end_at: null,
      for_affiliate_campaign: false,
      start_at: isoOffset(createdAt + HOUR),
      status: 'active',
      title_translations: { en: p.en, 'zh-hant': p.zh },
      updated_at: isoOffset(createdAt),
      id: promotionId,
    },
    updated_at: isoOffset(o.createdAt),
    created_at: isoOffset(o.createdAt),
  };
}

export function orderJson(rng: Rng, setup: MerchantSetup, o: OrderModel): Record<string, unknown> {
  const m = (v: number) => money(setup.currency, v);
  const t = totals(setup, o);
  const zero = m(0);
  const option = o.delivery.option;
  const place = rng.pick(setup.places);
  const home = option.platform === 'post' || option.platform === 'custom';
  const store = option.platform === 'store_pickup' ? rng.pick(PICKUP_STORES) : null;
  const invoiced = o.paidAt !== null && rng.chance(0.4);
  const linePromotions = [...new Set(o.lines.flatMap((l) => (l.promotionId ? [l.promotionId] : [])))];
  const promotionItems = [
    ...linePromotions.map((id) => {
      const off = o.lines.reduce((sum, l) => sum + (l.promotionId === id ? (l.original - l.unit) * l.quantity : 0), 0);
      return promotionJson(setup, o, id, off, t.subtotal);
    }),
    ...(o.orderPromotionId ? [promotionJson(setup, o, o.orderPromotionId, t.discount, t.subtotal - t.discount)] : []),
  ];
  const card = o.payment.method.card === true;
  return {
    id: o.id,
    order_number: o.orderNumber,
    ...(o.merchantOrderNumber === null ? {} : { merchant_order_number: o.merchantOrderNumber }),
    status: o.status,
    order_remarks: rng.pick(ORDER_REMARKS),
    order_payment: {
      payment_method_id: o.payment.id,
      payment_type: o.payment.method.type,
      name_translations: { en: o.payment.method.en, 'zh-hant': o.payment.method.zh },
      status: o.paymentStatus,
      payment_fee: m(t.paymentFee),
      total: m(t.total),
      paid_at: at(o.paidAt),
      updated_at: isoOffset(Math.max(o.createdAt + 500, ...o.paymentEvents.map((e) => e.at))),
      created_at: isoOffset(o.createdAt + 200),
      payment_data: {},
      last_four_digits: card && o.paidAt !== null ? rng.digits(4) : '',
    },
    order_delivery: {
      delivery_option_id: o.delivery.id,
      platform: option.platform,
      status: o.deliveryStatus,
      delivery_status: o.deliveryStatus,
      name_translations: { en: option.en, 'zh-hant': option.zh },
      total: m(t.shipping),
      shipped_at: deliveryAt(o, 'shipped'),
      arrived_at: deliveryAt(o, 'arrived'),
      collected_at: deliveryAt(o, 'collected'),
      returned_at: deliveryAt(o, 'returned'),
      remark: null,
      request_accepted_at: null,
      request_authorized_at: null,
      request_submitted_at: deliveryAt(o, 'shipping'),
      requested_fmt_at: null,
      require_expired_upload: false,
      require_storeclosed_upload: false,
      return_order_id: null,
      store_closed_at: null,
      storeclosed_upload_at: null,
    },
    delivery_address: {
      country_code: place.countryCode,
      country: place.country,
      city: home ? place.city : null,
      state: home ? place.state : null,
      postcode: home ? place.postcode : null,
      address_1: home ? rng.pick(place.streets) : null,
      address_2: null,
      recipient_name: o.recipientName,
      recipient_phone: o.recipientPhone,
      remarks: null,
    },
    delivery_data: {
      hk_sfplus_home_region: null,
      location_code: store ? store[0] : null,
      location_name: store ? store[1] : null,
      name_translations: store ? { en: store[1], 'zh-hant': store[1] } : null,
      store_address: store ? `${place.city}, ${place.country}` : null,
      url: null,
      tracking_number: o.trackingNumber ?? '',
      ...(store ? { recipient_name: o.recipientName, recipient_phone: o.recipientPhone } : {}),
      scheduled_delivery_date: o.scheduledDeliveryDate === null ? null : isoZ(o.scheduledDeliveryDate),
      time_slot_key: null,
      time_slot_translations: {},
    },
    customer_id: o.customer.id,
    customer_name: o.customer.name,
    customer_email: o.customer.email,
    customer_phone: o.customer.phone,
    customer_info: {},
    currency_iso: setup.currency.iso,
    subtotal: m(t.subtotal),
    order_discount: m(t.discount),
    user_credit: zero,
    total_tax_fee: zero,
    total: m(t.total),
    invoice: {
      tax_id: '',
      mailing_address: '',
      invoice_type: invoiced ? 'electronic' : '',
      buyer_name: '',
      carrier_type: invoiced ? 'mobile_barcode' : '',
      carrier_number: invoiced ? `/${rng.hex(7).toUpperCase()}` : '',
      n_p_o_b_a_n: '',
      invoice_tax_type: invoiced ? '1' : '',
      invoice_number: invoiced ? `AB${rng.digits(8)}` : '',
      invoice_status: invoiced ? 'active' : '',
      invoice_date: invoiced ? at(o.paidAt) : null,
      invoice_cancelled_at: null,
    },
    subtotal_items: o.lines.map((l) => lineJson(setup, o, l)),
    promotion_items: promotionItems,
    custom_data: [],
    custom_discount_items: [],
    affiliate_data: o.affiliateSource === null ? {} : { affiliate_source: o.affiliateSource },
    ref_order_id: '',
    ref_customer_id: '',
    channel: o.createdBy === 'pos' ? { created_by_channel_name: { en: 'Main Store', 'zh-hant': '旗艦店' } } : {},
    // Upstream sends "" for "no parent", not null.
    parent_order_id: o.parentId ?? '',
    child_order_ids: o.childIds,
    split_at: at(o.splitAt),
    confirmed_at: at(o.confirmedAt),
    cancelled_at: at(o.cancelledAt),
    created_by: o.createdBy,
    updated_at: isoOffset(o.updatedAt),
    created_at: isoOffset(o.createdAt),
    skip_fulfillment: false,
    utm_data: {},
    ga_tracked: true,
    order_comments: [],
    order_notes: [],
  };
}
