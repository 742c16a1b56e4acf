import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { notifications, rooms, type NotificationKind } from '@/server/db/schema';
import { startResendStandIn, type ResendStandIn } from '@/server/mail/resend-stand-in';
import { useTestDatabase } from '@/test/database';
import { createNotifications } from './create';
import { roomFacts } from './facts';
import { roomWithMembers, tenantWithOrganizer } from './fixtures';

const database = useTestDatabase();

const today = new Date(Date.UTC(2030, 5, 3, 7, 0));
const childScript = path.join(import.meta.dirname, 'dispatcher.child.ts');
let standIn: ResendStandIn;
let organizer: Actor;
let day = 0;

/** Due rows for one room: an invitation each (sent alone) and a reminder each (sent as one batch). */
async function dueRoom(size: number): Promise<string> {
  const people = Array.from({ length: size }, (_, i) => ({ name: `P${i}`, email: `p${i}.${day}@example.test`, sendEmail: true }));
  const startsAt = new Date(today.getTime() + ++day * 86_400_000);
  const { roomId } = await roomWithMembers(organizer, startsAt, people, today);
  const [room] = await db().select().from(rooms).where(eq(rooms.id, roomId));
  const facts = (await roomFacts(db(), [room])).get(roomId)!;
  const recipients = people.map((p) => ({ memberId: null, name: p.name, email: p.email }));
  const draft = (kind: NotificationKind) => ({ tenantId: room.tenantId, roomId, kind, facts, recipients });
  await createNotifications(db(), [draft('invitation'), draft('reminder-30')], today);
  return roomId;
}

function startDispatcher(extraEnv: Record<string, string> = {}): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    env: {
      ...process.env,
      DATABASE_URL: database.url(),
      RESEND_API_KEY: 're_stand_in',
      RESEND_BASE_URL: standIn.url,
      DISPATCH_NOW: today.toISOString(),
      LOG_LEVEL: 'silent',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, out }))) };
}

/** Long enough for a second dispatcher process to start and find the claim still held, even on a busy machine. */
const LEASE_MS = 20_000;

async function leasesOver(roomIds: string[]): Promise<void> {
  for (;;) {
    const [{ live }] = await db()
      .select({ live: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(inArray(notifications.roomId, roomIds), sql`${notifications.leaseUntil} > clock_timestamp()`));
    if (live === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function statusesOf(roomIds: string[]) {
  return db().select({ id: notifications.id, status: notifications.status }).from(notifications).where(inArray(notifications.roomId, roomIds));
}

/** Emails delivered per recipient and subject: exactly once means every count is 1. */
function deliveryCounts(): number[] {
  const counts = new Map<string, number>();
  for (const d of standIn.deliveries) counts.set(`${d.to[0]}|${d.subject}`, (counts.get(`${d.to[0]}|${d.subject}`) ?? 0) + 1);
  return [...counts.values()];
}

beforeAll(async () => {
  standIn = await startResendStandIn();
  ({ organizer } = await tenantWithOrganizer('fr'));
});

afterAll(() => standIn.close());

describe('exactly once (M-4, E-6)', () => {
  it('three dispatcher processes started at once on the same due rows send each email once', async () => {
    const roomIds = [await dueRoom(15), await dueRoom(15), await dueRoom(15)];
    const before = standIn.deliveries.length;

    const results = await Promise.all([startDispatcher(), startDispatcher(), startDispatcher()].map((d) => d.done));

    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const reports = results.map((r) => JSON.parse(r.out) as { sent: number });
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(90);
    expect(standIn.deliveries.length - before).toBe(90);
    expect(deliveryCounts().every((n) => n === 1)).toBe(true);
    expect((await statusesOf(roomIds)).every((r) => r.status === 'sent')).toBe(true);
  }, 60_000);

  it.each([
    ['after Resend accepted the request (the answer is lost)', true],
    ['before the request reached Resend', false],
  ])('a dispatcher killed with SIGKILL %s loses nothing and duplicates nothing', async (_, delivered) => {
    const roomIds = [await dueRoom(4)];
    const before = standIn.deliveries.length;
    const held = standIn.holdNext({ deliver: delivered });

    const doomed = startDispatcher({ DISPATCH_LEASE_MS: String(LEASE_MS) });
    await held;
    doomed.child.kill('SIGKILL');
    await doomed.done;
    expect((await statusesOf(roomIds)).some((r) => r.status === 'sending')).toBe(true);

    // Before the lease ends nobody takes the claim over; after it, the next dispatcher does.
    const tooEarly = await startDispatcher().done;
    expect((await statusesOf(roomIds)).some((r) => r.status === 'sending')).toBe(true);
    await leasesOver(roomIds);
    const survivor = await startDispatcher().done;

    expect([tooEarly.code, survivor.code]).toEqual([0, 0]);
    expect((await statusesOf(roomIds)).every((r) => r.status === 'sent')).toBe(true);
    expect(standIn.deliveries.length - before).toBe(8);
    expect(deliveryCounts().every((n) => n === 1)).toBe(true);
  }, 60_000);

  it.each([
    ['after Resend accepted the request', true],
    ['before the request reached Resend', false],
  ])('a worker killed mid-batch %s sends the rest as soon as it restarts, not after its 5-minute lease, and nothing twice (issue 13)', async (_, delivered) => {
    const roomIds = [await dueRoom(4)];
    const before = standIn.deliveries.length;
    const held = standIn.holdNext({ deliver: delivered });
    const worker = { DISPATCH_CLAIMANT: `worker-${delivered}`, DISPATCH_LEASE_MS: String(5 * 60_000) };

    const doomed = startDispatcher(worker);
    await held;
    doomed.child.kill('SIGKILL');
    await doomed.done;
    expect((await statusesOf(roomIds)).some((r) => r.status === 'sending')).toBe(true);

    // Another worker leaves the claim alone: its owner may be alive and slow.
    await startDispatcher({ DISPATCH_CLAIMANT: 'another-worker' }).done;
    expect((await statusesOf(roomIds)).some((r) => r.status === 'sending')).toBe(true);

    const restarted = await startDispatcher({ ...worker, DISPATCH_RECLAIM: '1' }).done;
    expect(restarted.code).toBe(0);
    expect((await statusesOf(roomIds)).every((r) => r.status === 'sent')).toBe(true);
    expect(standIn.deliveries.length - before).toBe(8);
    expect(deliveryCounts().every((n) => n === 1)).toBe(true);
  }, 60_000);
});
