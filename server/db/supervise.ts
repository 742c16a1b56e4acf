import type { DatabaseHandle } from './embedded';

interface Log {
  error: (obj: object | string, msg?: string) => void;
  warn: (obj: object | string, msg?: string) => void;
}

/**
 * The launcher's watch over the embedded PostgreSQL: one that dies (killed, out of memory) is
 * started again on the same port and data, so that the processes' connection strings stay valid
 * and they reconnect on their next query; each step is logged. Returns a function that stops it.
 */
export function superviseDatabase(supervision: NonNullable<DatabaseHandle['supervision']>, log: Log, everyMs = 1000): () => void {
  let busy = false;
  let down = false;
  const check = async () => {
    if (busy) return;
    busy = true;
    try {
      if (await supervision.running()) return;
      if (!down) log.error('embedded PostgreSQL stopped unexpectedly; restarting it');
      down = true;
      await supervision.restart();
      down = false;
      log.warn('embedded PostgreSQL restarted');
    } catch (error) {
      log.error({ err: error }, 'embedded PostgreSQL could not be restarted yet; trying again');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
