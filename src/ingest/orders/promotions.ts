/** `promotion_items[]`: each promotion the order used, with what it took off and the promotion as it was. */
import type { PromotionItemJson, PromotionJson } from '../../db/json.js';
import { at } from '../errors.js';
import { membersOf, object, optId, type JsonObject } from '../values.js';

export function promotionItemsOf(entries: unknown[], path: string): PromotionItemJson[] {
  return entries.map((entry, i) => {
    const itemPath = at(path, i);
    const r = membersOf(object(entry, itemPath), itemPath);
    const promotion = r.object('promotion');
    return {
      id: r.text('id'),
      discountable_amount: r.money('discountable_amount'),
      discounted_amount: r.money('discounted_amount'),
      subtotal_after: r.money('subtotal_after'),
      promotion: promotion ? promotionOf(promotion, r.at('promotion')) : null,
      created_at: r.instant('created_at'),
      updated_at: r.instant('updated_at'),
    };
  });
}

function promotionOf(o: JsonObject, path: string): PromotionJson {
  const r = membersOf(o, path);
  return {
    // Sent twice, as `id` and `_id`.
    id: optId(o.id, r.at('id')) ?? optId(o._id, r.at('_id')),
    title_translations: r.lang('title_translations'),
    description_translations: r.lang('description_translations'),
    term_translations: r.lang('term_translations'),
    seo_title_translations: r.lang('seo_title_translations'),
    seo_description_translations: r.lang('seo_description_translations'),
    seo_keywords: r.text('seo_keywords'),
    status: r.text('status'),
    discount_on: r.text('discount_on'),
    discount_type: r.text('discount_type'),
    discount_amount: r.money('discount_amount'),
    discount_percentage: r.number('discount_percentage'),
    discounted_point: r.number('discounted_point'),
    discounted_price: r.money('discounted_price'),
    discountable_quantity: r.number('discountable_quantity'),
    discountable_category_ids: r.strings('discountable_category_ids'),
    discountable_product_ids: r.strings('discountable_product_ids'),
    min_price_type: r.text('min_price_type'),
    addon_product_id: r.text('addon_product_id'),
    banner_media_ids: r.strings('banner_media_ids'),
    codes: r.strings('codes'),
    multiple_code: r.flag('multiple_code'),
    is_accumulated: r.flag('is_accumulated'),
    for_affiliate_campaign: r.flag('for_affiliate_campaign'),
    requires_membership: r.flag('requires_membership'),
    membership_tier_id: r.text('membership_tier_id'),
    max_use_count: r.number('max_use_count'),
    use_count: r.number('use_count'),
    user_max_use_count: r.number('user_max_use_count'),
    extended_promotion_id: r.text('extended_promotion_id'),
    merchant_id: r.text('merchant_id'),
    start_at: r.instant('start_at'),
    end_at: r.instant('end_at'),
    created_at: r.instant('created_at'),
    updated_at: r.instant('updated_at'),
  };
}
