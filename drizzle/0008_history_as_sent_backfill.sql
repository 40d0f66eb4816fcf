-- Rows written before 0007 still hold the pack and every sender in their stored body.
UPDATE "history_changes" SET "pack" = "raw"->'pack'
WHERE "entity" = 'pack' AND jsonb_typeof("raw"->'pack') = 'object';
--> statement-breakpoint
UPDATE "traces" t SET "senders" = coalesce((
  SELECT jsonb_agg(jsonb_build_object(
    'personId', s->'pid', 'firstName', s->'pfname', 'lastName', s->'plname', 'companyId', s->'cid', 'companyName', s->'cname'
  ) ORDER BY n)
  FROM jsonb_array_elements(CASE jsonb_typeof(t."raw"->'sender')
    WHEN 'array' THEN t."raw"->'sender'
    WHEN 'object' THEN jsonb_build_array(t."raw"->'sender')
    ELSE '[]'::jsonb END) WITH ORDINALITY AS e(s, n)
  WHERE jsonb_typeof(s) = 'object'
), '[]'::jsonb)
WHERE "senders" IS NULL;
