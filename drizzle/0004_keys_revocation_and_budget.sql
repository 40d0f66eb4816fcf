CREATE TABLE "key_budget_spend" (
	"key_id" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"spent" bigint NOT NULL,
	CONSTRAINT "key_budget_spend_key_id_window_start_pk" PRIMARY KEY("key_id","window_start")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "id" text;--> statement-breakpoint
UPDATE "api_keys" SET "id" = 'key_' || substr("key_hash", 1, 12);--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_id_unique" UNIQUE("id");