import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { pinAttempts } from '@/server/db/schema';
import { useTestDatabase } from '@/test/database';
import { Simulator } from '../telephony/sim/simulator';
import { seedRoom, seedTenant } from '../testing/fixtures';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let roomId: string;

beforeAll(async () => {
  tenant = await seedTenant();
  roomId = (await seedRoom(tenant, { roomNumber: '4711', startsAt: start, pin: '123456', durationMinutes: 120 })).id;
});

const call = (missingPrompts: string[], dtmf: string) =>
  new Simulator({ at: start, missingPrompts }).run({ dialled: tenant.portalNumber, from: { user: '+33612345678', host: 'c.example' }, dtmf, stayMs: MIN });
const wrongPins = () => db().$count(pinAttempts, eq(pinAttempts.roomId, roomId));

describe('prompts the media server cannot play (9.1.4: file missing on FreeSWITCH)', () => {
  it('asks for the PIN with a beep when its prompt is missing, and admits the caller: no empty entry, no wrong PIN', async () => {
    const { outcome, sim } = await call(['enter-pin'], '4711#123456#');
    expect(outcome).toMatchObject({ decision: 'admitted', roomId });
    expect(sim.leg!.heard.slice(0, 4)).toEqual(['welcome', 'enter-room-number', 'entry-tone', 'music']);
    expect(await wrongPins()).toBe(0);
  });

  it('keeps the call when the wrong-PIN prompt is missing: a second try admits the caller', async () => {
    const { outcome, sim } = await call(['invalid-pin'], '4711#999999#123456#');
    expect(outcome.decision).toBe('admitted');
    expect(sim.leg!.heard.slice(0, 5)).toEqual(['welcome', 'enter-room-number', 'enter-pin', 'enter-pin', 'music']);
    expect(await wrongPins()).toBe(1);
  });

  it('admits a caller who hears none of the portal sentences, asked by beeps', async () => {
    const silent = ['welcome', 'enter-room-number', 'invalid-room', 'enter-pin', 'invalid-pin', 'goodbye'];
    const { outcome, sim } = await call(silent, '4711#123456#');
    expect(outcome.decision).toBe('admitted');
    expect(sim.leg!.heard.slice(0, 3)).toEqual(['entry-tone', 'entry-tone', 'music']);
  });

  it('still says why and hangs up when a refusal prompt or goodbye is missing', async () => {
    const { outcome, sim } = await call(['goodbye'], '4711#1#2#3#');
    expect(outcome).toMatchObject({ decision: 'refused', reason: 'wrong-pin' });
    expect(sim.leg!.heard.at(-1)).toBe('invalid-pin');
    expect(sim.leg!.endedBy).toBe('bridge');
  });

  it('plays the join tone to nobody when its file is missing, and the conference goes on', async () => {
    const sim = new Simulator({ at: start, missingPrompts: ['join-tone'] });
    const first = sim.place({ dialled: tenant.portalNumber, from: { user: '+33611111111', host: 'c.example' }, dtmf: '4711#123456#', stayMs: 5 * MIN });
    await first.outcome;
    const second = await sim.run({ dialled: tenant.portalNumber, from: { user: '+33622222222', host: 'c.example' }, dtmf: '4711#123456#', stayMs: MIN });
    expect(second.outcome.decision).toBe('admitted');
    expect(first.sim.leg!.heard).not.toContain('join-tone');
    expect(first.sim.leg!.endedBy).toBe('bridge');
  });
});
