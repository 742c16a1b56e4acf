ALTER TABLE "conferences" ADD COLUMN "paused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "join_leave_tones" boolean DEFAULT true NOT NULL;