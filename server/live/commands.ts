import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { logAction } from '@/server/conferences/live-state';
import { db, listen } from '@/server/db/client';
import { conferenceCommands, conferences, participants, type CommandAction, type ConferenceCommand } from '@/server/db/schema';
import { DomainError, NotFoundError } from '@/server/lib/errors';
import type { Logger } from '@/server/lib/logger';
import { sipInstanceAlive } from './liveness';

/**
 * Commands in (ARCHITECTURE "the live path", L-2): a web process asks the sip process that owns
 * a conference to act, through a row of conference_commands and a NOTIFY on that process's
 * channel; the sip process claims the row, acts, writes the result on it and NOTIFYs
 * COMMAND_DONE_CHANNEL. No broker but PostgreSQL.
 */
export const COMMAND_DONE_CHANNEL = 'command_done';
export const DEFAULT_COMMAND_TIMEOUT_MS = 3_000;
/** A handler that hangs must not hold its row (and a connection) forever. */
const HANDLER_TIMEOUT_MS = 15_000;

export type CommandOutcome = 'ok' | 'dialing' | 'participant-left' | 'conference-ended' | 'failed';
export interface CommandResult {
  result: CommandOutcome;
  message?: string;
}

export interface CommandBy {
  kind: 'user' | 'link' | 'api';
  id: string | null;
}

export interface CommandRequest {
  tenantId: string;
  conferenceId: string;
  action: CommandAction;
  participantId?: string | null;
  args?: Record<string, unknown>;
  by: CommandBy;
}

/** The conference is over: nothing to act on (API 409). */
export class ConferenceEndedError extends DomainError {
  constructor() {
    super(409, 'conferenceEnded', 'The conference has ended');
  }
}

/** The sip process that runs the conference is gone or did not answer in time (API 503). */
export class SipUnavailableError extends DomainError {
  constructor(readonly reason: 'gone' | 'timeout') {
    super(
      503,
      'sipUnavailable',
      reason === 'gone'
        ? 'The telephony process running this conference is not available'
        : 'The telephony process running this conference did not answer in time; try again',
    );
  }
}

/** Channel names are at most 63 bytes and instance ids are free text: a hash names them. */
export function commandChannelOf(sipInstance: string): string {
  return `sip_${createHash('sha256').update(sipInstance).digest('hex').slice(0, 32)}`;
}

/** Actions about one participant: refused without one. */
const ABOUT_A_PARTICIPANT: ReadonlySet<CommandAction> = new Set(['mute', 'unmute', 'kick', 'promote', 'demote']);

export async function requestCommand(input: CommandRequest, opts: { now: Date; timeoutMs?: number }): Promise<CommandResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const [conference] = await db()
    .select({ endedAt: conferences.endedAt, sipInstance: conferences.sipInstance })
    .from(conferences)
    .where(and(eq(conferences.tenantId, input.tenantId), eq(conferences.id, input.conferenceId)));
  if (!conference) throw new NotFoundError('Conference');
  if (conference.endedAt) throw new ConferenceEndedError();
  const participantId = input.participantId ?? null;
  if (ABOUT_A_PARTICIPANT.has(input.action) && !participantId) throw new NotFoundError('Participant');
  if (participantId) {
    const [participant] = await db()
      .select({ leftAt: participants.leftAt })
      .from(participants)
      .where(and(eq(participants.tenantId, input.tenantId), eq(participants.conferenceId, input.conferenceId), eq(participants.id, participantId)));
    if (!participant) throw new NotFoundError('Participant');
    // Changes nothing and answers clearly (L-2); nothing goes to the sip process, the log shows it.
    if (participant.leftAt) {
      await logAction({ tenantId: input.tenantId, conferenceId: input.conferenceId, at: opts.now, by: input.by, action: input.action, participantId, result: 'participant-left' });
      return { result: 'participant-left', message: 'The participant has already left' };
    }
  }
  if (!(await sipInstanceAlive(conference.sipInstance))) throw new SipUnavailableError('gone');

  await listenForResults();
  const id = randomUUID();
  const answered = new Promise<CommandResult>((resolve) => waiters.set(id, resolve));
  try {
    await db().transaction(async (tx) => {
      await tx.insert(conferenceCommands).values({
        id,
        tenantId: input.tenantId,
        conferenceId: input.conferenceId,
        sipInstance: conference.sipInstance,
        action: input.action,
        participantId,
        args: input.args ?? {},
        requestedBy: input.by,
        createdAt: opts.now,
      });
      await tx.execute(sql`select pg_notify(${commandChannelOf(conference.sipInstance)}, ${id})`);
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    const result = await Promise.race([answered, timedOut]);
    clearTimeout(timer);
    return result ?? (await giveUp(input.tenantId, id));
  } finally {
    waiters.delete(id);
  }
}

/**
 * No answer in time: the row is marked failed so that the sip process never acts on it late. A
 * row the sip process is working on right now (locked) is left to it; its answer arrived too
 * late for this request either way, unless it is already written.
 */
async function giveUp(tenantId: string, id: string): Promise<CommandResult> {
  const failed = await db().execute(sql`
    update conference_commands
    set status = 'failed', result = ${JSON.stringify({ result: 'failed', message: 'timeout' })}::jsonb, completed_at = now()
    where id = (select id from conference_commands where id = ${id}::uuid and status = 'pending' for update skip locked)
    returning id`);
  if (failed.length === 0) {
    const [row] = await db()
      .select({ status: conferenceCommands.status, result: conferenceCommands.result })
      .from(conferenceCommands)
      .where(and(eq(conferenceCommands.tenantId, tenantId), eq(conferenceCommands.id, id)));
    if (row && row.status !== 'pending' && row.result) return row.result as CommandResult;
  }
  throw new SipUnavailableError('timeout');
}

/** One LISTEN per process for every answer; each request waits on its own id. */
const waiters = new Map<string, (result: CommandResult) => void>();
let listening: Promise<unknown> | undefined;

function listenForResults(): Promise<unknown> {
  listening ??= listen(COMMAND_DONE_CHANNEL, (payload) => {
    const done = parseDone(payload);
    if (done) waiters.get(done.id)?.(done.outcome);
  }).catch((err) => {
    listening = undefined;
    throw err;
  });
  return listening;
}

function parseDone(payload: string): { id: string; outcome: CommandResult } | null {
  try {
    const parsed = JSON.parse(payload) as { id?: unknown; result?: unknown; message?: unknown };
    if (typeof parsed.id !== 'string' || typeof parsed.result !== 'string') return null;
    const outcome: CommandResult = { result: parsed.result as CommandOutcome };
    if (typeof parsed.message === 'string') outcome.message = parsed.message;
    return { id: parsed.id, outcome };
  } catch {
    return null;
  }
}

/** What the sip process does with a command: the registry of its conferences. */
export interface CommandHandler {
  execute(command: ConferenceCommand): Promise<CommandResult>;
}

/**
 * The sip side: claims the pending commands of its instance (SKIP LOCKED, so two loops never take
 * the same row), on each NOTIFY and once at start (commands sent while it was away), runs them,
 * and answers on the row. Commands of different conferences run side by side, a few at a time.
 */
export class CommandConsumer {
  private active = 0;
  private dirty = false;
  private stopped = false;
  private unlisten: (() => Promise<void>) | undefined;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: (() => void) | undefined;

  constructor(
    private readonly opts: { instance: string; handler: CommandHandler; now: () => Date; log: Logger; concurrency?: number; handlerTimeoutMs?: number },
  ) {}

  async start(): Promise<void> {
    const subscription = await listen(commandChannelOf(this.opts.instance), () => this.wake());
    this.unlisten = subscription.unlisten;
    this.wake();
  }

  /** Stops taking commands and waits for those under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.unlisten?.();
    await this.idle;
  }

  private wake(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (this.active >= (this.opts.concurrency ?? 4)) return;
    if (this.active === 0) this.idle = new Promise((resolve) => (this.markIdle = resolve));
    this.active++;
    void this.loop().finally(() => {
      this.active--;
      if (this.active === 0) this.markIdle?.();
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.dirty = false;
      const took = await this.claimOne().catch((err) => {
        this.opts.log.error({ err, instance: this.opts.instance }, 'command not processed');
        return false;
      });
      // A notice that came while this loop looked may be for a row it could not see yet.
      if (!took && !this.dirty) return;
    }
  }

  private async claimOne(): Promise<boolean> {
    return db().transaction(async (tx) => {
      const [command] = await tx
        .select()
        .from(conferenceCommands)
        .where(and(eq(conferenceCommands.sipInstance, this.opts.instance), eq(conferenceCommands.status, 'pending')))
        .orderBy(asc(conferenceCommands.createdAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!command) return false;
      const outcome = await this.run(command);
      await tx
        .update(conferenceCommands)
        .set({ status: outcome.result === 'failed' ? 'failed' : 'done', result: outcome, completedAt: this.opts.now() })
        .where(eq(conferenceCommands.id, command.id));
      await tx.execute(sql`select pg_notify(${COMMAND_DONE_CHANNEL}, ${JSON.stringify({ id: command.id, ...outcome })})`);
      return true;
    });
  }

  private async run(command: ConferenceCommand): Promise<CommandResult> {
    let timer: NodeJS.Timeout | undefined;
    const tooLong = new Promise<CommandResult>((resolve) => {
      timer = setTimeout(() => resolve({ result: 'failed', message: 'the telephony process did not finish in time' }), this.opts.handlerTimeoutMs ?? HANDLER_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.opts.handler.execute(command), tooLong]);
    } catch (err) {
      this.opts.log.error({ err, commandId: command.id, action: command.action }, 'command failed');
      return { result: 'failed', message: 'the telephony process could not do it' };
    } finally {
      clearTimeout(timer);
    }
  }
}
