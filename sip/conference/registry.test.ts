import { eq } from 'drizzle-orm';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openConference } from '@/server/conferences/records';
import { db } from '@/server/db/client';
import { conferences } from '@/server/db/schema';
import { useTestDatabase } from '@/test/database';
import { SIM_LEAVE_AFTER_MS } from '../telephony/sim/conference';
import { Simulator } from '../telephony/sim/simulator';
import { conferenceRecords, seedRoom, seedTenant } from '../testing/fixtures';
import { mediaNameOf } from './registry';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let roomId: string;

beforeAll(async () => {
  tenant = await seedTenant();
  roomId = (await seedRoom(tenant, { roomNumber: '4711', startsAt: start, pin: '123456', durationMinutes: 180 })).id;
});

const caller = (user: string, stayMs: number) => ({
  dialled: tenant.portalNumber,
  from: { user, host: 'carrier.example.com' },
  dtmf: '4711#123456#',
  stayMs,
});

/** A pino logger whose lines the test can read. */
function capturedLog() {
  const lines: { msg: string; [key: string]: unknown }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('conference runs on the media server (TELEPHONY.md: asynchronous kicks, destroy that never resolves)', () => {
  it('ends a conference on the media server, logs it, and frees its name a moment later', async () => {
    const { log, lines } = capturedLog();
    const sim = new Simulator({ at: start, log });
    const { outcome } = await sim.run(caller('+33611111111', MIN));
    const media = sim.engine.conferences.get(mediaNameOf(outcome.conferenceId!))!;
    expect(media).toMatchObject({ ending: true, destroyed: true });
    expect(await sim.engine.conferenceExists(media.name)).toBe(false);
    expect(lines.filter((l) => l.msg === 'conference ended')).toEqual([expect.objectContaining({ conferenceId: outcome.conferenceId, reason: 'empty' })]);
  });

  it('admits the first caller of a room whose previous conference ended a moment ago, while the media server is still clearing it', async () => {
    const sim = new Simulator({ at: start });
    const first = sim.place(caller('+33611111111', MIN));
    const { conferenceId: firstId } = await first.outcome;
    await sim.clock.sleep(MIN);
    const leftover = sim.engine.conferences.get(mediaNameOf(firstId!))!;
    expect(leftover).toMatchObject({ ending: true, destroyed: false });

    const again = sim.place(caller('+33622222222', MIN));
    const { decision, conferenceId } = await again.outcome;
    expect(decision).toBe('admitted');
    expect(conferenceId).not.toBe(firstId);
    expect(sim.clock.now().getTime() - start.getTime()).toBeLessThan(MIN + SIM_LEAVE_AFTER_MS);
    await sim.settled();
    expect(leftover.destroyed).toBe(true);
  });

  it('does not cut off the callers of a room another live sip process runs on the same media server', async () => {
    const other = new Simulator({ at: start, sipInstance: 'sip-b' });
    const first = other.place(caller('+33611111111', 30 * MIN));
    const { conferenceId } = await first.outcome;
    const sim = new Simulator({ engine: other.engine, sipInstance: 'sip-a' });
    const { outcome, sim: call } = await sim.run(caller('+33622222222', MIN));
    expect(outcome).toMatchObject({ decision: 'refused', reason: 'media-unavailable', roomId });
    expect(call.leg!.heard.slice(-2)).toEqual(['room-unavailable', 'goodbye']);
    expect(first.sim.leg!.endedBy).toBe('caller');
    expect((await conferenceRecords(conferenceId!)).conference.endReason).toBe('empty');
    // The refused caller's process created no conference of its own that stayed.
    expect([...other.engine.conferences.values()].filter((c) => !c.destroyed)).toEqual([]);
  });

  it('gives a room to one process when two start it at the same instant on one media server', async () => {
    const a = new Simulator({ at: start, sipInstance: 'sip-a' });
    const b = new Simulator({ engine: a.engine, sipInstance: 'sip-b' });
    const calls = [a.place(caller('+33611111111', 5 * MIN)), b.place(caller('+33622222222', 5 * MIN))];
    const outcomes = await Promise.all(calls.map((c) => c.outcome));
    await a.settled();
    expect(outcomes.map((o) => o.decision).sort()).toEqual(['admitted', 'refused']);
    expect(outcomes.find((o) => o.decision === 'refused')?.reason).toBe('media-unavailable');
  });

  it('closes the record of a conference another process left when the media server no longer has it, and runs the room', async () => {
    const stale = await openConference({
      tenantId: tenant.tenantId,
      kind: 'room',
      roomId,
      roomNumber: '4711',
      organizerExtension: null,
      mediaServer: 'simulator',
      sipInstance: 'sip-gone',
      mediaName: 'conf-gone',
      startedAt: start,
    });
    const { outcome } = await new Simulator({ at: start }).run(caller('+33611111111', MIN));
    expect(outcome.decision).toBe('admitted');
    expect((await conferenceRecords(stale)).conference).toMatchObject({ endReason: 'media-lost' });
  });

  it('is not held up by a conference of the room on another media server (another bridge, or a real one while simulating)', async () => {
    const elsewhere = await openConference({
      tenantId: tenant.tenantId,
      kind: 'room',
      roomId,
      roomNumber: '4711',
      organizerExtension: null,
      mediaServer: 'freeswitch-2',
      sipInstance: 'sip-2',
      mediaName: 'conf-elsewhere',
      startedAt: start,
    });
    const { outcome } = await new Simulator({ at: start }).run(caller('+33611111111', MIN));
    expect(outcome.decision).toBe('admitted');
    const [row] = await db().select().from(conferences).where(eq(conferences.id, elsewhere));
    expect(row.endedAt).toBeNull();
  });
});
