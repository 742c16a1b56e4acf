ALTER TABLE "conferences" ADD COLUMN "participant_count" integer;--> statement-breakpoint
ALTER TABLE "conferences" ADD COLUMN "participant_minutes" integer;--> statement-breakpoint
-- Conferences closed before this migration get their totals by the billing rule of
-- server/history/participant-minutes.ts as it stood then (per leg, whole seconds rounded up to the minute).
UPDATE "conferences" c SET "participant_count" = l.n, "participant_minutes" = l.m
FROM (
  SELECT p."conference_id", count(*)::int AS n,
    sum(ceil(greatest(0, floor(date_part('epoch', coalesce(p."left_at", c2."ended_at") - p."joined_at") + 0.5)) / 60))::int AS m
  FROM "participants" p JOIN "conferences" c2 ON c2."id" = p."conference_id"
  GROUP BY p."conference_id"
) l
WHERE l."conference_id" = c."id" AND c."ended_at" IS NOT NULL;--> statement-breakpoint
UPDATE "conferences" SET "participant_count" = 0, "participant_minutes" = 0 WHERE "ended_at" IS NOT NULL AND "participant_count" IS NULL;
