import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConference, recordJoin } from '@/server/conferences/records';
import { setMuted } from '@/server/conferences/live-state';
import type { ConferenceEvent } from '@/server/db/schema';
import { useTestDatabase } from '@/test/database';
import { seedTenant } from '@/test/seed';
import { LiveHub } from './hub';
import { createRoomLink, resolveLink } from './links';
import { lastEventId } from './view';

/**
 * The fan-out of web processes (ARCHITECTURE live path): two hubs stand for two web processes,
 * each with its one LISTEN; every stream of each gets each event once, in order.
 */
const database = useTestDatabase();
const hubs = [new LiveHub(() => database.url()), new LiveHub(() => database.url())];
afterAll(async () => {
  for (const hub of hubs) await hub.close();
});

let tenantId: string;
let conferenceId: string;
let participantId: string;
let seeded: Awaited<ReturnType<typeof seedTenant>>;
const at = new Date();

beforeAll(async () => {
  seeded = await seedTenant('H', { roomNumbers: ['6221', '6222'] });
  tenantId = seeded.tenantId;
  conferenceId = await openConference({ tenantId, kind: 'room', roomId: seeded.roomIds[0], roomNumber: '6221', organizerExtension: null, mediaServer: 'fs-1', sipInstance: 'sip-h', mediaName: 'h-1', startedAt: at });
  participantId = await recordJoin({ tenantId, conferenceId, callId: 'h-1', callerNumber: '+33600000001', callerName: null, role: 'participant', direction: 'inbound', joinedAt: at });
});

function collector() {
  const got: ConferenceEvent[] = [];
  let revoked = 0;
  return { got, revoked: () => revoked, onEvents: (events: ConferenceEvent[]) => got.push(...events), onRevoked: () => void revoked++ };
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check(), what).toBe(true);
}

describe('LiveHub', () => {
  it('fans one event out to every stream of two web processes, each event once and in order', async () => {
    const from = await lastEventId(tenantId, conferenceId);
    const streams = hubs.flatMap(() => [collector(), collector(), collector()]);
    const stops = await Promise.all(streams.map((s, i) => hubs[i % 2].subscribe({ tenantId, conferenceId, lastId: from, ...s })));
    for (const muted of [true, false, true]) await setMuted({ tenantId, conferenceId, at, by: { kind: 'keypad', id: participantId }, participantIds: [participantId], muted, action: muted ? 'mute' : 'unmute', participantId });
    // Each change is a participant-updated and an action event.
    await until(() => streams.every((s) => s.got.length === 6), 'every stream has the six events');
    for (const s of streams) {
      const ids = s.got.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(6);
    }
    for (const stop of stops) stop();
  });

  it('catches a late stream up from its last id at once', async () => {
    const late = collector();
    const stop = await hubs[0].subscribe({ tenantId, conferenceId, lastId: 0, ...late });
    await until(() => late.got.length > 0 && late.got[0].kind === 'conference-started', 'the whole history from id 0');
    stop();
  });

  it("closes only the streams of a link that was regenerated", async () => {
    const first = await createRoomLink(seeded.admin.actor, seeded.roomIds[0], { kind: 'tracking' }, at);
    const link = (await resolveLink(new URL(first.url).pathname.split('/').pop()!))!;
    const onLink = collector();
    const signedIn = collector();
    const from = await lastEventId(tenantId, conferenceId);
    const stops = [
      await hubs[1].subscribe({ tenantId, conferenceId, lastId: from, tokenHash: link.tokenHash, ...onLink }),
      await hubs[1].subscribe({ tenantId, conferenceId, lastId: from, ...signedIn }),
    ];
    await createRoomLink(seeded.admin.actor, seeded.roomIds[0], { kind: 'tracking' }, at);
    await until(() => onLink.revoked() === 1, 'the link stream is told');
    expect(signedIn.revoked()).toBe(0);
    for (const stop of stops) stop();
  });
});
