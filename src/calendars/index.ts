/**
 * Staff members' own calendars. `createCalendarProvider(env)` picks the provider named by
 * CALENDAR_PROVIDER:
 *   none     directory working hours only (default; no sync job, no just-in-time check)
 *   caldav   CALDAV_URL with {upn}, CALDAV_USERNAME / CALDAV_PASSWORD (caldav.ts)
 * The sync (sync.ts) turns what a provider reads into busy blocks in Redis.
 */
import { ConfigError, type Env } from '../config/env';
import { CalDavCalendarProvider } from './caldav';
import { noCalendarProvider, type CalendarProvider } from './port';

export { CalendarSync, type CalendarSyncDeps, type SyncAllResult } from './sync';
export { CalendarSyncError, isCalendarSyncError, noCalendarProvider, type CalendarProvider } from './port';

export type CalendarEnv = Pick<Env, 'CALENDAR_PROVIDER' | 'CALDAV_URL' | 'CALDAV_USERNAME' | 'CALDAV_PASSWORD'>;

export function createCalendarProvider(env: CalendarEnv): CalendarProvider {
  if (env.CALENDAR_PROVIDER === 'none') return noCalendarProvider;
  if (!env.CALDAV_URL)
    throw new ConfigError('Invalid configuration: CALDAV_URL: required with CALENDAR_PROVIDER=caldav');
  return new CalDavCalendarProvider({
    urlTemplate: env.CALDAV_URL,
    ...(env.CALDAV_USERNAME !== undefined ? { username: env.CALDAV_USERNAME } : {}),
    ...(env.CALDAV_PASSWORD !== undefined ? { password: env.CALDAV_PASSWORD } : {}),
  });
}
