ALTER TABLE "rooms" ADD COLUMN "search_name" text GENERATED ALWAYS AS (search_text(name)) STORED;--> statement-breakpoint
CREATE INDEX "rooms_tenant_organizer" ON "rooms" USING btree ("tenant_id","organizer_id");--> statement-breakpoint
CREATE INDEX "rooms_search_name" ON "rooms" USING gin ("search_name" gin_trgm_ops);