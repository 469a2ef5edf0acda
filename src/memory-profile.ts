import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow beyond what survived the last full collection before it
 * collects again: 2× (V8's own choice on a machine with memory to spare goes up to 4×). Under load each
 * turn promotes a little garbage; at up to 4× the bot's ~50 MB live heap grew to ~210 MB before a full
 * collection, the echo bot's ~38 MB to ~160 MB — the larger live heap was allowed the larger peak.
 * Measured 2026-12-07 (README, memory row): peak RSS under the `hilfe` load 305–347 → 211–219 MB; the
 * extra full collections pause it ~1 % of its CPU time, CPU a turn unchanged within the noise (1.5×
 * cost ~7 % a turn, --optimize-for-size twice the CPU).
 */
export const HEAP_GROWTH_FLAG = '--heap-growing-percent=100';

/**
 * Sets the process's memory profile. V8 reads this flag whenever it computes the next collection's
 * limit, so setting it after start-up applies to the running process — however it was started
 * (`node dist/src/main.js`, the image's CMD, npm run serve). A flag the operator passes to node wins.
 */
export function applyMemoryProfile(
  nodeArgs: readonly string[] = [...process.execArgv, process.env.NODE_OPTIONS ?? ''],
): boolean {
  if (nodeArgs.some((a) => a.includes('--heap-growing-percent') || a.includes('--heap_growing_percent'))) return false;
  setFlagsFromString(HEAP_GROWTH_FLAG);
  return true;
}
