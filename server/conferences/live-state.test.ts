import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { conferenceActions } from '@/server/db/schema';
import { conferenceRecords, seedTenant } from '@/sip/testing/fixtures';
import { useTestDatabase } from '@/test/database';
import { setHandRaised, setJoinLeaveTones, setLocked, setMuted, setPaused, setRole, setTalking } from './live-state';
import { openConference, recordJoin } from './records';

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
    mediaName: `room-${tenantId}`,
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
    await setTalking(mine.tenantId, mine.conferenceId, [{ participantId: mine.participantId, talking: true }]);
    const { conference, legs, actions } = await conferenceRecords(mine.conferenceId);
    expect(conference).toMatchObject({ locked: true, paused: true, joinLeaveTones: false });
    expect(legs[0]).toMatchObject({ muted: true, handRaised: true, role: 'moderator', talking: true });
    expect(actions.map((a) => a.action).sort()).toEqual(['lock', 'mute', 'pause', 'raise-hand', 'role-moderator', 'tones-off']);
    expect(actions.every((a) => a.byKind === 'keypad' && a.byId === mine.participantId && a.result === 'ok')).toBe(true);
  });

  it("change nothing of another tenant's conference, whatever ids they are given", async () => {
    const before = await conferenceRecords(mine.conferenceId);
    const change = { tenantId: otherTenantId, conferenceId: mine.conferenceId, at, by: { kind: 'api' as const, id: null } };
    await setMuted({ ...change, participantIds: [mine.participantId], muted: false, action: 'unmute' }).catch(() => {});
    await setHandRaised({ ...change, participantId: mine.participantId, raised: false }).catch(() => {});
    await setRole({ ...change, participantId: mine.participantId, role: 'participant' }).catch(() => {});
    await setLocked({ ...change, locked: false }).catch(() => {});
    await setTalking(otherTenantId, mine.conferenceId, [{ participantId: mine.participantId, talking: false }]);
    const after = await conferenceRecords(mine.conferenceId);
    expect(after.conference).toEqual(before.conference);
    expect(after.legs).toEqual(before.legs);
    // No action of the other tenant lands in this conference's log either.
    const foreign = await db().select().from(conferenceActions).where(eq(conferenceActions.tenantId, otherTenantId));
    expect(foreign.filter((a) => a.conferenceId === mine.conferenceId)).toEqual([]);
  });
});
