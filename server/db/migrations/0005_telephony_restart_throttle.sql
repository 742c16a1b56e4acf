ALTER TABLE "pin_attempts" ALTER COLUMN "room_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "sip_dialog_id" text;--> statement-breakpoint
ALTER TABLE "pin_attempts" ADD COLUMN "kind" text DEFAULT 'pin' NOT NULL;--> statement-breakpoint
CREATE INDEX "pin_attempts_caller_time" ON "pin_attempts" USING btree ("tenant_id","caller_number","attempted_at");