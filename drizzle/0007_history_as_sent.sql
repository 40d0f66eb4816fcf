CREATE TABLE "trace_lists" (
	"merchant_id" text NOT NULL,
	"upstream_order_id" text NOT NULL,
	"order_id" text NOT NULL,
	"count" integer,
	"can_add" boolean,
	CONSTRAINT "trace_lists_merchant_id_upstream_order_id_pk" PRIMARY KEY("merchant_id","upstream_order_id")
);
--> statement-breakpoint
ALTER TABLE "history_changes" ADD COLUMN "pack" jsonb;--> statement-breakpoint
ALTER TABLE "traces" ADD COLUMN "senders" jsonb;--> statement-breakpoint
CREATE INDEX "trace_lists_order_idx" ON "trace_lists" USING btree ("merchant_id","order_id");