/**
 * Staff members' own calendars. `createCalendarProvider(env, graph)` picks the provider named by
 * CALENDAR_PROVIDER:
 *   none     directory working hours only (default; no sync job, no just-in-time check)
 *   graph    Microsoft 365 through Graph (GRAPH_TENANT_ID / _CLIENT_ID / _CLIENT_SECRET; graph.ts),
 *            sharing the Graph client (token cache) of the meeting provider
 *   caldav   CALDAV_URL with {upn}, CALDAV_USERNAME / CALDAV_PASSWORD (caldav.ts)
 * The sync (sync.ts) turns what a provider reads into busy blocks in Redis.
 */
import { ConfigError, type Env } from '../config/env';
import type { GraphClient } from '../meetings/graph';
import { CalDavCalendarProvider } from './caldav';
import { GraphCalendarProvider } from './graph';
import { noCalendarProvider, type CalendarProvider } from './port';

export { CalendarSync } from './sync';
export type { CalendarProvider } from './port';

export type CalendarEnv = Pick<Env, 'CALENDAR_PROVIDER' | 'CALDAV_URL' | 'CALDAV_USERNAME' | 'CALDAV_PASSWORD'>;

export function createCalendarProvider(env: CalendarEnv, graph?: GraphClient): CalendarProvider {
  switch (env.CALENDAR_PROVIDER) {
    case 'none':
      return noCalendarProvider;
    case 'graph':
      if (!graph)
        throw new ConfigError(
          'Invalid configuration: GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET: required with CALENDAR_PROVIDER=graph',
        );
      return new GraphCalendarProvider(graph);
    case 'caldav':
      if (!env.CALDAV_URL)
        throw new ConfigError('Invalid configuration: CALDAV_URL: required with CALENDAR_PROVIDER=caldav');
      return new CalDavCalendarProvider({
        urlTemplate: env.CALDAV_URL,
        ...(env.CALDAV_USERNAME !== undefined ? { username: env.CALDAV_USERNAME } : {}),
        ...(env.CALDAV_PASSWORD !== undefined ? { password: env.CALDAV_PASSWORD } : {}),
      });
  }
}
