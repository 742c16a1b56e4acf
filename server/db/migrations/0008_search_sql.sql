-- Search that forgives accents, case and the way a number is written (issue 12 #9), in PostgreSQL:
-- unaccent and pg_trgm ship with PostgreSQL's contrib (and embedded-postgres), and are trusted
-- extensions, so the database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); with the dictionary named, it is safe
-- to index, as the unaccent documentation suggests.
CREATE OR REPLACE FUNCTION search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;--> statement-breakpoint
-- A phone number as people type it: its digits, and for an international number (+CC… or 00CC…)
-- the national forms with the trunk 0 for a country code of 1, 2 or 3 digits, so that "0612"
-- finds "+33 6 12 …" whatever the country.
CREATE OR REPLACE FUNCTION search_phone(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT CASE
      WHEN value ~ '^\s*(\+|00)' THEN
        concat_ws(' ', d, '0' || substr(d, 2), '0' || substr(d, 3), '0' || substr(d, 4))
      ELSE d
    END
    FROM (SELECT regexp_replace(regexp_replace(value, '^\s*00', '+'), '\D', '', 'g') AS d) AS digits
  $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS extensions_search_name ON extensions USING gin (search_text(name) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS extensions_search_email ON extensions USING gin (lower(email) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS directory_search_name ON directory_entries USING gin (search_text(name) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS directory_search_email ON directory_entries USING gin (lower(email) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS directory_search_number ON directory_entries USING gin (search_phone(number) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_search_name ON users USING gin (search_text(name) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS rooms_search_number ON rooms USING gin (room_number gin_trgm_ops);
