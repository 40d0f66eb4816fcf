/**
 * `OrderPromotion`: a promotion the order used (upstream `promotion_items[]`), what it took off,
 * the promotion as it was then, and the items it applied to.
 */
import type { PromotionItemJson, PromotionJson } from '../../db/json.js';
import { builder } from '../builder.js';
import { MoneyRef, TranslationsRef } from '../common/values.js';
import { OrderItemRef } from './items.js';
import { loadItemsWith } from './loaders.js';

export type OrderPromotionNode = PromotionItemJson & { orderId: string };

const PromotionRef = builder.objectRef<PromotionJson>('Promotion').implement({
  description: 'A promotion as it was when the order used it (upstream `promotion_items[].promotion`).',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'The promotion id (upstream sends it as `id` and `_id`).', resolve: (p) => p.id }),
    title: t.field({ type: TranslationsRef, nullable: true, description: 'Its title (upstream `title_translations`).', resolve: (p) => p.title_translations }),
    description: t.field({ type: TranslationsRef, nullable: true, description: 'Its description (upstream `description_translations`).', resolve: (p) => p.description_translations }),
    terms: t.field({ type: TranslationsRef, nullable: true, description: 'Its terms (upstream `term_translations`).', resolve: (p) => p.term_translations }),
    seoTitle: t.field({ type: TranslationsRef, nullable: true, description: 'Upstream `seo_title_translations`.', resolve: (p) => p.seo_title_translations }),
    seoDescription: t.field({ type: TranslationsRef, nullable: true, description: 'Upstream `seo_description_translations`.', resolve: (p) => p.seo_description_translations }),
    seoKeywords: t.string({ nullable: true, description: 'Upstream `seo_keywords`.', resolve: (p) => p.seo_keywords }),
    status: t.string({ nullable: true, description: 'The promotion status, e.g. active.', resolve: (p) => p.status }),
    discountOn: t.string({ nullable: true, description: 'What it discounts: order or item.', resolve: (p) => p.discount_on }),
    discountType: t.string({ nullable: true, description: 'How it discounts: amount, percentage…', resolve: (p) => p.discount_type }),
    discountAmount: t.field({ type: MoneyRef, nullable: true, description: 'The amount off, for an amount discount.', resolve: (p) => p.discount_amount }),
    discountPercentage: t.float({ nullable: true, description: 'The percentage off, for a percentage discount.', resolve: (p) => p.discount_percentage }),
    discountedPoint: t.float({ nullable: true, description: 'Upstream `discounted_point`.', resolve: (p) => p.discounted_point }),
    discountedPrice: t.field({ type: MoneyRef, nullable: true, description: 'Upstream `discounted_price`: a fixed price it sets.', resolve: (p) => p.discounted_price }),
    discountableQuantity: t.float({ nullable: true, description: 'How many items it applies to.', resolve: (p) => p.discountable_quantity }),
    discountableCategoryIds: t.stringList({ nullable: true, description: 'The categories it applies to.', resolve: (p) => p.discountable_category_ids }),
    discountableProductIds: t.stringList({ nullable: true, description: 'The products it applies to.', resolve: (p) => p.discountable_product_ids }),
    minPriceType: t.string({ nullable: true, description: 'Which price its minimum is measured on, e.g. after_discount.', resolve: (p) => p.min_price_type }),
    addonProductId: t.string({ nullable: true, description: 'The add-on product it offers.', resolve: (p) => p.addon_product_id }),
    bannerMediaIds: t.stringList({ nullable: true, description: 'Its banner images.', resolve: (p) => p.banner_media_ids }),
    codes: t.stringList({ nullable: true, description: 'The codes that unlock it.', resolve: (p) => p.codes }),
    multipleCode: t.boolean({ nullable: true, description: 'Whether it has several codes.', resolve: (p) => p.multiple_code }),
    isAccumulated: t.boolean({ nullable: true, description: 'Whether it adds up with other promotions.', resolve: (p) => p.is_accumulated }),
    forAffiliateCampaign: t.boolean({ nullable: true, description: 'Whether it belongs to an affiliate campaign.', resolve: (p) => p.for_affiliate_campaign }),
    requiresMembership: t.boolean({ nullable: true, description: 'Whether only members may use it.', resolve: (p) => p.requires_membership }),
    membershipTierId: t.string({ nullable: true, description: 'The membership tier it is for.', resolve: (p) => p.membership_tier_id }),
    maxUseCount: t.float({ nullable: true, description: 'How often it may be used in all.', resolve: (p) => p.max_use_count }),
    useCount: t.float({ nullable: true, description: 'How often it had been used.', resolve: (p) => p.use_count }),
    userMaxUseCount: t.float({ nullable: true, description: 'How often one customer may use it.', resolve: (p) => p.user_max_use_count }),
    extendedPromotionId: t.string({ nullable: true, description: 'The promotion it extends.', resolve: (p) => p.extended_promotion_id }),
    merchantId: t.string({ nullable: true, description: "The upstream merchant's id.", resolve: (p) => p.merchant_id }),
    startAt: t.field({ type: 'DateTime', nullable: true, description: 'When it starts.', resolve: (p) => p.start_at }),
    endAt: t.field({ type: 'DateTime', nullable: true, description: 'When it ends; null when it does not.', resolve: (p) => p.end_at }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was created.', resolve: (p) => p.created_at }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it last changed.', resolve: (p) => p.updated_at }),
  }),
});

/** Whether an item took a price from promotion item `id`, or came with promotion `promotionId`. */
function appliesTo(itemData: { order_promotion_items: Record<string, string | null> | null; promotion_id: string | null } | null, p: OrderPromotionNode): boolean {
  if (!itemData) return false;
  const linked = Object.values(itemData.order_promotion_items ?? {}).includes(p.id);
  return linked || (itemData.promotion_id !== null && itemData.promotion_id === p.promotion?.id);
}

export const OrderPromotionRef = builder.objectRef<OrderPromotionNode>('OrderPromotion').implement({
  description: 'A promotion applied to the order (upstream `promotion_items[]`).',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'This application of the promotion (items name it in `itemData.promotionItems`).', resolve: (p) => p.id }),
    promotion: t.field({ type: PromotionRef, nullable: true, description: 'The promotion, as it was then.', resolve: (p) => p.promotion }),
    discountedAmount: t.field({ type: MoneyRef, nullable: true, description: 'What it took off.', resolve: (p) => p.discounted_amount }),
    discountableAmount: t.field({ type: MoneyRef, nullable: true, description: 'What it could have taken off.', resolve: (p) => p.discountable_amount }),
    subtotalAfter: t.field({ type: MoneyRef, nullable: true, description: 'The subtotal after it.', resolve: (p) => p.subtotal_after }),
    items: t.field({
      type: [OrderItemRef],
      description: 'The items it applied to: those that took a price from it, or came with it.',
      resolve: async (p, _args, ctx, info) => {
        const items = await loadItemsWith(ctx, p.orderId, info, ['itemData']);
        return items.filter((item) => appliesTo(item.itemData, p));
      },
    }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was applied.', resolve: (p) => p.created_at }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When its application last changed.', resolve: (p) => p.updated_at }),
  }),
});
