import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, listen } from '@/server/db/client';
import { conferenceCommands, type ConferenceCommand } from '@/server/db/schema';
import { openConference, recordJoin, recordLeave, closeConference } from '@/server/conferences/records';
import { logger } from '@/server/lib/logger';
import { seedTenant } from '@/sip/testing/fixtures';
import { useTestDatabase } from '@/test/database';
import { CommandConsumer, ConferenceEndedError, commandChannelOf, requestCommand, type CommandResult } from './commands';
import { EVENTS_CHANNEL, appendConferenceEvent, eventsSince, parseEventNotice } from './events';
import { COMMANDS_KEPT_MS, forgetOldCommands } from './retention';
import { holdInstanceLock, InstanceTakenError, SIP_LIVENESS_LOCK, sipInstanceAlive } from './liveness';

useTestDatabase();

const at = new Date('2026-03-02T09:00:00Z');
const log = logger.child({ test: 'commands' });
const by = { kind: 'user' as const, id: 'u-1' };

/** A stand-in for the registry of one sip process: remembers what it was asked, answers ok. */
class RecordingHandler {
  seen: ConferenceCommand[] = [];
  constructor(private readonly answer: (c: ConferenceCommand) => Promise<CommandResult> = async () => ({ result: 'ok' })) {}
  async execute(command: ConferenceCommand) {
    this.seen.push(command);
    return this.answer(command);
  }
}

async function conferenceOn(tenantId: string, sipInstance: string) {
  const conferenceId = await openConference({
    tenantId,
    kind: 'room',
    roomId: null,
    roomNumber: '6101',
    organizerExtension: null,
    mediaServer: 'simulator',
    sipInstance,
    mediaName: `conf-${sipInstance}-${Math.random()}`,
    startedAt: at,
  });
  const participantId = await recordJoin({ tenantId, conferenceId, callId: `c-${Math.random()}`, callerNumber: '+33611111111', callerName: null, role: 'participant', direction: 'inbound', joinedAt: at });
  return { conferenceId, participantId };
}

let tenantId: string;
const handlerA = new RecordingHandler();
const handlerB = new RecordingHandler();
const releases: (() => Promise<void>)[] = [];
const consumers: CommandConsumer[] = [];

beforeAll(async () => {
  tenantId = (await seedTenant()).tenantId;
  for (const [instance, handler] of [['sip-a', handlerA], ['sip-b', handlerB]] as const) {
    releases.push((await holdInstanceLock(instance, log)).release);
    const consumer = new CommandConsumer({ instance, handler, now: () => new Date(), log });
    await consumer.start();
    consumers.push(consumer);
  }
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
  for (const release of releases) await release();
});

describe('commands through PostgreSQL (L-2, ARCHITECTURE live path)', () => {
  it('reach the sip process that owns the conference, and come back with its answer', async () => {
    const onA = await conferenceOn(tenantId, 'sip-a');
    const onB = await conferenceOn(tenantId, 'sip-b');
    expect(await requestCommand({ tenantId, conferenceId: onA.conferenceId, action: 'mute', participantId: onA.participantId, by }, { now: at })).toEqual({ result: 'ok' });
    expect(await requestCommand({ tenantId, conferenceId: onB.conferenceId, action: 'lock', by }, { now: at })).toEqual({ result: 'ok' });
    expect(handlerA.seen.map((c) => [c.action, c.conferenceId, c.participantId])).toEqual([['mute', onA.conferenceId, onA.participantId]]);
    expect(handlerB.seen.map((c) => [c.action, c.conferenceId])).toEqual([['lock', onB.conferenceId]]);
    expect(handlerA.seen[0].requestedBy).toEqual(by);
    const [row] = await db().select().from(conferenceCommands).where(eq(conferenceCommands.id, handlerA.seen[0].id));
    expect(row.status).toBe('done');
    expect(row.result).toEqual({ result: 'ok' });
    expect(row.completedAt).not.toBeNull();
  });

  it('many at once, each answered once, by the right process', async () => {
    const onA = await conferenceOn(tenantId, 'sip-a');
    const onB = await conferenceOn(tenantId, 'sip-b');
    const before = { a: handlerA.seen.length, b: handlerB.seen.length };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => requestCommand({ tenantId, conferenceId: (i % 2 ? onA : onB).conferenceId, action: i % 4 < 2 ? 'muteAll' : 'unmuteAll', by }, { now: at })),
    );
    expect(results.every((r) => r.result === 'ok')).toBe(true);
    expect(handlerA.seen.length - before.a).toBe(10);
    expect(handlerB.seen.length - before.b).toBe(10);
  });

  it('a conference whose sip process is gone fails at once (503), without a command row', async () => {
    const ghost = await conferenceOn(tenantId, 'sip-gone');
    expect(await sipInstanceAlive('sip-gone')).toBe(false);
    expect(await sipInstanceAlive('sip-a')).toBe(true);
    // Known gone before anything is sent, not after waiting for an answer.
    await expect(requestCommand({ tenantId, conferenceId: ghost.conferenceId, action: 'lock', by }, { now: at, timeoutMs: 600_000 })).rejects.toMatchObject({
      status: 503,
      reason: 'gone',
    });
    expect(await db().select().from(conferenceCommands).where(eq(conferenceCommands.conferenceId, ghost.conferenceId))).toEqual([]);
  });

  it('a live process that does not answer in time: 503, and the row is failed so it is never done late', async () => {
    const { release } = await holdInstanceLock('sip-silent', log);
    try {
      const silent = await conferenceOn(tenantId, 'sip-silent');
      await expect(requestCommand({ tenantId, conferenceId: silent.conferenceId, action: 'lock', by }, { now: at, timeoutMs: 300 })).rejects.toMatchObject({ status: 503, reason: 'timeout' });
      const [row] = await db().select().from(conferenceCommands).where(eq(conferenceCommands.conferenceId, silent.conferenceId));
      expect(row.status).toBe('failed');
      // A consumer that starts later does not act on it.
      const late = new RecordingHandler();
      const consumer = new CommandConsumer({ instance: 'sip-silent', handler: late, now: () => new Date(), log });
      await consumer.start();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await consumer.stop();
      expect(late.seen).toEqual([]);
    } finally {
      await release();
    }
  });

  it('commands sent while the consumer was not listening are done when it starts', async () => {
    const { release } = await holdInstanceLock('sip-late', log);
    try {
      const conference = await conferenceOn(tenantId, 'sip-late');
      const late = new RecordingHandler();
      const asked = requestCommand({ tenantId, conferenceId: conference.conferenceId, action: 'unlock', by }, { now: at, timeoutMs: 3_000 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const consumer = new CommandConsumer({ instance: 'sip-late', handler: late, now: () => new Date(), log });
      await consumer.start();
      expect(await asked).toEqual({ result: 'ok' });
      await consumer.stop();
      expect(late.seen.map((c) => c.action)).toEqual(['unlock']);
    } finally {
      await release();
    }
  });

  it('refuses at once: an ended conference (409), a participant who left (nothing sent), another tenant (404)', async () => {
    const ended = await conferenceOn(tenantId, 'sip-a');
    await closeConference(ended.conferenceId, at, 'empty');
    await expect(requestCommand({ tenantId, conferenceId: ended.conferenceId, action: 'lock', by }, { now: at })).rejects.toBeInstanceOf(ConferenceEndedError);

    const running = await conferenceOn(tenantId, 'sip-a');
    await recordLeave(running.participantId, at, 'hangup');
    const seen = handlerA.seen.length;
    expect(await requestCommand({ tenantId, conferenceId: running.conferenceId, action: 'kick', participantId: running.participantId, by }, { now: at })).toMatchObject({
      result: 'participant-left',
    });
    expect(handlerA.seen.length).toBe(seen);

    const other = (await seedTenant()).tenantId;
    await expect(requestCommand({ tenantId: other, conferenceId: running.conferenceId, action: 'lock', by }, { now: at })).rejects.toMatchObject({ status: 404 });
    await expect(requestCommand({ tenantId, conferenceId: running.conferenceId, action: 'mute', by }, { now: at })).rejects.toMatchObject({ status: 404 });
  });

  it('a handler that throws answers failed, never leaves the row pending', async () => {
    const { release } = await holdInstanceLock('sip-broken', log);
    const consumer = new CommandConsumer({
      instance: 'sip-broken',
      handler: new RecordingHandler(async () => {
        throw new Error('media server down');
      }),
      now: () => new Date(),
      log,
    });
    await consumer.start();
    try {
      const conference = await conferenceOn(tenantId, 'sip-broken');
      expect(await requestCommand({ tenantId, conferenceId: conference.conferenceId, action: 'lock', by }, { now: at })).toMatchObject({ result: 'failed' });
    } finally {
      await consumer.stop();
      await release();
    }
  });

  it('a lock lost with its connection is taken again by the heartbeat', async () => {
    const { release } = await holdInstanceLock('sip-heartbeat', log, { heartbeatMs: 100 });
    try {
      expect(await sipInstanceAlive('sip-heartbeat')).toBe(true);
      const killed = await db().execute(sql`select pg_terminate_backend(pid) as done from pg_locks
        where locktype = 'advisory' and classid = ${SIP_LIVENESS_LOCK} and objid = hashtext('sip-heartbeat')::oid and granted`);
      expect(killed.map((r) => r.done)).toEqual([true]);
      let alive = false;
      for (let i = 0; i < 50 && !alive; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        alive = await sipInstanceAlive('sip-heartbeat');
      }
      expect(alive).toBe(true);
    } finally {
      await release();
    }
  });

  it('one process per instance id: a second one is refused', async () => {
    await expect(holdInstanceLock('sip-a', log)).rejects.toBeInstanceOf(InstanceTakenError);
    expect(commandChannelOf('sip-a')).toMatch(/^sip_[0-9a-f]{32}$/);
  });
});

describe('events (L-1)', () => {
  it('are rows with growing ids, notified with their route, read back per conference and tenant', async () => {
    const conference = await conferenceOn(tenantId, 'sip-a');
    // Its start and first join are events already.
    const before = (await eventsSince({ tenantId, conferenceId: conference.conferenceId, afterId: 0, limit: 10 })).map((e) => e.kind);
    expect(before).toEqual(['conference-started', 'participant-joined']);
    const heard: string[] = [];
    const subscription = await listen(EVENTS_CHANNEL, (payload) => heard.push(payload));
    const first = await appendConferenceEvent(db(), { tenantId, conferenceId: conference.conferenceId, kind: 'conference-updated', payload: { locked: true, paused: false, joinLeaveTones: true }, at });
    const second = await db().transaction((tx) =>
      appendConferenceEvent(tx, { tenantId, conferenceId: conference.conferenceId, participantId: conference.participantId, kind: 'participant-updated', payload: { x: 1 }, at }),
    );
    expect(second).toBeGreaterThan(first);
    for (let i = 0; i < 50 && heard.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.unlisten();
    expect(heard.map((h) => parseEventNotice(h))).toEqual([
      { id: first, tenantId, conferenceId: conference.conferenceId, kind: 'conference-updated' },
      { id: second, tenantId, conferenceId: conference.conferenceId, kind: 'participant-updated' },
    ]);
    expect((await eventsSince({ tenantId, conferenceId: conference.conferenceId, afterId: 0, limit: 10 })).map((e) => e.id).slice(2)).toEqual([first, second]);
    expect((await eventsSince({ tenantId, conferenceId: conference.conferenceId, afterId: first, limit: 10 })).map((e) => e.payload)).toEqual([{ x: 1 }]);
    const other = (await seedTenant()).tenantId;
    expect(await eventsSince({ tenantId: other, conferenceId: conference.conferenceId, afterId: 0, limit: 10 })).toEqual([]);
  });

  it('a rolled back change leaves neither row nor notice', async () => {
    const conference = await conferenceOn(tenantId, 'sip-a');
    const heard: string[] = [];
    const subscription = await listen(EVENTS_CHANNEL, (payload) => heard.push(payload));
    await expect(
      db().transaction(async (tx) => {
        await appendConferenceEvent(tx, { tenantId, conferenceId: conference.conferenceId, kind: 'conference-updated', payload: {}, at });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await subscription.unlisten();
    expect(heard.filter((h) => h.includes(conference.conferenceId))).toEqual([]);
    expect((await eventsSince({ tenantId, conferenceId: conference.conferenceId, afterId: 0, limit: 10 })).map((e) => e.kind)).toEqual([
      'conference-started',
      'participant-joined',
    ]);
  });
});

describe('retention', () => {
  it('forgets command rows a week old; newer ones stay', async () => {
    const onA = await conferenceOn(tenantId, 'sip-a');
    const old = new Date(Date.now() - COMMANDS_KEPT_MS - 60_000);
    const recent = new Date(Date.now() - COMMANDS_KEPT_MS + 60_000);
    await requestCommand({ tenantId, conferenceId: onA.conferenceId, action: 'lock', by }, { now: old });
    await requestCommand({ tenantId, conferenceId: onA.conferenceId, action: 'unlock', by }, { now: recent });
    const commandsOf = async () => (await db().select().from(conferenceCommands).where(eq(conferenceCommands.conferenceId, onA.conferenceId))).map((c) => c.action);
    expect((await commandsOf()).sort()).toEqual(['lock', 'unlock']);
    const forgotten = await forgetOldCommands(new Date());
    expect(forgotten.commands).toBeGreaterThanOrEqual(1);
    expect(await commandsOf()).toEqual(['unlock']);
    // A second round finds nothing more of this conference.
    await forgetOldCommands(new Date());
    expect(await commandsOf()).toEqual(['unlock']);
  });
});
