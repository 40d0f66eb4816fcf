-- pg_trgm sees only ASCII letters and digits as word characters in the C locale (PGlite's, and a
-- common server setting), so it would index no CJK text. ascii_spelled() spells every non-ASCII
-- character as five ASCII capitals (Z + four letters A-X for the BMP, Y + five beyond it); lowercase
-- text never holds capitals and codes never hold Y or Z inside, so a substring of the spelled text
-- matches exactly where the original matches, and pg_trgm indexes it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- btree_gin lets the trigram index lead with the merchant, so one merchant's search reads its own rows.
CREATE EXTENSION IF NOT EXISTS btree_gin;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ascii_spelled(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (
    SELECT coalesce(string_agg(
      CASE
        WHEN cp < 128 THEN c
        WHEN cp < 65536 THEN 'Z' || chr(65 + cp / 13824 % 24) || chr(65 + cp / 576 % 24) || chr(65 + cp / 24 % 24) || chr(65 + cp % 24)
        ELSE 'Y' || chr(65 + cp / 331776 % 24) || chr(65 + cp / 13824 % 24) || chr(65 + cp / 576 % 24) || chr(65 + cp / 24 % 24) || chr(65 + cp % 24)
      END, '' ORDER BY n), '')
    FROM (SELECT c, ascii(c) AS cp, n FROM unnest(string_to_array(t, NULL)) WITH ORDINALITY AS chars(c, n)) spelled
  );
