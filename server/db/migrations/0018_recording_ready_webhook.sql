-- REC-1 / issue 10: a recording whose MP3 is stored writes a `recording-ready` conference event
-- (same transaction as the recording's state); the webhook outbox trigger now maps it to
-- `recording.ready`, so that delivery is as durable and ordered as the others.
CREATE OR REPLACE FUNCTION webhook_deliveries_for_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  hook text;
BEGIN
  hook := CASE NEW.kind
    WHEN 'conference-started' THEN 'conference.started'
    WHEN 'conference-ended' THEN 'conference.ended'
    WHEN 'participant-joined' THEN 'participant.joined'
    WHEN 'participant-left' THEN 'participant.left'
    WHEN 'participant-updated' THEN 'participant.muted'
    WHEN 'recording-ready' THEN 'recording.ready'
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
