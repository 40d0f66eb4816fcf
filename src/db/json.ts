/**
 * The shapes of the JSON columns: upstream's own objects as the normalisers checked them, with
 * upstream's member names, date-times as ISO 8601 text in UTC and absent members as null. Members
 * the documents give no shape for are kept as sent (`unknown`).
 */

/** Upstream money object: `{ cents, dollars, currency_iso, currency_symbol, label }` (item data sends only the first and third). */
export interface MoneyJson {
  cents: number;
  dollars?: number | null;
  currency_iso: string;
  currency_symbol?: string | null;
  label?: string | null;
}

/** Upstream locale map: `{ "en": "...", "zh-hant": "..." }`, locales in the order sent. */
export type TranslationsJson = Record<string, string | null>;

/** ISO 8601 text in UTC (`2020-08-25T13:14:21.121Z`). */
export type InstantText = string;

/** `order_payment`, but what other columns hold (method, status, fee, paid_at). */
export interface PaymentJson {
  total: MoneyJson | null;
  last_four_digits: string | null;
  created_at: InstantText | null;
  updated_at: InstantText | null;
}

/** `order_delivery`, but what other columns hold (option, fee, milestone times). */
export interface DeliveryJson {
  status: string | null;
  delivery_status: string | null;
  remark: string | null;
  return_order_id: string | null;
  request_accepted_at: InstantText | null;
  request_authorized_at: InstantText | null;
  request_submitted_at: InstantText | null;
  requested_fmt_at: InstantText | null;
  store_closed_at: InstantText | null;
  storeclosed_upload_at: InstantText | null;
  require_expired_upload: boolean | null;
  require_storeclosed_upload: boolean | null;
}

/** `delivery_address`. */
export interface DeliveryAddressJson {
  country_code: string | null;
  country: string | null;
  state: string | null;
  city: string | null;
  postcode: string | null;
  address_1: string | null;
  address_2: string | null;
  recipient_name: string | null;
  recipient_phone: string | null;
  remarks: string | null;
}

/** `delivery_data`, but `scheduled_delivery_date` (a column of its own). */
export interface DeliveryDataJson {
  recipient_name: string | null;
  recipient_phone: string | null;
  tracking_number: string | null;
  url: string | null;
  location_code: string | null;
  location_name: string | null;
  name_translations: TranslationsJson | null;
  store_address: string | null;
  hk_sfplus_home_region: string | null;
  time_slot_key: string | null;
  time_slot_translations: TranslationsJson | null;
}

/** `invoice`. */
export interface InvoiceJson {
  tax_id: string | null;
  mailing_address: string | null;
  invoice_type: string | null;
  buyer_name: string | null;
  carrier_type: string | null;
  carrier_number: string | null;
  n_p_o_b_a_n: string | null;
  invoice_tax_type: string | null;
  invoice_number: string | null;
  invoice_status: string | null;
  invoice_date: InstantText | null;
  invoice_cancelled_at: InstantText | null;
}

/** `promotion_items[].promotion`: the promotion as it was when the order used it. */
export interface PromotionJson {
  id: string | null;
  title_translations: TranslationsJson | null;
  description_translations: TranslationsJson | null;
  term_translations: TranslationsJson | null;
  seo_title_translations: TranslationsJson | null;
  seo_description_translations: TranslationsJson | null;
  seo_keywords: string | null;
  status: string | null;
  discount_on: string | null;
  discount_type: string | null;
  discount_amount: MoneyJson | null;
  discount_percentage: number | null;
  discounted_point: number | null;
  discounted_price: MoneyJson | null;
  discountable_quantity: number | null;
  discountable_category_ids: string[] | null;
  discountable_product_ids: string[] | null;
  min_price_type: string | null;
  addon_product_id: string | null;
  banner_media_ids: string[] | null;
  codes: string[] | null;
  multiple_code: boolean | null;
  is_accumulated: boolean | null;
  for_affiliate_campaign: boolean | null;
  requires_membership: boolean | null;
  membership_tier_id: string | null;
  max_use_count: number | null;
  use_count: number | null;
  user_max_use_count: number | null;
  extended_promotion_id: string | null;
  merchant_id: string | null;
  start_at: InstantText | null;
  end_at: InstantText | null;
  created_at: InstantText | null;
  updated_at: InstantText | null;
}

/** `promotion_items[]`: one promotion applied to the order. */
export interface PromotionItemJson {
  id: string | null;
  discountable_amount: MoneyJson | null;
  discounted_amount: MoneyJson | null;
  subtotal_after: MoneyJson | null;
  promotion: PromotionJson | null;
  created_at: InstantText | null;
  updated_at: InstantText | null;
}

/** `subtotal_items[].item_data`, but `variation_data` (a column of its own). */
export interface ItemDataJson {
  cart_item_id: string | null;
  promotion_id: string | null;
  parent_item_ids: string[] | null;
  triggering_item_id: string | null;
  /** Which promotion item (`promotion_items[].id`) gave which price: `{"order_discounted_price": "<id>"}`. */
  order_promotion_items: Record<string, string | null> | null;
  order_discounted_price: MoneyJson | null;
  has_exclude_promotion_tag: boolean | null;
}

/** A locale → one text per option map (`fields_translations`: `{"en": ["green", "c1"]}`). */
export type OptionTranslationsJson = Record<string, (string | null)[] | null>;

/** `item_data.variation_data`: the product variation as it was when ordered. */
export interface VariationJson {
  id: string | null;
  key: string | null;
  sku: string | null;
  barcode_type: string | null;
  gtin: string | null;
  mpn: string | null;
  cost: MoneyJson | null;
  price: MoneyJson | null;
  price_sale: MoneyJson | null;
  member_price: MoneyJson | null;
  quantity: number | null;
  max_order_quantity: number | null;
  unlimited_quantity: boolean | null;
  weight: number | null;
  fields: { name_translations: TranslationsJson | null }[] | null;
  fields_translations: OptionTranslationsJson | null;
  variant_option_ids: string[] | null;
  root_product_variation_id: string | null;
  location_id: string | null;
  media_id: string | null;
  stock_ids: string[] | null;
  wapos_id: string | null;
  feed_variations: unknown;
  media_hash: unknown;
  created_at: InstantText | null;
  updated_at: InstantText | null;
}

/** One size of an image: `{ width, height, url }`. */
export interface ImageJson {
  width: number | null;
  height: number | null;
  url: string | null;
}

/** `subtotal_items[].media`: the product's image, in every size upstream renders (sizes in the order sent). */
export interface MediaJson {
  id: string | null;
  images: Record<string, ImageJson | null> | null;
  alt_translations: TranslationsJson | null;
}

/** One trace sender as the columns hold the first: `pid`, `pfname`, `plname`, `cid`, `cname`, renamed. */
export interface TraceSenderJson {
  personId: number | null;
  firstName: string | null;
  lastName: string | null;
  companyId: number | null;
  companyName: string | null;
}
