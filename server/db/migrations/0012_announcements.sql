CREATE TABLE "tenant_announcements" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"object_key" text NOT NULL,
	"duration_ms" integer NOT NULL,
	"size_bytes" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_announcements" ADD CONSTRAINT "tenant_announcements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenants" DROP COLUMN "welcome_announcement";