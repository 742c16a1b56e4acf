/** How long a FreeSWITCH or drachtio-server command may take before we stop waiting for it. */
export const COMMAND_TIMEOUT_MS = 5_000;

/**
 * `operation`, or a rejection naming `what` once `ms` have passed without an answer. Some fsmrf
 * promises never settle (TELEPHONY.md); ending a call or a conference must not hang on them.
 */
export async function withTimeout<T>(operation: Promise<T>, what: string, ms = COMMAND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([operation, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
