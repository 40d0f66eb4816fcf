ALTER TABLE "order_items" ADD COLUMN "item_variation_key" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "is_preorder" boolean;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "item_price" jsonb;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "cost" jsonb;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "order_discounted_price" jsonb;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "discounted_price" jsonb;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "options" json;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "item_data" json;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "variation" json;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "media" json;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "ref_data" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_fee" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_fee" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_address" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_data" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "user_credit" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "total_tax_fee" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "invoice" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "promotions" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "remarks" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ref_order_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ref_customer_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "skip_fulfillment" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ga_tracked" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "customer_info" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "custom_data" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "custom_discount_items" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "affiliate_data" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "channel" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "utm_data" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "comments" json;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "notes" json;--> statement-breakpoint
-- `delivery_status` now follows `order_delivery.delivery_status` first (the filter's own name), then `status`.
UPDATE "orders" SET "delivery_status" = coalesce("raw"->'order_delivery'->>'delivery_status', "raw"->'order_delivery'->>'status')
  WHERE "delivery_status" IS DISTINCT FROM coalesce("raw"->'order_delivery'->>'delivery_status', "raw"->'order_delivery'->>'status');
