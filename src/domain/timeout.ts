/** Returned by `within` when the time ran out first. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * `work`'s result, or TIMED_OUT when it takes longer than `ms` (the work itself is not cancelled;
 * its later rejection is swallowed). The timer is cleared either way, so it never holds the process.
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
