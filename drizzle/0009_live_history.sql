CREATE SEQUENCE "public"."history_write_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "action_logs" ADD COLUMN "written_seq" bigint DEFAULT nextval('history_write_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "history_changes" ADD COLUMN "written_seq" bigint DEFAULT nextval('history_write_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "status_history" ADD COLUMN "written_seq" bigint DEFAULT nextval('history_write_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "traces" ADD COLUMN "written_seq" bigint DEFAULT nextval('history_write_seq') NOT NULL;--> statement-breakpoint
CREATE INDEX "action_logs_written_idx" ON "action_logs" USING btree ("written_seq");--> statement-breakpoint
CREATE INDEX "action_logs_created_idx" ON "action_logs" USING btree ("merchant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "history_changes_written_idx" ON "history_changes" USING btree ("written_seq");--> statement-breakpoint
CREATE INDEX "history_changes_created_idx" ON "history_changes" USING btree ("merchant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "status_history_written_idx" ON "status_history" USING btree ("written_seq");--> statement-breakpoint
CREATE INDEX "traces_written_idx" ON "traces" USING btree ("written_seq");--> statement-breakpoint
CREATE INDEX "traces_date_idx" ON "traces" USING btree ("merchant_id","date","id");--> statement-breakpoint
-- Each statement that inserts history announces, per merchant, the range of numbers its rows got.
-- NOTIFY is delivered at commit, so whoever listens reads committed rows, whichever process wrote them.
CREATE FUNCTION "history_written"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE written record;
BEGIN
  FOR written IN SELECT merchant_id, min(written_seq) AS low, max(written_seq) AS high FROM new_rows GROUP BY merchant_id LOOP
    PERFORM pg_notify('history_written', json_build_object('merchant', written.merchant_id, 'low', written.low, 'high', written.high)::text);
  END LOOP;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "action_logs_written" AFTER INSERT ON "action_logs" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "history_written"();--> statement-breakpoint
CREATE TRIGGER "status_history_written" AFTER INSERT ON "status_history" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "history_written"();--> statement-breakpoint
CREATE TRIGGER "history_changes_written" AFTER INSERT ON "history_changes" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "history_written"();--> statement-breakpoint
CREATE TRIGGER "traces_written" AFTER INSERT ON "traces" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "history_written"();
