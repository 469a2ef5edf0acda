/**
 * Bad input from a CalDAV server (a local stand-in, since Radicale refuses to store most of it):
 * garbage answers, a malformed VEVENT, an event with no end, absurdly long and recurring-forever
 * events, a 404. The user concerned is marked stale with the reason and keeps the last good busy
 * blocks; nobody else is affected; nothing crashes; nothing is replaced by a guess.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { CalDavCalendarProvider } from '../../src/calendars/caldav';
import { eventsOfICalendar } from '../../src/calendars/ical-events';
import { CalendarSyncError } from '../../src/calendars/port';
import { CalendarSync } from '../../src/calendars/sync';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime, localDayBounds } from '../../src/domain/time';
import type { Directory, OutboxMessage } from '../../src/domain/types';
import { renderSupervisorAlert } from '../../src/delivery/staff-notices';
import { readCalendarBusy } from '../../src/store/calendar-busy';
import { exampleDirectory } from '../invitations/fixtures';
import { testRedis } from '../support/redis';
import { vevent } from './radicale';

const berlin = (date: string, hhmm: string) => localDateTime(date, hhmm);
const tz = (date: string, hhmm: string) => `;TZID=Europe/Berlin:${date.replace(/-/g, '')}T${hhmm.replace(':', '')}00`;
const window = { from: berlin('2026-03-30', '00:00'), to: berlin('2026-05-30', '00:00') };

type Answer = { status: number; type?: string; body: string };
const multistatus = (...ics: string[]) => ({
  status: 207,
  type: 'application/xml; charset=utf-8',
  body:
    '<?xml version="1.0" encoding="utf-8"?><multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">' +
    ics
      .map(
        (c, i) =>
          `<response><href>/cal/e${i}.ics</href><propstat><prop><getetag>"${i}"</getetag>` +
          `<C:calendar-data><![CDATA[${c}]]></C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>`,
      )
      .join('') +
    '</multistatus>',
});
const meeting = (uid: string, day: string, from: string, to: string) =>
  vevent(uid, { start: tz(day, from), end: tz(day, to) });

describe('bad input from a CalDAV server', () => {
  const t = testRedis('caldav-bad');
  const answers = new Map<string, Answer>();
  const alerts: ({ key: string } & Extract<OutboxMessage, { kind: 'supervisor-alert' }>)[] = [];
  let server: Server;
  let url: string;
  const directory: Directory = exampleDirectory();
  const clock = new ManualClock(berlin('2026-03-30', '06:00'));
  let sync: CalendarSync;
  let provider: CalDavCalendarProvider;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const upn = decodeURIComponent((req.url ?? '').split('/')[1] ?? '');
      req.resume();
      req.on('end', () => {
        // PROPFIND (ctag): none, so every read is a full one.
        const a: Answer =
          req.method === 'PROPFIND'
            ? { status: 207, type: 'application/xml', body: '<multistatus xmlns="DAV:"></multistatus>' }
            : (answers.get(upn) ?? multistatus());
        res.writeHead(a.status, a.type ? { 'content-type': a.type } : {});
        res.end(a.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    provider = new CalDavCalendarProvider({ urlTemplate: `${url}/{upn}/calendar/` });
    sync = new CalendarSync({
      provider,
      redis: t.redis,
      directory: () => directory,
      clock,
      logger: pino({ level: 'silent' }),
      tentativeIsBusy: true,
      staleAfterMs: 30 * 60_000,
      alert: (key, msg) => Promise.resolve(alerts.push({ key, ...msg })),
    });
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.cleanup();
  });

  const owner = (upn: string) => ({ id: upn, upn, aadObjectId: upn });
  const reasonOf = async (a: Answer) => {
    answers.set('x@test', a);
    try {
      await provider.read(owner('x@test'), window, undefined);
      return 'read';
    } catch (e) {
      return e instanceof CalendarSyncError ? e.reason : `crash: ${String(e)}`;
    }
  };

  it('refuses garbage answers with a reason instead of reading them as an empty calendar', async () => {
    expect(await reasonOf({ status: 200, type: 'text/html', body: '<html>Wartungsarbeiten</html>' })).toBe(
      'invalid-response',
    );
    expect(await reasonOf({ status: 207, type: 'application/xml', body: '' })).toBe('invalid-response');
    expect(await reasonOf({ status: 207, type: 'application/xml', body: '<<<not xml' })).toBe('invalid-response');
    expect(await reasonOf({ status: 200, type: 'application/xml', body: '<html/>' })).toBe('invalid-response');
    expect(
      await reasonOf({
        status: 207,
        type: 'application/xml',
        body: '<multistatus xmlns="DAV:"><response><href>/a.ics</href><propstat><prop/><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>',
      }),
    ).toBe('invalid-response');
    expect(await reasonOf({ status: 404, body: 'no such user' })).toBe('not-found');
    expect(await reasonOf({ status: 401, body: '' })).toBe('unauthorized');
    expect(await reasonOf({ status: 503, body: '' })).toBe('unavailable');
  });

  it('refuses a malformed VEVENT and a recurrence too dense to expand, with the reason', () => {
    const bad = [
      vevent('a', { start: ':notadate', end: ':20260401T100000Z' }),
      vevent('b', { start: ':20260401T100000Z', end: ':20260401T090000Z' }),
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:c\r\nDTSTART:20260401T10',
      vevent('d', { start: ':20260101T000000Z', end: ':20260101T000100Z', extra: ['RRULE:FREQ=MINUTELY'] }),
    ];
    for (const ics of bad) expect(() => eventsOfICalendar(ics, window)).toThrow(CalendarSyncError);
  });

  it('reads an event with no end by RFC 5545, clips an absurdly long one, expands a weekly one forever', () => {
    const noEndTimed = eventsOfICalendar(vevent('e', { start: tz('2026-04-01', '10:00') }), window);
    expect(noEndTimed).toEqual([
      { start: berlin('2026-04-01', '10:00'), end: berlin('2026-04-01', '10:00'), showAs: 'busy', uid: 'e' },
    ]);
    const noEndDay = eventsOfICalendar(vevent('f', { start: ';VALUE=DATE:20260401' }), window);
    expect(noEndDay[0]?.allDay).toEqual({ from: '2026-04-01', toExclusive: '2026-04-02' });
    const absurd = eventsOfICalendar(vevent('g', { start: ':20000101T000000Z', end: ':21000101T000000Z' }), window);
    expect(absurd).toHaveLength(1);
    const weekly = eventsOfICalendar(
      vevent('h', { start: tz('1990-01-03', '13:00'), end: tz('1990-01-03', '14:00'), extra: ['RRULE:FREQ=WEEKLY'] }),
      window,
    );
    expect(weekly).toHaveLength(9); // every Wednesday from 2026-04-01 to 2026-05-27
    expect(weekly[0]!.start).toBe(berlin('2026-04-01', '13:00'));
  });

  it('keeps the last good blocks of the one calendar that turned bad; everybody else syncs on', async () => {
    const jonas = 'jonas.becker@seelze.example';
    const anna = 'anna.schulz@seelze.example';
    answers.set(jonas, multistatus(meeting('m1', '2026-03-31', '09:00', '10:00')));
    answers.set(anna, multistatus(meeting('m2', '2026-03-31', '11:00', '12:00')));
    answers.set(
      'murat.yilmaz@seelze.example',
      multistatus(vevent('long', { start: ':20000101T000000Z', end: ':21000101T000000Z' })),
    );
    expect(await sync.syncAll()).toMatchObject({ synced: 13, failed: 0 });

    answers.set(jonas, { status: 200, type: 'text/html', body: 'garbage' });
    answers.set(anna, multistatus(meeting('m2', '2026-03-31', '14:00', '15:00')));
    answers.set('leonie.wagner@seelze.example', multistatus(vevent('x', { start: ':garbage' })));
    answers.set('katrin.hoffmann@seelze.example', { status: 404, body: '' });
    clock.advance(31 * 60_000);
    expect(await sync.syncAll()).toMatchObject({ synced: 10, failed: 3 });

    const busy = await readCalendarBusy(
      t.redis,
      ['jonas-becker', 'anna-schulz', 'murat-yilmaz'],
      window.from,
      window.to,
    );
    expect(busy).toEqual([
      { staffId: 'jonas-becker', start: berlin('2026-03-31', '09:00'), end: berlin('2026-03-31', '10:00') }, // kept
      { staffId: 'anna-schulz', start: berlin('2026-03-31', '14:00'), end: berlin('2026-03-31', '15:00') }, // moved
      { staffId: 'murat-yilmaz', start: localDayBounds('2026-03-30').start, end: sync.window(clock.now()).to }, // clipped to the window
    ]);
    // Last success more than 30 minutes ago: stale, each with its reason.
    const stale = (await sync.staleCalendars()).map((s) => [s.staffId, s.lastError]);
    expect(stale).toEqual([
      ['jonas-becker', 'invalid-response'],
      ['leonie-wagner', 'malformed-event'],
      ['katrin-hoffmann', 'not-found'],
    ]);
    // One supervisor alert per stale calendar, to the supervisors of the team, not on every run.
    expect(alerts.map((a) => a.staffIds)).toEqual([['anna-schulz'], ['anna-schulz'], ['anna-schulz']]);
    // In each supervisor's language, from the alert's facts.
    const de = renderSupervisorAlert(alerts[0]!, 'de').text;
    const en = renderSupervisorAlert(alerts[0]!, 'en').text;
    expect(de).toContain('Der Kalender von Jonas Becker wurde');
    expect(de).toContain('invalid-response');
    expect(en).toContain('The calendar of Jonas Becker has');
    expect(en).toContain('invalid-response');
    clock.advance(5 * 60_000);
    expect(await sync.syncAll()).toMatchObject({ stale: 3, alerted: 0 });
    // Fixed: the next success ends the stale period; a later one would alert again.
    answers.set(jonas, multistatus());
    clock.advance(5 * 60_000);
    expect(await sync.syncAll()).toMatchObject({ stale: 2, alerted: 0 });
    expect((await sync.statuses()).find((s) => s.staffId === 'jonas-becker')).not.toHaveProperty('alertedAt');
  });
});
