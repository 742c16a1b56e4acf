import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import type { Logger } from '@/server/lib/logger';

/**
 * Is the sip process that owns a conference alive? Each sip process holds a session advisory
 * lock named after its instance on a connection of its own for as long as it runs; PostgreSQL
 * drops it the moment that process or its connection dies. A requester that can take the same
 * lock (for the length of one transaction) knows nobody answers there, and fails at once rather
 * than waiting for a timeout (L-2: never hangs).
 */
export const SIP_LIVENESS_LOCK = 4242;
/** Every sip process on the simulated engine also holds this one, shared: the CLI's `call place` finds whether one runs. */
export const SIMULATOR_LOCK = 4243;

/** How often the holder checks that its connection (and so its lock) is still the one it took. */
const HEARTBEAT_MS = 5_000;

export class InstanceTakenError extends Error {
  constructor(instance: string) {
    super(`another sip process runs with SIP_INSTANCE_ID=${instance}: give each sip process its own instance id`);
  }
}

export async function sipInstanceAlive(instance: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [row] = await tx.execute<{ free: boolean }>(sql`select pg_try_advisory_xact_lock(${SIP_LIVENESS_LOCK}, hashtext(${instance})) as free`);
    return !row.free;
  });
}

/**
 * Takes the instance's lock for the life of the process. Refuses when another live process holds
 * it (two processes with one instance id would steal each other's commands). A reconnect loses
 * the lock silently, so a heartbeat notices a new backend and takes it again.
 */
export async function holdInstanceLock(
  instance: string,
  log: Logger,
  opts: { simulated?: boolean; databaseUrl?: string; heartbeatMs?: number } = {},
): Promise<{ release: () => Promise<void> }> {
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
  const simulated = opts.simulated ?? false;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const client = postgres(databaseUrl, { max: 1, idle_timeout: 0, max_lifetime: null, onnotice: () => {} });
  let backend = await take(client, instance, simulated).catch(async (err) => {
    await client.end({ timeout: 1 });
    throw err;
  });
  let stopped = false;
  const heartbeat = setInterval(() => {
    void (async () => {
      const [row] = await client<{ pid: number }[]>`select pg_backend_pid() as pid`;
      if (stopped || row.pid === backend) return;
      log.warn({ instance }, 'database connection renewed: taking the sip liveness lock again');
      backend = await take(client, instance, simulated);
    })().catch((err) => log.error({ err, instance }, 'sip liveness lock not held: commands to this process will be refused'));
  }, opts.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  return {
    release: async () => {
      stopped = true;
      clearInterval(heartbeat);
      await client.end({ timeout: 5 });
    },
  };
}

/** A restarting process may find its own lock still held for a moment by a requester's check: a few tries. */
async function take(client: postgres.Sql, instance: string, simulated: boolean): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [row] = await client<{ taken: boolean; pid: number }[]>`select pg_try_advisory_lock(${SIP_LIVENESS_LOCK}, hashtext(${instance})) as taken, pg_backend_pid() as pid`;
    if (row.taken && simulated) await client`select pg_advisory_lock_shared(${SIMULATOR_LOCK}, 0)`;
    if (row.taken) return row.pid;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new InstanceTakenError(instance);
}
