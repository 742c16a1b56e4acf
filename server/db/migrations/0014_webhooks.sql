CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"conference_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"claimed_by" text,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_deliveries_once" UNIQUE("endpoint_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"last_delivered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_order" ON "webhook_deliveries" USING btree ("endpoint_id","conference_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_tenant" ON "webhook_endpoints" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "conferences_tenant_running" ON "conferences" USING btree ("tenant_id") WHERE ended_at is null;--> statement-breakpoint
-- Webhook deliveries are written by the same transaction that writes the conference event
-- (issue 10): no cursor to race, nothing lost if a worker is down, nothing written for an
-- event that rolled back. participant.muted fires when a participant's muted flag changes
-- (either way), compared with that participant's previous event.
CREATE FUNCTION webhook_deliveries_for_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  hook text;
BEGIN
  hook := CASE NEW.kind
    WHEN 'conference-started' THEN 'conference.started'
    WHEN 'conference-ended' THEN 'conference.ended'
    WHEN 'participant-joined' THEN 'participant.joined'
    WHEN 'participant-left' THEN 'participant.left'
    WHEN 'participant-updated' THEN 'participant.muted'
    ELSE NULL END;
  IF hook IS NULL OR NOT EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.tenant_id = NEW.tenant_id AND hook = ANY (e.events)) THEN
    RETURN NULL;
  END IF;
  IF NEW.kind = 'participant-updated' AND (NEW.payload -> 'participant' ->> 'muted') IS NOT DISTINCT FROM (
    SELECT p.payload -> 'participant' ->> 'muted' FROM conference_events p
    WHERE p.conference_id = NEW.conference_id AND p.id < NEW.id
      AND p.kind IN ('participant-joined', 'participant-updated')
      AND p.payload -> 'participant' ->> 'id' = NEW.payload -> 'participant' ->> 'id'
    ORDER BY p.id DESC LIMIT 1) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, conference_id, type, next_attempt_at, created_at)
  SELECT NEW.tenant_id, e.id, NEW.id, NEW.conference_id, hook, now(), now()
  FROM webhook_endpoints e WHERE e.tenant_id = NEW.tenant_id AND hook = ANY (e.events)
  ON CONFLICT DO NOTHING;
  PERFORM pg_notify('webhook_deliveries', NEW.tenant_id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conference_events_webhooks AFTER INSERT ON conference_events FOR EACH ROW EXECUTE FUNCTION webhook_deliveries_for_event();
