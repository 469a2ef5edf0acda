/**
 * Runs tasks one after another, never two at once. For work that costs only the process's CPU: a burst
 * of it (sixteen supervisors asking for the summary at once) then queues behind itself instead of
 * between every clerk's turn on the one Node thread. A failed task does not stop the ones after it.
 */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
