import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { notifications } from '@/server/db/schema';
import { resetEnvCache } from '@/server/lib/env';
import { runDueJobs } from '@/server/jobs/run-due';
import { dispatchDue } from '@/server/notifications/dispatch';
import { roomWithMembers, tenantWithOrganizer } from '@/server/notifications/fixtures';
import { sendInvitations } from '@/server/notifications/invite';
import { useTestDatabase } from '@/test/database';
import { mailTransportFromEnv } from './from-env';
import { resendTransport } from './resend';
import { startResendStandIn, type ResendStandIn } from './resend-stand-in';

useTestDatabase();

const MINUTE = 60_000;
const today = new Date(Date.UTC(2030, 2, 4, 9, 0));
const at = (base: Date, minutes: number) => () => new Date(base.getTime() + minutes * MINUTE);
let standIn: ResendStandIn;
let organizer: Actor;
let day = 0;

const people = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@example.test`, sendEmail: true }));

async function room(count: number) {
  const startsAt = new Date(today.getTime() + ++day * 24 * 60 * MINUTE);
  return { ...(await roomWithMembers(organizer, startsAt, people(count), today)), startsAt };
}

async function rowsOf(roomId: string) {
  return db().select().from(notifications).where(eq(notifications.roomId, roomId));
}

beforeAll(async () => {
  standIn = await startResendStandIn();
  process.env.RESEND_API_KEY = 're_stand_in';
  process.env.RESEND_BASE_URL = standIn.url;
  // Batching is tested with rooms of 149 members: above the spam limits' defaults (issue 13).
  process.env.ROOM_MEMBERS_MAX = '1000';
  process.env.INVITATION_EMAILS_PER_HOUR = '100000';
  resetEnvCache();
  ({ organizer } = await tenantWithOrganizer('en'));
});

afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  delete process.env.ROOM_MEMBERS_MAX;
  delete process.env.INVITATION_EMAILS_PER_HOUR;
  resetEnvCache();
  await standIn.close();
});

describe('Resend transport against a local stand-in of the Resend API (E-6)', () => {
  it('sends each invitation alone, with its .ics and an Idempotency-Key stable per notification', async () => {
    const { roomId } = await room(2);
    const before = standIn.deliveries.length;
    expect(await sendInvitations(organizer, roomId, () => today)).toEqual({ sent: 2 });

    const delivered = standIn.deliveries.slice(before);
    expect(delivered.map((d) => d.to[0]).sort()).toEqual(['p0@example.test', 'p1@example.test', organizer.email].sort());
    const ics = Buffer.from(delivered[0].attachments[0].content, 'base64').toString('utf8');
    expect(ics).toContain('METHOD:REQUEST');
    expect(delivered[0].attachments[0].content_type).toBe('text/calendar; charset=utf-8; method=REQUEST');
    const rows = await rowsOf(roomId);
    expect(delivered.map((d) => d.idempotencyKey).sort()).toEqual(rows.map((r) => `notification/${r.id}`).sort());
    expect(rows.every((r) => r.status === 'sent' && r.providerMessageId)).toBe(true);
  });

  it('waits out a 429 and repeats the same request under the same key: one email', async () => {
    const { roomId } = await room(1);
    const firstRequest = standIn.requests.length;
    standIn.failNext(1, 429, { 'retry-after': '1' });
    await sendInvitations(organizer, roomId, () => today);

    const calls = standIn.requests.slice(firstRequest);
    const [rateLimited] = calls;
    const retries = calls.filter((c) => c.idempotencyKey === rateLimited.idempotencyKey);
    expect(retries).toHaveLength(2);
    expect(standIn.deliveries.filter((d) => d.idempotencyKey === rateLimited.idempotencyKey)).toHaveLength(1);
    expect((await rowsOf(roomId)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('keeps a failed send pending with its error, then retries it after the back-off under the same key', async () => {
    const { roomId } = await room(1);
    standIn.failNext(2, 503);
    await sendInvitations(organizer, roomId, () => today);
    const failed = (await rowsOf(roomId)).filter((r) => r.status !== 'sent');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed[0].lastError).toContain('503');
    expect(failed[0].nextAttemptAt.getTime()).toBe(today.getTime() + 30_000);

    expect((await dispatchDue({ transport: mailTransportFromEnv(), clock: at(today, 0) })).sent).toBe(0);
    expect((await dispatchDue({ transport: mailTransportFromEnv(), clock: at(today, 1) })).sent).toBe(2);
    const keys = failed.map((r) => `notification/${r.id}`);
    expect(standIn.requests.filter((r) => keys.includes(r.idempotencyKey ?? ''))).toHaveLength(4);
    expect(standIn.deliveries.filter((d) => keys.includes(d.idempotencyKey ?? ''))).toHaveLength(2);
  });

  it('leaves a long rate limit to the back-off instead of waiting it out in the round', async () => {
    const transport = resendTransport({ apiKey: 're_stand_in', baseUrl: standIn.url, from: 'Conference <c@localhost>' });
    const email = { idempotencyKey: 'notification/limited', tenantId: organizer.tenantId, roomId: organizer.tenantId, kind: 'invitation' };
    const request = { key: email.idempotencyKey, emails: [{ ...email, to: 'limited@example.test', subject: 'S', html: '<p>L</p>', text: 'L', attachments: [] }] };
    standIn.failNext(1, 429, { 'retry-after': '120' });

    expect(await transport.send(request)).toEqual({ ok: false, retryable: true, error: expect.stringMatching(/rate limited for 1[12]\d s more/) });
    expect(await transport.send(request)).toMatchObject({ ok: false, retryable: true });
    expect(standIn.requests.filter((r) => r.idempotencyKey === 'notification/limited')).toHaveLength(1);
  });

  it('gives up on a request that hangs, as retryable, and the repeat under the same key sends one email', async () => {
    const transport = resendTransport({ apiKey: 're_stand_in', baseUrl: standIn.url, from: 'Conference <c@localhost>', requestTimeoutMs: 300 });
    const email = { idempotencyKey: 'notification/hanging', tenantId: organizer.tenantId, roomId: organizer.tenantId, kind: 'invitation' };
    const request = { key: email.idempotencyKey, emails: [{ ...email, to: 'hang@example.test', subject: 'S', html: '<p>H</p>', text: 'H', attachments: [] }] };
    void standIn.holdNext({ deliver: true });

    expect(await transport.send(request)).toMatchObject({ ok: false, retryable: true });
    expect(await transport.send(request)).toMatchObject({ ok: true });
    expect(standIn.deliveries.filter((d) => d.idempotencyKey === 'notification/hanging')).toHaveLength(1);
  });

  it('sends the reminders of a room through the batch endpoint, 100 at most per call', async () => {
    const { roomId, startsAt } = await room(149);
    await sendInvitations(organizer, roomId, () => today);
    const firstRequest = standIn.requests.length;
    const report = await runDueJobs(mailTransportFromEnv(), at(startsAt, -30));
    expect(report.sent).toBe(150);
    const calls = standIn.requests.slice(firstRequest);
    expect(calls.map((c) => c.path)).toEqual(['/emails/batch', '/emails/batch']);
    const reminders = standIn.deliveries.filter((d) => d.subject.includes('Reminder:') && calls.some((c) => c.idempotencyKey === d.idempotencyKey));
    expect(reminders).toHaveLength(150);
    expect(new Set(reminders.map((d) => d.to[0])).size).toBe(150);
  });
});
