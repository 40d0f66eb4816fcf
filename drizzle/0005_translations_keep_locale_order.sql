ALTER TABLE "action_logs" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "title" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "delivery_option_name" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "payment_method_name" SET DATA TYPE json;