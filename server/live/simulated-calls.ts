import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { db, listen } from '@/server/db/client';
import { simulatedCallRequests, type SimulatedCallRequest, type SimulatedCallRequestKind } from '@/server/db/schema';
import { DomainError } from '@/server/lib/errors';
import type { Logger } from '@/server/lib/logger';
import { SIMULATOR_LOCK, sipInstanceAlive } from './liveness';

/**
 * The CLI's way to the callers of a sip process on the simulated engine (`call place`, `call keys`,
 * `call talk`, `call hangup`, `call heard`): the same request-row-plus-NOTIFY path as commands,
 * with its own queue. A `place` is taken by whichever simulated process claims it first; the
 * requests about that call then go to the process that holds it.
 */
export const SIMULATED_CALLS_CHANNEL = 'simulated_calls';
export const SIMULATED_CALL_DONE_CHANNEL = 'simulated_call_done';

export class NoSimulatorError extends DomainError {
  constructor() {
    super(503, 'noSimulator', 'No sip process runs on the simulated engine: start one with `SIP_ENGINE=simulated npm start`');
  }
}

export class UnknownSimulatedCallError extends DomainError {
  constructor(callId: string) {
    super(404, 'notFound', `No simulated call ${callId}`);
  }
}

export class SimulatorTimeoutError extends DomainError {
  constructor() {
    super(503, 'simulatorTimeout', 'The simulated sip process did not answer in time');
  }
}

export async function simulatorRunning(): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [row] = await tx.execute<{ free: boolean }>(sql`select pg_try_advisory_xact_lock(${SIMULATOR_LOCK}, 0) as free`);
    return !row.free;
  });
}

export type SimulatedCallAnswer = Record<string, unknown>;

/** `sipInstance` (place only): the simulated process that must take the call; any of them otherwise. */
export async function requestSimulatedCall(
  request: { kind: SimulatedCallRequestKind; callId?: string; args?: Record<string, unknown>; sipInstance?: string },
  opts: { now: Date; timeoutMs: number },
): Promise<SimulatedCallAnswer> {
  let instance: string | null = null;
  let callId = request.callId ?? null;
  if (request.kind === 'place') {
    instance = request.sipInstance ?? null;
    if (!(await simulatorRunning()) || (instance && !(await sipInstanceAlive(instance)))) throw new NoSimulatorError();
    callId = `sim-${randomUUID()}`;
  } else {
    const [placed] = await db()
      .select({ sipInstance: simulatedCallRequests.sipInstance })
      .from(simulatedCallRequests)
      .where(and(eq(simulatedCallRequests.kind, 'place'), eq(simulatedCallRequests.callId, callId ?? '')));
    if (!placed?.sipInstance) throw new UnknownSimulatedCallError(callId ?? '');
    instance = placed.sipInstance;
    if (!(await sipInstanceAlive(instance))) throw new NoSimulatorError();
  }

  await listenForAnswers();
  const id = randomUUID();
  const answered = new Promise<void>((resolve) => waiters.set(id, resolve));
  try {
    await db().transaction(async (tx) => {
      await tx.insert(simulatedCallRequests).values({ id, sipInstance: instance, kind: request.kind, callId, args: request.args ?? {}, createdAt: opts.now });
      await tx.execute(sql`select pg_notify(${SIMULATED_CALLS_CHANNEL}, ${id})`);
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([answered, new Promise<void>((resolve) => (timer = setTimeout(resolve, opts.timeoutMs)))]);
    clearTimeout(timer);
    const [row] = await db().select().from(simulatedCallRequests).where(eq(simulatedCallRequests.id, id));
    if (row.status === 'pending' || row.status === 'running') {
      // Never taken: it must not be taken late. Under way: its answer comes too late for this request.
      await db().execute(sql`update simulated_call_requests set status = 'failed', completed_at = now()
        where id = (select id from simulated_call_requests where id = ${id}::uuid and status = 'pending' for update skip locked)`);
      throw new SimulatorTimeoutError();
    }
    const answer = (row.result ?? {}) as SimulatedCallAnswer;
    if (row.status === 'failed') throw new DomainError(409, 'simulatedCallFailed', String(answer.message ?? 'the simulated call could not do it'));
    return answer;
  } finally {
    waiters.delete(id);
  }
}

const waiters = new Map<string, () => void>();
let listening: Promise<unknown> | undefined;

function listenForAnswers(): Promise<unknown> {
  listening ??= listen(SIMULATED_CALL_DONE_CHANNEL, (id) => waiters.get(id)?.()).catch((err) => {
    listening = undefined;
    throw err;
  });
  return listening;
}

export interface SimulatedCallHandler {
  /** The answer to write on the row; throwing answers `failed` with the error's message. */
  handle(request: SimulatedCallRequest): Promise<SimulatedCallAnswer>;
}

/**
 * The simulated sip process's side: claims `place` requests nobody took yet and requests about
 * its own calls (SKIP LOCKED), runs them side by side (a `place` lasts the whole menu), answers.
 */
export class SimulatedCallConsumer {
  private active = 0;
  private dirty = false;
  private stopped = false;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly opts: { instance: string; handler: SimulatedCallHandler; now: () => Date; log: Logger }) {}

  async start(): Promise<void> {
    this.unlisten = (await listen(SIMULATED_CALLS_CHANNEL, () => this.wake())).unlisten;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.unlisten?.();
  }

  private wake(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (this.active >= 16) return;
    this.active++;
    void this.loop().finally(() => this.active--);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.dirty = false;
      const took = await this.claimOne().catch((err) => {
        this.opts.log.error({ err }, 'simulated call request not processed');
        return false;
      });
      if (!took && !this.dirty) return;
    }
  }

  /**
   * Claimed in a short transaction of its own, then done with no transaction open: a `place`
   * lasts the whole menu, and many at once must not hold the connections its own queries need.
   */
  private async claimOne(): Promise<boolean> {
    const me = this.opts.instance;
    const request = await db().transaction(async (tx) => {
      const [pending] = await tx
        .select()
        .from(simulatedCallRequests)
        .where(
          and(
            eq(simulatedCallRequests.status, 'pending'),
            or(eq(simulatedCallRequests.sipInstance, me), and(isNull(simulatedCallRequests.sipInstance), eq(simulatedCallRequests.kind, 'place'))),
          ),
        )
        .orderBy(asc(simulatedCallRequests.createdAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (pending) await tx.update(simulatedCallRequests).set({ status: 'running', sipInstance: me }).where(eq(simulatedCallRequests.id, pending.id));
      return pending;
    });
    if (!request) return false;
    let status: 'done' | 'failed' = 'done';
    let result: SimulatedCallAnswer;
    try {
      result = await this.opts.handler.handle(request);
    } catch (err) {
      status = 'failed';
      result = { message: err instanceof Error ? err.message : String(err) };
    }
    await db().transaction(async (tx) => {
      await tx.update(simulatedCallRequests).set({ status, result, completedAt: this.opts.now() }).where(eq(simulatedCallRequests.id, request.id));
      await tx.execute(sql`select pg_notify(${SIMULATED_CALL_DONE_CHANNEL}, ${request.id})`);
    });
    return true;
  }
}
