import http from 'node:http';
import https from 'node:https';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { db } from '@/server/db/client';
import type { WebhookEventType } from '@/server/db/schema';
import { publicOnlyLookup } from './address';

/**
 * The webhook outbox (issue 10), run by the worker: due deliveries are claimed with SKIP LOCKED
 * under a lease (two workers never send the same row at once), sent signed per Standard
 * Webhooks, and retried with back-off. Within one endpoint and conference they go out in event
 * order: a delivery waits while an earlier one of the same conference is still pending. A retry
 * keeps its `webhook-id`, so a receiver that got an attempt whose answer was lost drops the copy.
 */
/** NOTIFYed by the migration's trigger (0014_webhooks) each time it writes deliveries. */
export const WEBHOOKS_CHANNEL = 'webhook_deliveries';
const LEASE_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;
const BATCH = 50;
/** Back-off after the 1st, 2nd… failed attempt; then every 10 minutes, so a receiver back after an hour waits at most that. */
const BACKOFF_MS = [30_000, 60_000, 120_000, 300_000, 600_000];
/** After three days of failures a delivery is given up (status failed, its error kept), so that later ones go on. */
const GIVE_UP_MS = 72 * 3_600_000;
const MAX_ERROR_LENGTH = 500;

export const retryDelay = (attempts: number) => BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1];

type Claimed = {
  id: string;
  endpoint_id: string;
  type: WebhookEventType;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
  conference_id: string;
  room_id: string | null;
  room_number: string | null;
  started_at: Date;
  kind: string;
  payload: Record<string, unknown>;
  at: Date;
};

export interface DeliveryReport {
  delivered: number;
  failed: number;
}

export async function deliverDueWebhooks(options: { now: () => Date; claimant: string; allowPrivate: boolean }): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, failed: 0 };
  // Each round sends at most one delivery per endpoint and conference (order); rounds go on while there are some.
  for (let round = 0; round < 1000; round++) {
    const claimed = await claimDue(options.now(), options.claimant);
    if (claimed.length === 0) break;
    const outcomes = await Promise.all(claimed.map((delivery) => attempt(delivery, options)));
    for (const ok of outcomes) if (ok) report.delivered++;
    else report.failed++;
  }
  return report;
}

async function claimDue(now: Date, claimant: string): Promise<Claimed[]> {
  const rows = await db().execute<Claimed>(sql`
    with due as (
      select d.id from webhook_deliveries d
      where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
        and (d.lease_until is null or d.lease_until < clock_timestamp())
        and not exists (
          select 1 from webhook_deliveries e
          where e.endpoint_id = d.endpoint_id and e.conference_id = d.conference_id and e.status = 'pending' and e.event_id < d.event_id)
      order by d.event_id
      limit ${BATCH}
      for update skip locked
    ), claimed as (
      update webhook_deliveries w
      set lease_until = clock_timestamp() + ${LEASE_MS} * interval '1 millisecond', claimed_by = ${claimant}, attempts = w.attempts + 1
      from due where w.id = due.id
      returning w.*
    )
    select c.id, c.endpoint_id, c.type, c.attempts, c.created_at, e.url, e.secret,
      c.conference_id, conf.room_id, conf.room_number, conf.started_at, ev.kind, ev.payload, ev.at
    from claimed c
    join webhook_endpoints e on e.id = c.endpoint_id
    join conference_events ev on ev.id = c.event_id
    join conferences conf on conf.id = c.conference_id`);
  return [...rows].map((r) => ({ ...r, created_at: new Date(r.created_at), started_at: new Date(r.started_at), at: new Date(r.at) }));
}

/** The body receivers get: `{ type, timestamp, data }` (Standard Webhooks). */
export function webhookBody(d: Pick<Claimed, 'type' | 'conference_id' | 'room_id' | 'room_number' | 'started_at' | 'payload' | 'at'>): string {
  const conference = { conferenceId: d.conference_id, roomId: d.room_id, roomNumber: d.room_number };
  let data: Record<string, unknown>;
  if (d.type === 'conference.started') data = { ...conference, startedAt: d.started_at.toISOString() };
  else if (d.type === 'conference.ended') data = { ...conference, endedAt: d.payload.endedAt ?? d.at.toISOString(), reason: d.payload.reason ?? null };
  else if (d.type === 'recording.ready') data = { ...conference, recording: d.payload.recording };
  else data = { ...conference, participant: d.payload.participant, ...(d.type === 'participant.left' ? { reason: d.payload.reason ?? null } : {}) };
  return JSON.stringify({ type: d.type, timestamp: d.at.toISOString(), data });
}

async function attempt(d: Claimed, options: { now: () => Date; allowPrivate: boolean }): Promise<boolean> {
  const body = webhookBody(d);
  const sentAt = options.now();
  const messageId = `msg_${d.id}`;
  const signature = new Webhook(d.secret).sign(messageId, sentAt, body);
  const error = await post(d.url, body, { 'webhook-id': messageId, 'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)), 'webhook-signature': signature }, options.allowPrivate);
  const at = options.now();
  if (error === null) {
    await db().execute(sql`
      with done as (
        update webhook_deliveries set status = 'delivered', delivered_at = ${at.toISOString()}::timestamptz, lease_until = null, last_error = null
        where id = ${d.id}::uuid returning endpoint_id)
      update webhook_endpoints set last_delivered_at = ${at.toISOString()}::timestamptz, last_error = null, last_error_at = null
      where id = (select endpoint_id from done)`);
    return true;
  }
  const message = error.slice(0, MAX_ERROR_LENGTH);
  const giveUp = at.getTime() - d.created_at.getTime() >= GIVE_UP_MS;
  const retryAt = new Date(at.getTime() + retryDelay(d.attempts));
  await db().execute(sql`
    with failed as (
      update webhook_deliveries set status = ${giveUp ? 'failed' : 'pending'}, next_attempt_at = ${retryAt.toISOString()}::timestamptz,
        lease_until = null, last_error = ${message}
      where id = ${d.id}::uuid returning endpoint_id)
    update webhook_endpoints set last_error = ${message}, last_error_at = ${at.toISOString()}::timestamptz
    where id = (select endpoint_id from failed)`);
  return false;
}

/** null when the receiver answered 2xx; otherwise what went wrong, as the portal shows it. */
function post(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<string | null> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'conference-bridge-webhooks' },
        timeout: REQUEST_TIMEOUT_MS,
        ...(allowPrivate ? {} : { lookup: publicOnlyLookup as never }),
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? null : `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on('error', (error) => resolve(error.message || String(error)));
    request.end(body);
  });
}
