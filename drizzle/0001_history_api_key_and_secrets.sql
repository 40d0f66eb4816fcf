CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "history_changes" ADD COLUMN "api_key" jsonb;--> statement-breakpoint
UPDATE "history_changes" SET "api_key" = "raw"->'apiKey' WHERE jsonb_typeof("raw"->'apiKey') = 'object';--> statement-breakpoint
ALTER TABLE "history_changes" DROP COLUMN "api_key_current";