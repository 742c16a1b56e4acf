import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { conferenceActions } from '@/server/db/schema';
import { conferenceRecords, seedTenant } from '@/sip/testing/fixtures';
import { useTestDatabase } from '@/test/database';
import { setHandRaised, setJoinLeaveTones, setLocked, setMuted, setPaused, setRole, setTalking } from './live-state';
import { eventsSince } from '@/server/live/events';
import { closeConference, openConference, recordJoin, recordLeave } from './records';

useTestDatabase();

const at = new Date('2026-03-02T09:00:00Z');
let mine: { tenantId: string; conferenceId: string; participantId: string };
let otherTenantId: string;

async function conferenceWithOneLeg(tenantId: string) {
  const conferenceId = await openConference({
    tenantId,
    kind: 'room',
    roomId: null,
    roomNumber: '4711',
    organizerExtension: null,
    mediaServer: 'simulator',
    sipInstance: 'test',
    mediaName: `room-${tenantId}-${Math.random()}`,
    startedAt: at,
  });
  const participantId = await recordJoin({ tenantId, conferenceId, callId: 'c1', callerNumber: '+33611111111', callerName: null, role: 'participant', direction: 'inbound', joinedAt: at });
  return { tenantId, conferenceId, participantId };
}

beforeAll(async () => {
  mine = await conferenceWithOneLeg((await seedTenant()).tenantId);
  otherTenantId = (await seedTenant()).tenantId;
});

describe('live state functions (L-1, L-2, T-1)', () => {
  it('write each change with its line in the action log', async () => {
    const by = { kind: 'keypad' as const, id: mine.participantId };
    const change = { tenantId: mine.tenantId, conferenceId: mine.conferenceId, at, by };
    await setMuted({ ...change, participantIds: [mine.participantId], muted: true, action: 'mute', participantId: mine.participantId });
    await setHandRaised({ ...change, participantId: mine.participantId, raised: true });
    await setRole({ ...change, participantId: mine.participantId, role: 'moderator' });
    await setLocked({ ...change, locked: true });
    await setPaused({ ...change, paused: true });
    await setJoinLeaveTones({ ...change, on: false });
    await setTalking(mine.tenantId, mine.conferenceId, [{ participantId: mine.participantId, talking: true }], at);
    const { conference, legs, actions } = await conferenceRecords(mine.conferenceId);
    expect(conference).toMatchObject({ locked: true, paused: true, joinLeaveTones: false });
    expect(legs[0]).toMatchObject({ muted: true, handRaised: true, role: 'moderator', talking: true });
    expect(actions.map((a) => a.action).sort()).toEqual(['lock', 'mute', 'pause', 'raise-hand', 'role-moderator', 'tones-off']);
    expect(actions.every((a) => a.byKind === 'keypad' && a.byId === mine.participantId && a.result === 'ok')).toBe(true);
    // Each change is also an event, in the order written, with the state after it (L-1).
    const events = await eventsSince({ tenantId: mine.tenantId, conferenceId: mine.conferenceId, afterId: 0, limit: 100 });
    expect(events.map((e) => e.kind)).toEqual([
      'conference-started',
      'participant-joined',
      ...['participant-updated', 'action', 'participant-updated', 'action', 'participant-updated', 'action'],
      ...['conference-updated', 'action', 'conference-updated', 'action', 'conference-updated', 'action'],
      'participant-updated',
    ]);
    expect(events[1].payload).toEqual({
      participant: { id: mine.participantId, number: '+33611111111', name: null, role: 'participant', joinedAt: at.toISOString(), leftAt: null, muted: false, talking: false, handRaised: false },
    });
    expect(events[2].payload).toMatchObject({ participant: { muted: true, handRaised: false } });
    expect(events[3].payload).toEqual({ at: at.toISOString(), action: 'mute', participantId: mine.participantId, by, result: 'ok' });
    expect(events[12].payload).toEqual({ locked: true, paused: true, joinLeaveTones: false });
    expect(events.at(-1)!.payload).toMatchObject({ participant: { talking: true, role: 'moderator' } });
  });

  it('a leave and the end are events too, with their reason', async () => {
    const { tenantId, conferenceId, participantId } = await conferenceWithOneLeg(mine.tenantId);
    const second = await recordJoin({ tenantId, conferenceId, callId: 'c2', callerNumber: null, callerName: 'Bob', role: 'moderator', direction: 'inbound', joinedAt: at });
    await recordLeave(participantId, at, 'kicked');
    await recordLeave(participantId, at, 'hangup');
    await closeConference(conferenceId, at, 'ended-by-organizer');
    const events = await eventsSince({ tenantId, conferenceId, afterId: 0, limit: 100 });
    expect(events.map((e) => [e.kind, e.participantId])).toEqual([
      ['conference-started', null],
      ['participant-joined', participantId],
      ['participant-joined', second],
      ['participant-left', participantId],
      ['participant-left', second],
      ['conference-ended', null],
    ]);
    expect(events[3].payload).toMatchObject({ reason: 'kicked', participant: { leftAt: at.toISOString() } });
    expect(events[4].payload).toMatchObject({ reason: 'ended-by-organizer', participant: { number: null, name: 'Bob' } });
    expect(events[5].payload).toEqual({ endedAt: at.toISOString(), reason: 'ended-by-organizer' });
  });

  it("change nothing of another tenant's conference, whatever ids they are given", async () => {
    const before = await conferenceRecords(mine.conferenceId);
    const change = { tenantId: otherTenantId, conferenceId: mine.conferenceId, at, by: { kind: 'api' as const, id: null } };
    await setMuted({ ...change, participantIds: [mine.participantId], muted: false, action: 'unmute' }).catch(() => {});
    await setHandRaised({ ...change, participantId: mine.participantId, raised: false }).catch(() => {});
    await setRole({ ...change, participantId: mine.participantId, role: 'participant' }).catch(() => {});
    await setLocked({ ...change, locked: false }).catch(() => {});
    await setTalking(otherTenantId, mine.conferenceId, [{ participantId: mine.participantId, talking: false }], at);
    const after = await conferenceRecords(mine.conferenceId);
    expect(after.conference).toEqual(before.conference);
    expect(after.legs).toEqual(before.legs);
    // No action of the other tenant lands in this conference's log either.
    const foreign = await db().select().from(conferenceActions).where(eq(conferenceActions.tenantId, otherTenantId));
    expect(foreign.filter((a) => a.conferenceId === mine.conferenceId)).toEqual([]);
  });
});
