CREATE TABLE "sync_schedules" (
	"merchant_id" text NOT NULL,
	"source" text NOT NULL,
	"base_url" text NOT NULL,
	"token_env" text NOT NULL,
	"every_seconds" integer NOT NULL,
	"per_page" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_outcome" text,
	"last_rows" integer,
	"last_error" text,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_run_at" timestamp with time zone,
	CONSTRAINT "sync_schedules_merchant_id_source_pk" PRIMARY KEY("merchant_id","source")
);
