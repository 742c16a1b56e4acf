import { readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { conferences, recordings, type ConferenceEvent } from '@/server/db/schema';
import { ConferenceEndedError, requestCommand } from '@/server/live/commands';
import { eventsSince } from '@/server/live/events';
import { requestSimulatedCall } from '@/server/live/simulated-calls';
import { useTestDatabase } from '@/test/database';
import { startSimulatedSip, type SimulatedSip } from './simulated';
import { conferenceRecords, seedRoom, seedTenant } from './testing/fixtures';

useTestDatabase();

const log = pino({ level: 'silent' });
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let sip: SimulatedSip;
const by = { kind: 'user' as const, id: 'organizer-user' };
const now = () => new Date();

async function place(from: string, roomNumber: string) {
  return requestSimulatedCall({ kind: 'place', args: { to: tenant.portalNumber, from, dtmf: `${roomNumber}#123456#` } }, { now: now(), timeoutMs: 20_000 }) as Promise<{
    callId: string;
    decision: string;
    reason?: string;
    conferenceId?: string;
    participantId?: string;
  }>;
}

const heard = async (callId: string) => (await requestSimulatedCall({ kind: 'heard', callId }, { now: now(), timeoutMs: 5_000 })) as { state: string; prompts: string[] };

async function untilEvent(conferenceId: string, match: (e: ConferenceEvent) => boolean, afterId = 0): Promise<ConferenceEvent> {
  for (let i = 0; i < 100; i++) {
    const found = (await eventsSince({ tenantId: tenant.tenantId, conferenceId, afterId, limit: 1000 })).find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('event not written');
}

const participantOf = (e: ConferenceEvent) => (e.payload as { participant: Record<string, unknown> }).participant;

beforeAll(async () => {
  tenant = await seedTenant({ dialOutClasses: ['mobile', 'national'] });
  sip = await startSimulatedSip({ instance: 'sim-flow', log, answers: new Map([['0699999999', 'busy']]), mediaDir: path.join(os.tmpdir(), 'sim-flow-media') });
});

afterAll(async () => {
  await sip.stop();
});

describe('SIP_ENGINE=simulated: callers from the CLI queue, commands from the web, events out (issue 10)', () => {
  it('runs a conference steered from the web: mute heard as a prompt, kick, lock refuses, talking, keypad, dial, end', async () => {
    await seedRoom(tenant, { roomNumber: '6101', startsAt: new Date(Date.now() - 5 * 60_000), pin: '123456' });
    const a = await place('+33611110001', '6101');
    expect(a).toMatchObject({ decision: 'admitted', callId: expect.stringMatching(/^sim-/), participantId: expect.any(String) });
    const conferenceId = a.conferenceId!;
    const [row] = await db().select().from(conferences).where(eq(conferences.id, conferenceId));
    expect(row).toMatchObject({ simulated: true, sipInstance: 'sim-flow', mediaServer: 'simulated-sim-flow' });
    const b = await place('+33611110002', '6101');
    const c = await place('+33611110003', '6101');
    expect([b.conferenceId, c.conferenceId]).toEqual([conferenceId, conferenceId]);

    // Talking: the last state always arrives, whatever the flapping.
    for (const on of [true, false, true, false, true]) await requestSimulatedCall({ kind: 'talk', callId: a.callId, args: { on } }, { now: now(), timeoutMs: 5_000 });
    await untilEvent(conferenceId, (e) => e.kind === 'participant-updated' && participantOf(e).id === a.participantId && participantOf(e).talking === true);
    await requestSimulatedCall({ kind: 'talk', callId: a.callId, args: { on: false } }, { now: now(), timeoutMs: 5_000 });
    const lastA = await untilEvent(
      conferenceId,
      (e) => e.kind === 'participant-updated' && participantOf(e).id === a.participantId && participantOf(e).talking === false,
    );
    expect(participantOf(lastA).talking).toBe(false);

    // A web mute: the caller hears it, the page sees it, the log says who.
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'mute', participantId: b.participantId, by }, { now: now() })).toEqual({ result: 'ok' });
    expect((await heard(b.callId)).prompts).toContain('you-are-muted');
    const muted = await untilEvent(conferenceId, (e) => e.kind === 'participant-updated' && participantOf(e).id === b.participantId && participantOf(e).muted === true);
    const action = await untilEvent(conferenceId, (e) => e.kind === 'action' && (e.payload as { action: string }).action === 'mute', muted.id - 1);
    expect(action.payload).toMatchObject({ participantId: b.participantId, by, result: 'ok' });

    // `*2` from the phone shows at once, by the keypad.
    await requestSimulatedCall({ kind: 'keys', callId: b.callId, args: { keys: '*2' } }, { now: now(), timeoutMs: 5_000 });
    const unmuted = await untilEvent(conferenceId, (e) => e.kind === 'action' && (e.payload as { action: string }).action === 'unmute');
    expect(unmuted.payload).toMatchObject({ by: { kind: 'keypad', id: b.participantId } });

    // Kick: the caller is gone, its leave says why; a second kick answers participant-left.
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'kick', participantId: c.participantId, by }, { now: now() })).toEqual({ result: 'ok' });
    const left = await untilEvent(conferenceId, (e) => e.kind === 'participant-left' && e.participantId === c.participantId);
    expect(left.payload).toMatchObject({ reason: 'kicked' });
    expect((await heard(c.callId)).state).toBe('ended');
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'kick', participantId: c.participantId, by }, { now: now() })).toMatchObject({
      result: 'participant-left',
    });

    // Lock: a fourth caller is refused `locked`.
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'lock', by }, { now: now() })).toEqual({ result: 'ok' });
    expect(await place('+33611110004', '6101')).toMatchObject({ decision: 'refused', reason: 'locked' });
    await untilEvent(conferenceId, (e) => e.kind === 'conference-updated' && (e.payload as { locked: boolean }).locked);

    // Promote and demote.
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'promote', participantId: b.participantId, by }, { now: now() })).toEqual({ result: 'ok' });
    await untilEvent(conferenceId, (e) => e.kind === 'participant-updated' && participantOf(e).id === b.participantId && participantOf(e).role === 'moderator');
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'demote', participantId: b.participantId, by }, { now: now() })).toEqual({ result: 'ok' });

    // Recording (REC-1): on and off again from the live page.
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'record', by }, { now: now() })).toEqual({ result: 'ok' });
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'stopRecord', by }, { now: now() })).toEqual({ result: 'ok' });
    // The simulated engine wrote a real WAV into its media folder, for the worker to encode.
    const [recording] = await db().select().from(recordings).where(eq(recordings.conferenceId, conferenceId));
    expect(recording).toMatchObject({ state: 'encoding', wavPath: expect.stringContaining(path.join(os.tmpdir(), 'sim-flow-media')) });
    expect(readFileSync(recording.wavPath!).subarray(0, 4).toString()).toBe('RIFF');

    // Dial: refused by the tenant's policy, busy, and answered (the callee joins).
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'dial', args: { number: '+442071234567' }, by }, { now: now() })).toMatchObject({ result: 'failed' });
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'dial', args: { number: '0699999999' }, by }, { now: now() })).toEqual({ result: 'dialing' });
    await untilEvent(conferenceId, (e) => e.kind === 'dial-progress' && (e.payload as { state: string }).state === 'busy');
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'dial', args: { number: '0612345678' }, by }, { now: now() })).toEqual({ result: 'dialing' });
    const answered = await untilEvent(conferenceId, (e) => e.kind === 'dial-progress' && (e.payload as { state: string }).state === 'answered');
    expect(answered.payload).toMatchObject({ number: '0612345678', participantId: expect.any(String) });
    const dialled = await untilEvent(conferenceId, (e) => e.kind === 'participant-joined' && participantOf(e).number === '0612345678');
    expect(dialled.participantId).toBe((answered.payload as { participantId: string }).participantId);

    // End: goodbye, everyone hung up, the reason on the record; then nothing more can be asked.
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'end', by }, { now: now() })).toEqual({ result: 'ok' });
    const ended = await untilEvent(conferenceId, (e) => e.kind === 'conference-ended');
    expect(ended.payload).toMatchObject({ reason: 'ended-by-organizer' });
    const aHeard = await heard(a.callId);
    expect(aHeard.state).toBe('ended');
    expect(aHeard.prompts).toContain('goodbye');
    await expect(requestCommand({ tenantId: tenant.tenantId, conferenceId, action: 'lock', by }, { now: now() })).rejects.toBeInstanceOf(ConferenceEndedError);

    // Every command is a line of the action log by whoever asked; the keypad's by the keypad.
    const { actions } = await conferenceRecords(conferenceId);
    const byUser = actions.filter((l) => l.byKind === 'user' && l.byId === by.id).map((l) => `${l.action}:${l.result}`);
    expect(byUser).toEqual(
      expect.arrayContaining(['mute:ok', 'kick:ok', 'kick:participant-left', 'lock:ok', 'promote:ok', 'demote:ok', 'record:ok', 'stop-record:ok', 'dial:denied', 'dial:dialing', 'end:ok']),
    );
    expect(actions.filter((l) => l.byKind === 'keypad').map((l) => l.action)).toEqual(['unmute']);
    const kinds = (await eventsSince({ tenantId: tenant.tenantId, conferenceId, afterId: 0, limit: 1000 })).map((e) => e.kind);
    expect(kinds[0]).toBe('conference-started');
    expect(kinds.at(-1)).toBe('conference-ended');
  }, 60_000);

  it('takes many callers at once (the live bench places dozens): all in one conference', async () => {
    await seedRoom(tenant, { roomNumber: '6103', startsAt: new Date(Date.now() - 5 * 60_000), pin: '123456', maxParticipants: 100 });
    const placed = await Promise.all(Array.from({ length: 30 }, (_, i) => place(`+336111102${String(i).padStart(2, '0')}`, '6103')));
    expect(placed.every((p) => p.decision === 'admitted')).toBe(true);
    expect(new Set(placed.map((p) => p.conferenceId)).size).toBe(1);
    expect(await requestCommand({ tenantId: tenant.tenantId, conferenceId: placed[0].conferenceId!, action: 'end', by }, { now: now() })).toEqual({ result: 'ok' });
  }, 60_000);

  it('a caller hangs up from the CLI: it leaves the conference', async () => {
    await seedRoom(tenant, { roomNumber: '6102', startsAt: new Date(Date.now() - 5 * 60_000), pin: '123456' });
    const a = await place('+33611110011', '6102');
    const b = await place('+33611110012', '6102');
    await requestSimulatedCall({ kind: 'hangup', callId: b.callId }, { now: now(), timeoutMs: 5_000 });
    const left = await untilEvent(a.conferenceId!, (e) => e.kind === 'participant-left' && e.participantId === b.participantId);
    expect(left.payload).toMatchObject({ reason: 'hangup' });
    await requestSimulatedCall({ kind: 'hangup', callId: a.callId }, { now: now(), timeoutMs: 5_000 });
    await untilEvent(a.conferenceId!, (e) => e.kind === 'conference-ended');
  });
});
