import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeConference, openConference, recordJoin, recordLeave, SIMULATED_MEDIA_SERVER } from '@/server/conferences/records';
import { db } from '@/server/db/client';
import { notifications, outboxMessages } from '@/server/db/schema';
import { outboxTransport } from '@/server/mail/outbox';
import { dispatchDue } from '@/server/notifications/dispatch';
import { deleteRoom, updateRoom } from '@/server/rooms/service';
import { updateTenant } from '@/server/tenants/service';
import { recordingByLink } from '@/server/recordings/links';
import { useTestDatabase } from '@/test/database';
import { readyRecording } from '@/test/recordings';
import { seedTenant, type SeededTenant } from '@/test/seed';

useTestDatabase();

const transport = outboxTransport('Conference <conference@localhost>');
const at = (iso: string) => new Date(iso);
const NOW = at('2026-05-01T12:00:00Z');
let fr: SeededTenant;
let en: SeededTenant;

/** A conference held in the room with these legs ([number, name, minutes in it]), then closed. */
async function held(t: SeededTenant, roomId: string | null, legs: [string | null, string | null, number][], mediaServer = 'fs-1') {
  const startedAt = at('2026-04-30T21:50:00Z');
  const id = await openConference({ tenantId: t.tenantId, kind: roomId ? 'room' : 'adhoc', roomId, roomNumber: roomId ? '6310' : null, organizerExtension: roomId ? null : '201', mediaServer, sipInstance: 'sip-1', mediaName: `m-${Math.random()}`, startedAt });
  for (const [i, [callerNumber, callerName, minutes]] of legs.entries()) {
    const leg = await recordJoin({ tenantId: t.tenantId, conferenceId: id, callId: `${id}-${i}`, callerNumber, callerName, role: i === 0 ? 'organizer' : 'participant', direction: 'inbound', joinedAt: startedAt });
    if (i > 0) await recordLeave(leg, new Date(startedAt.getTime() + minutes * 60_000), 'hangup');
  }
  await closeConference(id, new Date(startedAt.getTime() + Math.max(...legs.map((l) => l[2])) * 60_000), 'empty');
  return id;
}

const reportsOf = (conferenceId: string) => db().select().from(notifications).where(and(eq(notifications.kind, 'report'), eq(notifications.conferenceId, conferenceId)));
const mailsOf = (roomId: string) => db().select().from(outboxMessages).where(and(eq(outboxMessages.roomId, roomId), eq(outboxMessages.kind, 'report')));

beforeAll(async () => {
  fr = await seedTenant('Fr', { roomNumbers: ['6310', '6311'], now: NOW });
  en = await seedTenant('En', { roomNumbers: ['6312', '6313'], now: NOW });
  await updateTenant(en.admin.actor, { language: 'en' });
});

describe('the report email after a conference (H-5)', () => {
  it('goes once to the organizer, in French, with the participants, their times and the duration', async () => {
    const id = await held(fr, fr.roomIds[0], [['+33611111111', 'Zoë Éléonore', 30], [null, null, 12]]);
    // Closing again (a second sip process, a restart) writes nothing more.
    await closeConference(id, at('2026-05-01T08:00:00Z'), 'sip-restart');
    expect(await reportsOf(id)).toHaveLength(1);
    await dispatchDue({ transport, clock: () => NOW });
    await dispatchDue({ transport, clock: () => NOW });
    const mails = await mailsOf(fr.roomIds[0]);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.to).toBe(fr.admin.actor.email);
    expect(mail.subject).toBe('Compte rendu : Room Fr 1 — 30.04.2026 23:50');
    expect(mail.text).toContain('Zoë Éléonore — +33611111111 (organisateur) : de 23:50 à 00:20, 0:30:00');
    expect(mail.text).toContain('Numéro masqué (participant) : de 23:50 à 00:02, 0:12:00');
    expect(mail.text).toMatch(/Minutes-participant\s*:\s*42/);
    expect(mail.text).toMatch(/2 participants/i);
  });

  it('links to the recording (REC-2): a link without session, valid a week, that serves the MP3 once encoded', async () => {
    const startedAt = at('2026-04-30T10:00:00Z');
    const roomId = fr.roomIds[1];
    const id = await openConference({ tenantId: fr.tenantId, kind: 'room', roomId, roomNumber: '6311', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-1', mediaName: 'rec-report', startedAt });
    for (const [i, number] of ['+33611111111', '+33622222222'].entries())
      await recordJoin({ tenantId: fr.tenantId, conferenceId: id, callId: `${id}-${i}`, callerNumber: number, callerName: null, role: i === 0 ? 'organizer' : 'participant', direction: 'inbound', joinedAt: startedAt });
    await readyRecording(fr.tenantId, id, 2, startedAt);
    await closeConference(id, at('2026-04-30T10:05:00Z'), 'empty');
    await dispatchDue({ transport, clock: () => NOW });
    const [mail] = await mailsOf(roomId);
    const url = /https?:\/\/\S+\/api\/recordings\/[A-Za-z0-9_-]{43}/.exec(mail.html)![0];
    expect(mail.text).toContain("Écouter l'enregistrement 1");
    const token = url.split('/').pop()!;
    expect(await recordingByLink(token, at('2026-05-07T09:00:00Z'))).not.toBeNull();
    expect(await recordingByLink(token, at('2026-05-07T11:00:00Z'))).toBeNull();
  });

  it("is in the tenant's language, and goes to the room's own address when it names one", async () => {
    await updateRoom(en.admin.actor, en.roomIds[0], { reportRecipient: 'minutes@example.com' }, NOW);
    const id = await held(en, en.roomIds[0], [['+441234567', 'Ann', 5], ['+441234568', 'Bo', 3]]);
    // Deleting the room after the conference does not stop its report.
    await deleteRoom(en.admin.actor, en.roomIds[0], NOW);
    await dispatchDue({ transport, clock: () => NOW });
    const [mail] = await mailsOf(en.roomIds[0]);
    expect(mail).toMatchObject({ to: 'minutes@example.com', subject: expect.stringMatching(/^Report: Room En 1 — /) });
    expect(mail.text).toContain('Ann — +441234567 (organizer): from');
    expect(await reportsOf(id)).toMatchObject([{ status: 'sent' }]);
  });

  it('is not written for a room set to none, a lone participant, an ad-hoc call or a simulated call', async () => {
    await updateRoom(fr.admin.actor, fr.roomIds[1], { reportRecipient: 'none' }, NOW);
    const none = await held(fr, fr.roomIds[1], [['+33600000001', null, 5], ['+33600000002', null, 5]]);
    const alone = await held(fr, fr.roomIds[0], [['+33600000003', null, 5]]);
    const adhoc = await held(fr, null, [['201', null, 5], ['+33600000004', null, 5]]);
    const simulated = await held(fr, fr.roomIds[0], [['+33600000005', null, 5], ['+33600000006', null, 5]], SIMULATED_MEDIA_SERVER);
    for (const id of [none, alone, adhoc, simulated]) expect(await reportsOf(id)).toEqual([]);
  });

  it('is written for a lone caller when the room asks for it (reportWhenAlone)', async () => {
    await updateRoom(en.admin.actor, en.roomIds[1], { reportWhenAlone: true }, NOW);
    const alone = await held(en, en.roomIds[1], [['+441234999', 'Solo', 5]]);
    expect(await reportsOf(alone)).toHaveLength(1);
    await dispatchDue({ transport, clock: () => NOW });
    const [mail] = (await mailsOf(en.roomIds[1])).filter((m) => m.text.includes('+441234999'));
    expect(mail.text).toContain('Solo — +441234999 (organizer): from');
    // Set back, a lone caller gets none again.
    await updateRoom(en.admin.actor, en.roomIds[1], { reportWhenAlone: false }, NOW);
    expect(await reportsOf(await held(en, en.roomIds[1], [['+441234998', null, 5]]))).toEqual([]);
  });
});
