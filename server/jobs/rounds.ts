/**
 * Runs `work` one round at a time. A request during a round asks for one more round after it:
 * rows written while a round ran may have been committed after its last look.
 */
export function serialRounds(work: () => Promise<void>) {
  let current: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const request = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (current) {
      again = true;
      return current;
    }
    current = work().finally(() => {
      current = undefined;
      if (again) {
        again = false;
        void request();
      }
    });
    return current;
  };

  /** No round starts any more; resolves when the one in progress is over. */
  const close = async (): Promise<void> => {
    closed = true;
    await current;
  };

  return { request, close };
}
