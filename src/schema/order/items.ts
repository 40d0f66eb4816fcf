/**
 * `OrderItem` and what hangs off it: the variation bought, its options, its images and the cart
 * data upstream keeps with it (`subtotal_items[]`), all as the order recorded them.
 */
import type { ImageJson, ItemDataJson, MediaJson, OptionTranslationsJson, TranslationsJson, VariationJson } from '../../db/json.js';
import { builder } from '../builder.js';
import { MoneyRef, TranslationsRef } from '../common/values.js';
import type { OrderItemView } from './loaders.js';

/** `{"en": ["green", "c1"], "zh-hant": ["", ""]}` → one translation per option, locales in the order sent. */
export function optionsOf(map: OptionTranslationsJson): TranslationsJson[] {
  const count = Math.max(0, ...Object.values(map).map((texts) => texts?.length ?? 0));
  return Array.from({ length: count }, (_, i) =>
    Object.fromEntries(Object.entries(map).flatMap(([locale, texts]) => (texts && i < texts.length ? [[locale, texts[i] ?? null]] : []))),
  );
}

const VariantFieldRef = builder.objectRef<{ name_translations: TranslationsJson | null }>('VariantField').implement({
  description: 'One option of a variation, as its `fields` list names it.',
  fields: (t) => ({
    name: t.field({ type: TranslationsRef, nullable: true, description: "The option's value in each locale (upstream `name_translations`).", resolve: (f) => f.name_translations }),
  }),
});

const ProductVariantRef = builder.objectRef<VariationJson>('ProductVariant').implement({
  description: 'The product variation bought, as the catalogue had it when the order was placed (upstream `item_data.variation_data`).',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'The variation id (upstream `_id`).', resolve: (v) => v.id }),
    key: t.string({ nullable: true, description: 'The variation key.', resolve: (v) => v.key }),
    sku: t.string({ nullable: true, description: "The variation's SKU.", resolve: (v) => v.sku }),
    options: t.field({
      type: [TranslationsRef],
      nullable: true,
      description: 'Each option of the variation (colour, size…) in every locale (upstream `fields_translations`).',
      resolve: (v) => (v.fields_translations ? optionsOf(v.fields_translations) : null),
    }),
    fields: t.field({ type: [VariantFieldRef], nullable: true, description: 'The options as upstream `fields` lists them.', resolve: (v) => v.fields }),
    price: t.field({ type: MoneyRef, nullable: true, description: 'The list price.', resolve: (v) => v.price }),
    salePrice: t.field({ type: MoneyRef, nullable: true, description: 'The sale price (upstream `price_sale`).', resolve: (v) => v.price_sale }),
    memberPrice: t.field({ type: MoneyRef, nullable: true, description: 'The price for members (upstream `member_price`).', resolve: (v) => v.member_price }),
    cost: t.field({ type: MoneyRef, nullable: true, description: "The merchant's cost.", resolve: (v) => v.cost }),
    weight: t.float({ nullable: true, description: 'The weight, in the unit the shop uses.', resolve: (v) => v.weight }),
    quantity: t.float({ nullable: true, description: 'Stock of the variation when ordered.', resolve: (v) => v.quantity }),
    maxOrderQuantity: t.float({ nullable: true, description: 'The most one order may take.', resolve: (v) => v.max_order_quantity }),
    unlimitedQuantity: t.boolean({ nullable: true, description: 'Whether stock is unlimited.', resolve: (v) => v.unlimited_quantity }),
    barcodeType: t.string({ nullable: true, description: 'The barcode symbology, e.g. Code 128.', resolve: (v) => v.barcode_type }),
    gtin: t.string({ nullable: true, description: 'Global Trade Item Number.', resolve: (v) => v.gtin }),
    mpn: t.string({ nullable: true, description: 'Manufacturer part number.', resolve: (v) => v.mpn }),
    variantOptionIds: t.stringList({ nullable: true, description: 'Ids of the option values it is made of.', resolve: (v) => v.variant_option_ids }),
    rootProductVariationId: t.string({ nullable: true, description: 'Upstream `root_product_variation_id`.', resolve: (v) => v.root_product_variation_id }),
    locationId: t.string({ nullable: true, description: 'Upstream `location_id`: the stock location.', resolve: (v) => v.location_id }),
    mediaId: t.string({ nullable: true, description: "The variation's own image (upstream `media_id`).", resolve: (v) => v.media_id }),
    stockIds: t.stringList({ nullable: true, description: 'Upstream `stock_ids`.', resolve: (v) => v.stock_ids }),
    waposId: t.string({ nullable: true, description: 'Upstream `wapos_id`: the id in the point-of-sale system.', resolve: (v) => v.wapos_id }),
    feedVariations: t.field({ type: 'JSON', nullable: true, description: 'Upstream `feed_variations`, as sent (no document gives its shape).', resolve: (v) => v.feed_variations }),
    mediaHash: t.field({ type: 'JSON', nullable: true, description: 'Upstream `media_hash`, as sent (no document gives its shape).', resolve: (v) => v.media_hash }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When the variation was created.', resolve: (v) => v.created_at }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the variation last changed.', resolve: (v) => v.updated_at }),
  }),
});

const MediaImageRef = builder.objectRef<ImageJson & { size: string }>('MediaImage').implement({
  description: 'One rendering of an image.',
  fields: (t) => ({
    size: t.exposeString('size', { description: 'Upstream\'s name for the size: original, thumb, favicon_small…' }),
    width: t.float({ nullable: true, description: 'Width in pixels.', resolve: (i) => i.width }),
    height: t.float({ nullable: true, description: 'Height in pixels.', resolve: (i) => i.height }),
    url: t.string({ nullable: true, description: 'Where the image is.', resolve: (i) => i.url }),
  }),
});

const images = (m: MediaJson) =>
  Object.entries(m.images ?? {}).flatMap(([size, image]) => (image ? [{ ...image, size }] : []));

const ProductMediaRef = builder.objectRef<MediaJson>('ProductMedia').implement({
  description: "The product's image (upstream `media`), in every size upstream renders.",
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'The media id (upstream `_id`).', resolve: (m) => m.id }),
    images: t.field({ type: [MediaImageRef], description: 'Every size, in the order sent.', resolve: images }),
    image: t.field({
      type: MediaImageRef,
      nullable: true,
      description: 'One size by name; null when upstream has none of that name.',
      args: { size: t.arg.string({ required: true, description: 'The size, e.g. original, thumb, favicon_small.' }) },
      resolve: (m, args) => images(m).find((image) => image.size === args.size) ?? null,
    }),
    alt: t.field({ type: TranslationsRef, nullable: true, description: 'Alternative text (upstream `alt_translations`).', resolve: (m) => m.alt_translations }),
  }),
});

const PromotionLinkRef = builder.objectRef<{ price: string; promotionItemId: string | null }>('OrderItemPromotionLink').implement({
  description: 'Which applied promotion (`Order.promotions[].id`) gave an item which of its prices.',
  fields: (t) => ({
    price: t.exposeString('price', { description: 'The price it gave, as upstream names it (e.g. order_discounted_price).' }),
    promotionItemId: t.exposeID('promotionItemId', { nullable: true, description: 'The applied promotion (`OrderPromotion.id`).' }),
  }),
});

const ItemDataRef = builder.objectRef<ItemDataJson>('OrderItemData').implement({
  description: 'What the cart recorded about an item (upstream `item_data`).',
  fields: (t) => ({
    cartItemId: t.string({ nullable: true, description: 'The cart item it was ordered from.', resolve: (d) => d.cart_item_id }),
    promotionId: t.string({ nullable: true, description: 'The promotion the item itself came with, if any.', resolve: (d) => d.promotion_id }),
    parentItemIds: t.stringList({ nullable: true, description: 'Items this one belongs to (bundles, add-ons).', resolve: (d) => d.parent_item_ids }),
    triggeringItemId: t.string({ nullable: true, description: 'The item that triggered this one (a gift, an add-on), as sent.', resolve: (d) => d.triggering_item_id }),
    promotionItems: t.field({
      type: [PromotionLinkRef],
      nullable: true,
      description: 'Which applied promotion gave which price (upstream `order_promotion_items`).',
      resolve: (d) =>
        d.order_promotion_items && Object.entries(d.order_promotion_items).map(([price, promotionItemId]) => ({ price, promotionItemId })),
    }),
    orderDiscountedPrice: t.field({ type: MoneyRef, nullable: true, description: 'The price after order discounts, as the cart computed it.', resolve: (d) => d.order_discounted_price }),
    hasExcludePromotionTag: t.boolean({ nullable: true, description: 'Whether the item is excluded from promotions.', resolve: (d) => d.has_exclude_promotion_tag }),
  }),
});

export const OrderItemRef = builder.objectRef<OrderItemView>('OrderItem').implement({
  description: 'One line of an order (upstream `subtotal_items[]`).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The item id (`#<position>` when upstream sent none).' }),
    itemType: t.exposeString('itemType', { nullable: true, description: 'What kind of line it is, e.g. Product.' }),
    itemId: t.exposeString('itemId', { nullable: true, description: 'The product id.' }),
    itemVariationId: t.exposeString('itemVariationId', { nullable: true, description: 'The variation id.' }),
    itemVariationKey: t.exposeString('itemVariationKey', { nullable: true, description: 'The variation key.' }),
    title: t.field({ type: TranslationsRef, nullable: true, description: "The product's name (upstream `title_translations`).", resolve: (i) => i.title }),
    sku: t.exposeString('sku', { nullable: true, description: 'The SKU.' }),
    quantity: t.exposeInt('quantity', { nullable: true, description: 'How many were ordered.' }),
    options: t.field({
      type: [TranslationsRef],
      nullable: true,
      description: "Each option of the variation bought (colour, size…) in every locale (upstream `fields_translations`).",
      resolve: (i) => (i.options ? optionsOf(i.options) : null),
    }),
    itemPrice: t.field({ type: MoneyRef, nullable: true, description: 'The unit price charged (upstream `item_price`).', resolve: (i) => i.itemPrice }),
    price: t.field({ type: MoneyRef, nullable: true, description: 'Upstream `price` (it may differ from `itemPrice`).', resolve: (i) => i.price }),
    cost: t.field({ type: MoneyRef, nullable: true, description: "The merchant's cost.", resolve: (i) => i.cost }),
    total: t.field({ type: MoneyRef, nullable: true, description: 'The line total.', resolve: (i) => i.total }),
    orderDiscountedPrice: t.field({ type: MoneyRef, nullable: true, description: 'The line after order discounts.', resolve: (i) => i.orderDiscountedPrice }),
    discountedPrice: t.field({ type: MoneyRef, nullable: true, description: 'Upstream `discounted_price`.', resolve: (i) => i.discountedPrice }),
    isPreorder: t.exposeBoolean('isPreorder', { nullable: true, description: 'Whether it was pre-ordered.' }),
    createdBy: t.exposeString('createdBy', { nullable: true, description: 'What added the line, e.g. openapi.' }),
    variant: t.field({ type: ProductVariantRef, nullable: true, description: 'The variation bought, with its prices, options and weight.', resolve: (i) => i.variation }),
    media: t.field({ type: ProductMediaRef, nullable: true, description: "The product's image in every size.", resolve: (i) => i.media }),
    itemData: t.field({ type: ItemDataRef, nullable: true, description: 'What the cart recorded about the line.', resolve: (i) => i.itemData }),
    refData: t.field({ type: 'JSON', nullable: true, description: 'Upstream `ref_data`, as sent (no document gives its shape).', resolve: (i) => i.refData }),
  }),
});
