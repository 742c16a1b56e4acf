CREATE TABLE "simulated_call_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sip_instance" text,
	"kind" text NOT NULL,
	"call_id" text,
	"args" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "simulated_call_requests_pending" ON "simulated_call_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "simulated_call_requests_call" ON "simulated_call_requests" USING btree ("call_id");