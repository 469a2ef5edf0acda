/** jest globalTeardown: stops the suite's own redis-server (test/support/global-setup.ts). */
import type { SuiteRedis } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { suiteRedis?: SuiteRedis }).suiteRedis?.server.stop();
}
