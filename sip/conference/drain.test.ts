import { tmpdir } from 'node:os';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenantForPortalNumber } from '@/server/admission/tenant-lookup';
import { roomConferenceOptions } from '@/server/conferences/options';
import { systemClock } from '@/server/lib/clock';
import { useTestDatabase } from '@/test/database';
import { mediaFolder } from '../media/files';
import { promptCatalogue } from '../prompts/catalogue';
import { callServices } from '../services';
import { DrachtioTelephony } from '../telephony/drachtio/engine';
import { FakeDialog, FakeEndpoint, FakeFreeswitch, fakeMediaServer, fakeSrf } from '../telephony/drachtio/fakes';
import { DrachtioLeg } from '../telephony/drachtio/leg';
import { Simulator } from '../telephony/sim/simulator';
import { conferenceRecords, seedRoom, seedTenant } from '../testing/fixtures';
import { drainConferences } from './drain';
import { ConferenceRegistry } from './registry';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
let tenant: Awaited<ReturnType<typeof seedTenant>>;
const roomIds = new Map<string, string>();

beforeAll(async () => {
  tenant = await seedTenant();
  for (const roomNumber of ['1001', '1002']) roomIds.set(roomNumber, (await seedRoom(tenant, { roomNumber, startsAt: start, pin: null })).id);
});

describe('draining on SIGTERM', () => {
  it('lets conferences end by themselves within the grace period, then ends the rest and refuses new calls', async () => {
    const sim = new Simulator({ at: start });
    const call = (room: string, stayMs: number) =>
      sim.place({ dialled: tenant.portalNumber, from: { user: '+33611111111', host: 'c.example' }, dtmf: `${room}#`, stayMs });
    const short = await call('1001', 2 * MIN).outcome;
    const long = await call('1002', 60 * MIN).outcome;

    sim.deps.mediaAvailable = () => false;
    const ended = await drainConferences(sim.deps.conferences, sim.clock, 5 * MIN);
    expect(ended).toBe(1);
    expect((await call('1001', MIN).outcome).reason).toBe('media-unavailable');
    await sim.settled();

    expect((await conferenceRecords(short.conferenceId!)).conference.endReason).toBe('empty');
    const { conference, legs } = await conferenceRecords(long.conferenceId!);
    expect(conference.endReason).toBe('shutdown');
    expect(conference.endedAt!.getTime() - start.getTime()).toBeGreaterThanOrEqual(5 * MIN);
    expect(legs[0].endReason).toBe('shutdown');
  });

  it('ends every conference on the drachtio adapter although fsmrf 4.1.2 never resolves Conference#destroy (fsmrf fakes)', async () => {
    const freeswitch = new FakeFreeswitch();
    const lines: { msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const clock = { now: systemClock, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
    const telephony = new DrachtioTelephony(fakeSrf(), fakeMediaServer(new FakeEndpoint(freeswitch), new FakeDialog()), 'freeswitch', () => {}, () => {});
    const registry = new ConferenceRegistry({ services: callServices, clock, catalogue: promptCatalogue('/prompts'), log, telephony, media: mediaFolder({ local: tmpdir(), onMediaServer: tmpdir() }, callServices), sipInstance: 'sip-drain' });
    const callTenant = (await tenantForPortalNumber(tenant.portalNumber))!;
    const callers: FakeDialog[] = [];
    for (const roomNumber of ['1001', '1002']) {
      const roomId = roomIds.get(roomNumber)!;
      const conference = await registry.forRoom(callTenant, { roomId, roomNumber }, (await roomConferenceOptions(callTenant.id, roomId))!);
      const dialog = new FakeDialog(`caller-${roomNumber}@example`);
      callers.push(dialog);
      await conference.add({ leg: new DrachtioLeg(dialog, new FakeEndpoint(freeswitch), () => {}), callerNumber: '+33611111111', callerName: null, role: 'participant', direction: 'inbound' });
    }

    expect(await drainConferences(registry, clock, 0)).toBe(2);
    expect(lines.filter((l) => l.msg === 'conference ended')).toHaveLength(2);
    expect(callers.map((d) => d.byes)).toEqual([1, 1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(freeswitch.conferences.size).toBe(0);
  });
});

