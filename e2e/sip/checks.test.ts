import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeConference, openConference, recordJoin, recordLeave } from '@/server/conferences/records';
import { recordingStarted, recordingStopped } from '@/server/recordings/service';
import { db } from '@/server/db/client';
import { conferences, participants, pinAttempts } from '@/server/db/schema';
import { seedRoom, seedTenant } from '@/sip/testing/fixtures';
import { useTestDatabase } from '@/test/database';
import * as records from './checks';

/** The SIPp cases' database checks, on records written through the services the sip process uses. */
useTestDatabase();

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let roomId: string;

beforeEach(async () => {
  tenant = await seedTenant();
  roomId = (await seedRoom(tenant, { roomNumber: String(4000 + Math.floor(Math.random() * 5000)), startsAt: t0, pin: '1357', moderatorPin: '8642' })).id;
});

async function conference(startedAt = at(0)) {
  return openConference({ tenantId: tenant.tenantId, kind: 'room', roomId, roomNumber: '4716', organizerExtension: null, mediaServer: 'freeswitch', sipInstance: 'sip-1', mediaName: `conf-${randomUUID()}`, startedAt });
}

async function join(conferenceId: string, callerNumber: string, role: 'participant' | 'moderator', joinedAt: Date) {
  return recordJoin({ tenantId: tenant.tenantId, conferenceId, callId: randomUUID(), callerNumber, callerName: null, role, direction: 'inbound', joinedAt });
}

describe('database checks of the SIPp cases', () => {
  it('joined / nobodyJoined / joinedAs', async () => {
    expect(await records.nobodyJoined(roomId)).toBeNull();
    const id = await conference();
    await join(id, '+33611110010', 'moderator', at(1));
    expect(await records.joined(roomId, '+33611110010')).toBeNull();
    expect(await records.joined(roomId, '+33699999999')).toBe('no participant row for +33699999999');
    expect(await records.nobodyJoined(roomId)).toBe('1 caller(s) entered the room');
    expect(await records.joinedAs(roomId, '+33611110010', 'moderator')).toBeNull();
    expect(await records.joinedAs(roomId, '+33611110010', 'participant')).toBe('+33611110010 joined as moderator, expected participant');
  });

  it('wrongPinsStored counts the wrong PINs of the room', async () => {
    await db().insert(pinAttempts).values([1, 2, 3].map((s) => ({ tenantId: tenant.tenantId, roomId, callerNumber: '+336', attemptedAt: at(s) })));
    expect(await records.wrongPinsStored(roomId, 3)).toBeNull();
    expect(await records.wrongPinsStored(roomId, 2)).toBe('3 wrong PINs stored, expected 2');
  });

  it('mutedState reads participants.muted', async () => {
    const id = await conference();
    const leg = await join(id, '+33611110011', 'participant', at(1));
    expect(await records.mutedState(roomId, '+33611110011', true)).toBe('+33611110011 has muted=false, expected true');
    await db().update(participants).set({ muted: true }).where(eq(participants.id, leg));
    expect(await records.mutedState(roomId, '+33611110011', true)).toBeNull();
  });

  it('lockedAgainst wants conferences.locked and no row for the refused caller', async () => {
    const id = await conference();
    await join(id, '+33611110012', 'moderator', at(1));
    expect(await records.lockedAgainst(roomId, '+33611110012', '+33611110013')).toBe('the conference is not locked');
    await db().update(conferences).set({ locked: true }).where(eq(conferences.id, id));
    expect(await records.lockedAgainst(roomId, '+33611110012', '+33611110013')).toBeNull();
    await join(id, '+33611110013', 'participant', at(30));
    expect(await records.lockedAgainst(roomId, '+33611110012', '+33611110013')).toBe('+33611110013 entered the locked conference');
  });

  it("endedByModerator wants one conference ended 'ended-by-moderator' with everyone gone", async () => {
    const id = await conference();
    await join(id, '+33611110015', 'participant', at(1));
    await join(id, '+33611110014', 'moderator', at(3));
    const callers = ['+33611110014', '+33611110015'];
    expect(await records.endedByModerator(roomId, callers)).toBe('the conference ended with nothing (still open)');
    await closeConference(id, at(30), 'empty');
    expect(await records.endedByModerator(roomId, callers)).toBe('the conference ended with empty');
    await db().update(conferences).set({ endReason: 'ended-by-moderator' }).where(eq(conferences.id, id));
    expect(await records.endedByModerator(roomId, callers)).toBeNull();
    expect(await records.endedByModerator(roomId, [...callers, '+33600000000'])).toBe('2 of 3 callers have a participant row');
  });

  it('waitedForModerator wants the participant first, then the moderator, in one conference', async () => {
    const id = await conference();
    await join(id, '+33611110016', 'participant', at(10));
    expect(await records.waitedForModerator(roomId, '+33611110016', '+33611110017')).toBe('participant rows: +33611110016 yes, +33611110017 no');
    await join(id, '+33611110017', 'moderator', at(5));
    expect(await records.waitedForModerator(roomId, '+33611110016', '+33611110017')).toBe('+33611110016 did not join before the moderator');
    await db().update(participants).set({ joinedAt: at(20) }).where(eq(participants.callerNumber, '+33611110017'));
    expect(await records.waitedForModerator(roomId, '+33611110016', '+33611110017')).toBeNull();
  });

  it('reEntered wants a second run that started after the first had ended', async () => {
    const first = await conference(at(0));
    const leg = await join(first, '+33611110020', 'participant', at(1));
    await join(first, '+33611110021', 'participant', at(19));
    expect(await records.reEntered(roomId, '+33611110020', '+33611110021')).toBe('the second caller joined the first conference: it had not ended');
    await db().delete(participants).where(eq(participants.callerNumber, '+33611110021'));
    await recordLeave(leg, at(18), 'hangup');
    await closeConference(first, at(18), 'empty');
    const second = await conference(at(18.3));
    await join(second, '+33611110021', 'participant', at(18.3));
    expect(await records.reEntered(roomId, '+33611110020', '+33611110021')).toBeNull();
  });

  it('recordedTogether', async () => {
    expect(await records.recordedTogether(roomId, 5)).toBe('0 recordings of the room, expected 1');
    const id = await conference();
    const recordingId = await recordingStarted({ tenantId: tenant.tenantId, conferenceId: id, wavPath: '/nowhere/recording.wav', startedAt: at(10) });
    expect(await records.recordedTogether(roomId, 5)).toBe('the recording never stopped (state recording)');
    await recordingStopped(tenant.tenantId, recordingId, at(13));
    expect(await records.recordedTogether(roomId, 5)).toBe('the recording lasted 3 s, expected at least 5 s');
    expect(await records.recordedTogether(roomId, 2)).toBeNull();
  });
});
