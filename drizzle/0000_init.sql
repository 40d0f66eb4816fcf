CREATE TABLE "action_logs" (
	"merchant_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"upstream_order_id" text,
	"key" text NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"performer_id" text,
	"performer_name" text,
	"performer_type" text,
	"performer_application_id" text,
	"raw" jsonb NOT NULL,
	CONSTRAINT "action_logs_merchant_id_id_pk" PRIMARY KEY("merchant_id","id")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"role" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_changes" (
	"merchant_id" text NOT NULL,
	"id" bigint NOT NULL,
	"entity" text NOT NULL,
	"order_id" text,
	"upstream_order_id" text,
	"subject" jsonb,
	"field" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"source" text NOT NULL,
	"user_id" text,
	"api_key_current" boolean,
	"combined_to" jsonb,
	"ancestor" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	CONSTRAINT "history_changes_merchant_id_entity_id_pk" PRIMARY KEY("merchant_id","entity","id")
);
--> statement-breakpoint
CREATE TABLE "merchants" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_items" (
	"merchant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"item_type" text,
	"item_id" text,
	"item_variation_id" text,
	"title" jsonb,
	"sku" text,
	"quantity" integer,
	"price" jsonb,
	"total" jsonb,
	CONSTRAINT "order_items_merchant_id_order_id_id_pk" PRIMARY KEY("merchant_id","order_id","id")
);
--> statement-breakpoint
CREATE TABLE "order_refs" (
	"merchant_id" text NOT NULL,
	"system" text NOT NULL,
	"external_id" text NOT NULL,
	"order_id" text NOT NULL,
	CONSTRAINT "order_refs_merchant_id_system_external_id_pk" PRIMARY KEY("merchant_id","system","external_id")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"merchant_id" text NOT NULL,
	"id" text NOT NULL,
	"order_number" text NOT NULL,
	"merchant_order_number" text,
	"status" text NOT NULL,
	"payment_status" text,
	"delivery_status" text,
	"delivery_option_id" text,
	"delivery_platform" text,
	"delivery_option_name" jsonb,
	"payment_method_id" text,
	"payment_type" text,
	"payment_method_name" jsonb,
	"created_by" text,
	"customer_id" text,
	"customer_name" text,
	"customer_email" text,
	"customer_phone" text,
	"recipient_name" text,
	"recipient_phone" text,
	"recipient_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"recipient_phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"tracking_number" text,
	"promotion_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"item_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"affiliate_source" text,
	"currency_iso" text,
	"total" jsonb,
	"subtotal" jsonb,
	"discount" jsonb,
	"parent_order_id" text,
	"child_order_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"collected_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"split_at" timestamp with time zone,
	"scheduled_delivery_date" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"raw" jsonb NOT NULL,
	CONSTRAINT "orders_merchant_id_id_pk" PRIMARY KEY("merchant_id","id")
);
--> statement-breakpoint
CREATE TABLE "status_history" (
	"merchant_id" text NOT NULL,
	"id" bigint NOT NULL,
	"order_id" text NOT NULL,
	"upstream_order_id" text NOT NULL,
	"status_id" double precision NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"user_id" integer,
	"procedure_text" text,
	"raw" jsonb NOT NULL,
	CONSTRAINT "status_history_merchant_id_id_pk" PRIMARY KEY("merchant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sync_checkpoints" (
	"merchant_id" text NOT NULL,
	"source" text NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_checkpoints_merchant_id_source_pk" PRIMARY KEY("merchant_id","source")
);
--> statement-breakpoint
CREATE TABLE "traces" (
	"merchant_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"upstream_order_id" text,
	"date" timestamp with time zone NOT NULL,
	"message" text,
	"status" integer NOT NULL,
	"status_title" text NOT NULL,
	"deadline" timestamp with time zone,
	"sender_person_id" integer,
	"sender_first_name" text,
	"sender_last_name" text,
	"sender_company_id" integer,
	"sender_company_name" text,
	"raw" jsonb NOT NULL,
	CONSTRAINT "traces_merchant_id_id_pk" PRIMARY KEY("merchant_id","id")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_logs_order_idx" ON "action_logs" USING btree ("merchant_id","order_id","created_at","id");--> statement-breakpoint
CREATE INDEX "action_logs_upstream_idx" ON "action_logs" USING btree ("merchant_id","upstream_order_id");--> statement-breakpoint
CREATE INDEX "api_keys_merchant_idx" ON "api_keys" USING btree ("merchant_id");--> statement-breakpoint
CREATE INDEX "history_changes_id_idx" ON "history_changes" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "history_changes_order_idx" ON "history_changes" USING btree ("merchant_id","order_id","id");--> statement-breakpoint
CREATE INDEX "history_changes_upstream_idx" ON "history_changes" USING btree ("merchant_id","upstream_order_id");--> statement-breakpoint
CREATE INDEX "order_refs_order_idx" ON "order_refs" USING btree ("merchant_id","order_id");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("merchant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_updated_idx" ON "orders" USING btree ("merchant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "orders_number_idx" ON "orders" USING btree ("merchant_id","order_number","id");--> statement-breakpoint
CREATE INDEX "orders_merchant_number_idx" ON "orders" USING btree ("merchant_id","merchant_order_number");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("merchant_id","customer_id");--> statement-breakpoint
CREATE INDEX "orders_parent_idx" ON "orders" USING btree ("merchant_id","parent_order_id");--> statement-breakpoint
CREATE INDEX "status_history_order_idx" ON "status_history" USING btree ("merchant_id","order_id","created_at","id");--> statement-breakpoint
CREATE INDEX "status_history_created_idx" ON "status_history" USING btree ("merchant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "status_history_upstream_idx" ON "status_history" USING btree ("merchant_id","upstream_order_id");--> statement-breakpoint
CREATE INDEX "traces_order_idx" ON "traces" USING btree ("merchant_id","order_id","date","id");--> statement-breakpoint
CREATE INDEX "traces_upstream_idx" ON "traces" USING btree ("merchant_id","upstream_order_id");