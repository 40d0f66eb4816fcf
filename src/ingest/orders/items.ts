/**
 * `subtotal_items[]` → `order_items` rows: prices, options, the product variation and media as the
 * order recorded them. Item ids key the rows; an item without one gets a stable id from its position.
 */
import type { NewOrderItem } from '../../db/schema.js';
import type { ImageJson, ItemDataJson, MediaJson, VariationJson } from '../../db/json.js';
import { IngestError, at } from '../errors.js';
import { blankToNull, membersOf, object, optId, optObject, optString, type JsonObject } from '../values.js';

export type OrderItemInput = Omit<NewOrderItem, 'merchantId' | 'orderId'>;

export interface NormalisedItem {
  item: OrderItemInput;
  /** The item's own id, when upstream sent one (the `itemId` filter matches it). */
  upstreamId: string | null;
  /** `item_data.promotion_id` (the `promotionId` filter matches it). */
  promotionId: string | null;
}

export function normaliseItems(entries: unknown[], path: string): NormalisedItem[] {
  const seen = new Set<string>();
  return entries.map((entry, position) => {
    const itemPath = at(path, position);
    const o = object(entry, itemPath);
    const r = membersOf(o, itemPath);
    const upstreamId = optId(o.id, r.at('id'));
    const rowId = upstreamId ?? `#${position}`;
    if (seen.has(rowId)) throw new IngestError(r.at('id'), 'duplicate item id');
    seen.add(rowId);
    const data = r.object('item_data');
    const itemData = data ? itemDataOf(data, r.at('item_data')) : null;
    const variation = data ? optObject(data.variation_data, at(r.at('item_data'), 'variation_data')) : null;
    const media = r.object('media');
    const item: OrderItemInput = {
      id: rowId,
      position,
      itemType: r.text('item_type'),
      itemId: optId(o.item_id, r.at('item_id')),
      itemVariationId: blankToNull(r.text('item_variation_id')),
      itemVariationKey: r.text('item_variation_key'),
      title: r.lang('title_translations'),
      sku: r.text('sku'),
      quantity: r.int('quantity'),
      isPreorder: r.flag('is_preorder'),
      createdBy: r.text('created_by'),
      itemPrice: r.money('item_price'),
      price: r.money('price'),
      cost: r.money('cost'),
      total: r.money('total'),
      orderDiscountedPrice: r.money('order_discounted_price'),
      discountedPrice: r.money('discounted_price'),
      options: r.options('fields_translations'),
      itemData,
      variation: variation ? variationOf(variation, at(r.at('item_data'), 'variation_data')) : null,
      media: media ? mediaOf(media, r.at('media')) : null,
      refData: r.any('ref_data'),
    };
    return { item, upstreamId, promotionId: itemData?.promotion_id ?? null };
  });
}

function itemDataOf(o: JsonObject, path: string): ItemDataJson {
  const r = membersOf(o, path);
  const links = r.object('order_promotion_items');
  return {
    cart_item_id: r.text('cart_item_id'),
    promotion_id: optId(o.promotion_id, r.at('promotion_id')),
    parent_item_ids: r.strings('parent_item_ids'),
    triggering_item_id: r.text('triggering_item_id'),
    order_promotion_items: links && eachMember(links, r.at('order_promotion_items'), optString),
    order_discounted_price: r.money('order_discounted_price'),
    has_exclude_promotion_tag: r.flag('has_exclude_promotion_tag'),
  };
}

/** Every member of `o` read with `read`, in the order sent. */
function eachMember<T>(o: JsonObject, path: string, read: (value: unknown, path: string) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(o).map(([key, value]) => [key, read(value, at(path, key))]));
}

function variationOf(o: JsonObject, path: string): VariationJson {
  const r = membersOf(o, path);
  const fields = r.array('fields');
  return {
    id: r.text('_id') ?? r.text('id'),
    key: r.text('key'),
    sku: r.text('sku'),
    barcode_type: r.text('barcode_type'),
    gtin: r.text('gtin'),
    mpn: r.text('mpn'),
    cost: r.money('cost'),
    price: r.money('price'),
    price_sale: r.money('price_sale'),
    member_price: r.money('member_price'),
    quantity: r.number('quantity'),
    max_order_quantity: r.number('max_order_quantity'),
    unlimited_quantity: r.flag('unlimited_quantity'),
    weight: r.number('weight'),
    fields: fields?.map((field, i) => {
      const fieldPath = at(r.at('fields'), i);
      return { name_translations: membersOf(object(field, fieldPath), fieldPath).lang('name_translations') };
    }) ?? null,
    fields_translations: r.options('fields_translations'),
    variant_option_ids: r.strings('variant_option_ids'),
    root_product_variation_id: r.text('root_product_variation_id'),
    location_id: r.text('location_id'),
    media_id: r.text('media_id'),
    stock_ids: r.strings('stock_ids'),
    wapos_id: r.text('wapos_id'),
    feed_variations: r.any('feed_variations'),
    media_hash: r.any('media_hash'),
    created_at: r.instant('created_at'),
    updated_at: r.instant('updated_at'),
  };
}

function mediaOf(o: JsonObject, path: string): MediaJson {
  const r = membersOf(o, path);
  const images = r.object('images');
  const image = (value: unknown, sizePath: string): ImageJson | null => {
    const size = optObject(value, sizePath);
    if (!size) return null;
    const s = membersOf(size, sizePath);
    return { width: s.number('width'), height: s.number('height'), url: s.text('url') };
  };
  return {
    id: r.text('_id') ?? r.text('id'),
    images: images && eachMember(images, r.at('images'), image),
    alt_translations: r.lang('alt_translations'),
  };
}
