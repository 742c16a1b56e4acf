import { and, eq } from 'drizzle-orm';
import ical from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { notifications, outboxMessages } from '@/server/db/schema';
import { ForbiddenError, NotFoundError } from '@/server/lib/errors';
import { runDueJobs } from '@/server/jobs/run-due';
import { outboxTransport } from '@/server/mail/outbox';
import { addMember, removeMember } from '@/server/members/service';
import { deleteRoom, updateRoom } from '@/server/rooms/service';
import { useTestDatabase } from '@/test/database';
import { dispatchDue } from './dispatch';
import { roomWithMembers, tenantWithOrganizer } from './fixtures';
import { sendInvitations } from './invite';
import { invitationOverview } from './overview';
import { planDueReminders } from './reminders';

useTestDatabase();

const MINUTE = 60_000;
const transport = outboxTransport('Conference <conference@localhost>');
const clockAt = (date: Date) => () => date;
const minutesFrom = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MINUTE);

let organizer: Actor;
let subscriber: Actor;
let stranger: Actor;
const today = new Date(Date.UTC(2030, 0, 10, 8, 0));

const people = [
  { name: 'Bob', email: 'bob@example.test', sendEmail: true },
  { name: 'Carol', email: 'carol@example.test', sendEmail: true },
  { name: 'Dan', email: 'dan@example.test', sendEmail: false },
];

async function outboxOf(roomId: string) {
  return db().select().from(outboxMessages).where(eq(outboxMessages.roomId, roomId)).orderBy(outboxMessages.createdAt);
}

async function kindsSentTo(roomId: string, email: string) {
  const rows = await db()
    .select({ kind: notifications.kind, version: notifications.roomVersion })
    .from(notifications)
    .where(and(eq(notifications.roomId, roomId), eq(notifications.recipientEmail, email), eq(notifications.status, 'sent')))
    .orderBy(notifications.roomVersion, notifications.createdAt);
  return rows.map((r) => `${r.kind}@${r.version}`);
}

/** Each room starts on a day of its own, so that the jobs run for one test never reach another's. */
let day = 0;
const nextDay = () => minutesFrom(today, ++day * 24 * 60);

/** A room invited today, starting on a day of its own. */
async function invitedRoom(startsAt = nextDay()) {
  const room = await roomWithMembers(organizer, startsAt, people, today);
  await sendInvitations(organizer, room.roomId, clockAt(today));
  return { ...room, startsAt };
}

beforeAll(async () => {
  ({ organizer, subscriber } = await tenantWithOrganizer('fr'));
  ({ organizer: stranger } = await tenantWithOrganizer('en'));
});

describe('Send invitation (M-3, M-5)', () => {
  it('emails members who want emails, copies the organizer, and never invites anyone twice', async () => {
    const { roomId } = await roomWithMembers(organizer, nextDay(), people, today);

    expect(await sendInvitations(organizer, roomId, clockAt(today))).toEqual({ sent: 2 });
    const first = await outboxOf(roomId);
    expect(first.map((m) => m.to).sort()).toEqual(['bob@example.test', 'carol@example.test', organizer.email]);
    expect(first.every((m) => m.kind === 'invitation' && m.attachments[0].filename === 'invite.ics')).toBe(true);
    expect(first.find((m) => m.to === organizer.email)!.subject).toMatch(/^\[Copie\] Invitation : Weekly sync/);

    expect(await sendInvitations(organizer, roomId, clockAt(today))).toEqual({ sent: 0 });
    await addMember(organizer, roomId, { source: 'name', name: 'Erin', email: 'Erin@Example.test', sendEmail: true });
    expect(await sendInvitations(organizer, roomId, clockAt(today))).toEqual({ sent: 1 });
    const all = await outboxOf(roomId);
    expect(all).toHaveLength(4);
    expect(all.at(-1)!.to).toBe('erin@example.test');
  });

  it('shows on the room page how many a press would invite, then who was invited and which reminders left', async () => {
    const startsAt = nextDay();
    const { roomId } = await roomWithMembers(organizer, startsAt, people, today);
    expect(await invitationOverview(organizer, roomId)).toMatchObject({ toInvite: 2, copyPending: true });

    await sendInvitations(organizer, roomId, clockAt(today));
    await runDueJobs(transport, clockAt(minutesFrom(startsAt, -30)));
    const after = await invitationOverview(subscriber, roomId);
    expect(after).toMatchObject({ toInvite: 0, copyPending: false });
    const byName = Object.fromEntries(after.recipients.map((r) => [r.memberId ? r.name : 'organizer', r]));
    expect(byName.Bob).toMatchObject({ invitation: { status: 'sent', sentAt: today.toISOString() }, remindersSent: ['reminder-30'] });
    expect(byName.Dan).toMatchObject({ sendEmail: false, invitation: null, remindersSent: [] });
    expect(byName.organizer.invitation?.status).toBe('sent');
    await expect(invitationOverview(stranger, roomId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('is refused to a subscriber who does not organize the room, and unknown to another tenant', async () => {
    const { roomId } = await roomWithMembers(organizer, nextDay(), people, today);
    await expect(sendInvitations(subscriber, roomId, clockAt(today))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(sendInvitations(stranger, roomId, clockAt(today))).rejects.toBeInstanceOf(NotFoundError);
    await expect(sendInvitations(organizer, 'not-a-room', clockAt(today))).rejects.toBeInstanceOf(NotFoundError);
    expect(await outboxOf(roomId)).toHaveLength(0);
  });
});

describe('reminders (M-4)', () => {
  it('exist only once the invitation was sent', async () => {
    const startsAt = nextDay();
    const { roomId } = await roomWithMembers(organizer, startsAt, people, today);
    await runDueJobs(transport, clockAt(minutesFrom(startsAt, -30)));
    await runDueJobs(transport, clockAt(minutesFrom(startsAt, -15)));
    expect(await outboxOf(roomId)).toHaveLength(0);
  });

  it('go out 30 and 15 minutes before the start, each once, to everyone invited', async () => {
    const { roomId, startsAt } = await invitedRoom();
    const run = (minutes: number) => runDueJobs(transport, clockAt(minutesFrom(startsAt, minutes)));

    expect((await run(-31)).sent).toBe(0);
    expect((await run(-30)).sent).toBe(3);
    expect((await run(-29)).sent).toBe(0);
    expect((await run(-15)).sent).toBe(3);
    expect((await run(-14)).sent).toBe(0);
    expect(await kindsSentTo(roomId, 'bob@example.test')).toEqual(['invitation@1', 'reminder-30@1', 'reminder-15@1']);
    expect(await kindsSentTo(roomId, 'dan@example.test')).toEqual([]);
    expect(await kindsSentTo(roomId, organizer.email)).toEqual(['invitation@1', 'reminder-30@1', 'reminder-15@1']);
  });

  it('are not sent to a member removed since the invitation, nor is the update (M-2)', async () => {
    const { roomId, startsAt, memberIds } = await invitedRoom();
    await removeMember(organizer, roomId, memberIds[0]);
    await runDueJobs(transport, clockAt(minutesFrom(startsAt, -30)));
    expect(await kindsSentTo(roomId, 'bob@example.test')).toEqual(['invitation@1']);
    expect(await kindsSentTo(roomId, 'carol@example.test')).toEqual(['invitation@1', 'reminder-30@1']);

    await updateRoom(organizer, roomId, { startsAt: minutesFrom(startsAt, 60).toISOString() }, minutesFrom(startsAt, -29));
    await dispatchDue({ transport, clock: clockAt(minutesFrom(startsAt, -29)) });
    expect(await kindsSentTo(roomId, 'bob@example.test')).toEqual(['invitation@1']);
    expect(await kindsSentTo(roomId, 'carol@example.test')).toEqual(['invitation@1', 'reminder-30@1', 'update@2']);
  });

  it('catch up after a worker outage, late rather than never, the older reminder superseded', async () => {
    const { roomId, startsAt } = await invitedRoom();
    expect((await runDueJobs(transport, clockAt(minutesFrom(startsAt, 3)))).sent).toBe(3);
    expect(await kindsSentTo(roomId, 'carol@example.test')).toEqual(['invitation@1', 'reminder-15@1']);
  });

  it('are never sent after the window closed, not even one planned before', async () => {
    const { roomId, startsAt } = await invitedRoom();
    expect((await runDueJobs(transport, clockAt(minutesFrom(startsAt, 60)))).sent).toBe(0);

    await planDueReminders(minutesFrom(startsAt, -16));
    const report = await dispatchDue({ transport, clock: clockAt(minutesFrom(startsAt, 60)) });
    expect(report).toMatchObject({ sent: 0, skipped: 3 });
    expect(await kindsSentTo(roomId, 'bob@example.test')).toEqual(['invitation@1']);
  });
});

const eventOf = (ics: string) => Object.values(ical.sync.parseICS(ics)).find((c) => c?.type === 'VEVENT')!;

describe('changes of a printed fact (E-3)', () => {
  it.each([
    ['the PIN', { pin: '654321' }, 'Code PIN : 123456 → 654321'],
    ['the room number', { roomNumber: '99887766' }, '→ 99887766'],
    ['the name', { name: 'Comité de pilotage' }, 'Nom : Weekly sync → Comité de pilotage'],
    ['the description', { description: 'Ordre du jour en pièce jointe' }, 'Description : aucun → Ordre du jour en pièce jointe'],
    ['the duration', { durationMinutes: 30 }, 'Durée : 60 minutes → 30 minutes'],
  ])('a change of %s sends the update, old → new, with the same UID and a higher SEQUENCE, to everyone invited', async (_what, change, line) => {
    const { roomId } = await invitedRoom();
    await updateRoom(organizer, roomId, change, today);
    await dispatchDue({ transport, clock: clockAt(today) });

    const updates = (await outboxOf(roomId)).filter((m) => m.kind === 'update');
    expect(updates.map((m) => m.to).sort()).toEqual(['bob@example.test', 'carol@example.test', organizer.email]);
    expect(updates[0].text).toContain('Ce qui change');
    expect(updates[0].text).toContain(line);
    const invitation = (await outboxOf(roomId)).find((m) => m.kind === 'invitation')!;
    const [before, after] = [invitation, updates[0]].map((m) => eventOf(m.attachments[0].content));
    expect(after.uid).toBe(before.uid);
    expect([before.sequence, after.sequence]).toEqual([1, 2]);
    expect(await kindsSentTo(roomId, 'dan@example.test')).toEqual([]);
  });

  it('sends nothing when nothing printed in the invitation changed', async () => {
    const { roomId } = await invitedRoom();
    const room = await updateRoom(organizer, roomId, { moderatorPin: '24680', name: 'Weekly sync', enterMuted: true }, today);
    await dispatchDue({ transport, clock: clockAt(today) });
    expect(room.scheduleVersion).toBe(1);
    expect((await outboxOf(roomId)).filter((m) => m.kind === 'update')).toHaveLength(0);
  });

  it('hands the changes of an update that never left on to the next one', async () => {
    const { roomId } = await invitedRoom();
    await updateRoom(organizer, roomId, { pin: '111111' }, today);
    await updateRoom(organizer, roomId, { pin: '222222', name: 'Revue' }, today);
    await dispatchDue({ transport, clock: clockAt(today) });
    const updates = (await outboxOf(roomId)).filter((m) => m.kind === 'update' && m.to === 'bob@example.test');
    expect(updates).toHaveLength(1);
    expect(updates[0].text).toContain('Code PIN : 123456 → 222222');
    expect(updates[0].text).toContain('Nom : Weekly sync → Revue');
    expect(eventOf(updates[0].attachments[0].content).sequence).toBe(3);
  });

  it('gives the reminders the new facts', async () => {
    const { roomId, startsAt } = await invitedRoom();
    const changeAt = minutesFrom(startsAt, -40);
    await updateRoom(organizer, roomId, { pin: '97531' }, changeAt);
    await dispatchDue({ transport, clock: clockAt(changeAt) });
    await runDueJobs(transport, clockAt(minutesFrom(startsAt, -30)));
    const reminder = (await outboxOf(roomId)).find((m) => m.kind === 'reminder-30' && m.to === 'bob@example.test')!;
    expect(reminder.text).toContain('Code PIN : 97531');
    expect(reminder.text).not.toContain('123456');
    expect(await kindsSentTo(roomId, 'bob@example.test')).toEqual(['invitation@1', 'update@2', 'reminder-30@2']);
  });
});

describe('reschedule and deletion (R-7, E-3, E-4)', () => {
  it('sends an update with the same UID and a higher SEQUENCE, and re-plans the reminders', async () => {
    const { roomId, startsAt } = await invitedRoom();
    await planDueReminders(minutesFrom(startsAt, -30));
    const later = minutesFrom(startsAt, 120);
    const moveAt = minutesFrom(startsAt, -29);
    await updateRoom(organizer, roomId, { startsAt: later.toISOString() }, moveAt);
    await dispatchDue({ transport, clock: clockAt(moveAt) });

    const updates = (await outboxOf(roomId)).filter((m) => m.kind === 'update');
    expect(updates.map((m) => m.to).sort()).toEqual(['bob@example.test', 'carol@example.test', organizer.email]);
    const invitation = (await outboxOf(roomId)).find((m) => m.kind === 'invitation')!;
    const toBob = updates.find((m) => m.to === 'bob@example.test')!;
    const [before, after] = [invitation, toBob].map((m) => Object.values(ical.sync.parseICS(m.attachments[0].content)).find((c) => c?.type === 'VEVENT')!);
    expect(after.uid).toBe(before.uid);
    expect([before.sequence, after.sequence]).toEqual([1, 2]);
    expect(toBob.text).toContain('a modifié la conférence');

    // The reminder of the old time never leaves; the new time gets its own.
    expect(await kindsSentTo(roomId, 'bob@example.test')).toEqual(['invitation@1', 'update@2']);
    await runDueJobs(transport, clockAt(minutesFrom(later, -30)));
    expect(await kindsSentTo(roomId, 'bob@example.test')).toEqual(['invitation@1', 'update@2', 'reminder-30@2']);
  });

  it('never sends a reminder of the old time that was in flight when the room was rescheduled', async () => {
    const { roomId, startsAt } = await invitedRoom();
    await planDueReminders(minutesFrom(startsAt, -30));
    // A dispatcher had claimed the reminders and died; its lease is over.
    await db()
      .update(notifications)
      .set({ status: 'sending', leaseUntil: new Date(Date.now() - 1000) })
      .where(and(eq(notifications.roomId, roomId), eq(notifications.kind, 'reminder-30')));
    await updateRoom(organizer, roomId, { startsAt: minutesFrom(startsAt, 180).toISOString() }, minutesFrom(startsAt, -29));

    await dispatchDue({ transport, clock: clockAt(minutesFrom(startsAt, -29)) });
    expect(await kindsSentTo(roomId, 'bob@example.test')).toEqual(['invitation@1', 'update@2']);
    const [stale] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.roomId, roomId), eq(notifications.kind, 'reminder-30'), eq(notifications.recipientEmail, 'bob@example.test')));
    expect(stale).toMatchObject({ status: 'cancelled', lastError: expect.stringContaining('superseded') });
  });

  it('lets a new member be invited to the new time on the next press (M-5)', async () => {
    const { roomId, startsAt } = await invitedRoom();
    await updateRoom(organizer, roomId, { startsAt: minutesFrom(startsAt, 60).toISOString() }, today);
    await addMember(organizer, roomId, { source: 'name', name: 'Fay', email: 'fay@example.test', sendEmail: true });
    expect(await sendInvitations(organizer, roomId, clockAt(today))).toEqual({ sent: 1 });
    expect(await kindsSentTo(roomId, 'bob@example.test')).toEqual(['invitation@1', 'update@2']);
  });

  it('sends a cancellation (METHOD:CANCEL, SEQUENCE above the last update) to everyone invited when the room is deleted (E-4)', async () => {
    const { roomId } = await invitedRoom();
    await updateRoom(organizer, roomId, { name: 'Weekly sync (moved)' }, today);
    await deleteRoom(organizer, roomId, today);
    await dispatchDue({ transport, clock: clockAt(today) });
    const cancellations = (await outboxOf(roomId)).filter((m) => m.kind === 'cancellation');
    expect(cancellations.map((m) => m.to).sort()).toEqual(['bob@example.test', 'carol@example.test', organizer.email]);
    expect(cancellations[0].attachments[0].content).toContain('METHOD:CANCEL');
    expect(cancellations[0].subject).toMatch(/^(\[Copie\] )?Annulée : Weekly sync \(moved\)/);
    const sequences = (await outboxOf(roomId)).map((m) => [m.kind, eventOf(m.attachments[0].content).sequence]);
    expect(sequences.filter(([kind]) => kind === 'invitation').every(([, seq]) => seq === 1)).toBe(true);
    expect(sequences.filter(([kind]) => kind === 'cancellation').every(([, seq]) => seq === 3)).toBe(true);
  });

  it('sends nothing when a room that was never invited is deleted', async () => {
    const { roomId } = await roomWithMembers(organizer, minutesFrom(today, 600), people, today);
    await deleteRoom(organizer, roomId, today);
    expect((await dispatchDue({ transport, clock: clockAt(today) })).sent).toBe(0);
    expect(await outboxOf(roomId)).toHaveLength(0);
  });
});
