/**
 * The CalDAV provider against a real Radicale: what is in Jonas's calendar is never offered and
 * never confirmable; a moved or deleted meeting frees the time after the next sync; a weekly
 * meeting blocks every week; a missing calendar marks only that user stale.
 */
import pino from 'pino';
import { confirmBooking, holdSlot, type BookingDeps } from '../../src/app/book';
import { CalDavCalendarProvider } from '../../src/calendars/caldav';
import { CalendarSync } from '../../src/calendars/sync';
import { ManualClock } from '../../src/domain/clock';
import { isDomainError } from '../../src/domain/errors';
import { localDateOf, localDateTime, localTimeOf } from '../../src/domain/time';
import type { Directory } from '../../src/domain/types';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { exampleDirectory } from '../invitations/fixtures';
import { testRedis } from '../support/redis';
import { staffSlots } from '../support/staff-slots';
import { Radicale, RADICALE_USER, vevent } from './radicale';

const JONAS = 'jonas-becker';
const ANNA = 'anna-schulz';
const berlin = (date: string, hhmm: string) => localDateTime(date, hhmm);
const tz = (date: string, hhmm: string) => `;TZID=Europe/Berlin:${date.replace(/-/g, '')}T${hhmm.replace(':', '')}00`;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
}

describe('staff calendars over CalDAV (real Radicale)', () => {
  const t = testRedis('caldav');
  let radicale: Radicale;
  let directory: Directory;
  let jonasUpn: string;
  const clock = new ManualClock(berlin('2026-03-30', '06:00')); // Monday, team A on site this week
  let sync: CalendarSync;
  let deps: BookingDeps;
  let n = 0;

  beforeAll(async () => {
    radicale = await Radicale.start();
    directory = exampleDirectory();
    jonasUpn = directory.staff.find((s) => s.id === JONAS)!.upn;
    // Everyone but Leonie has a calendar (hers answers 404).
    for (const s of directory.staff) if (s.id !== 'leonie-wagner') await radicale.createCalendar(s.upn);
    const provider = new CalDavCalendarProvider({
      urlTemplate: `${radicale.url}/{upn}/calendar/`,
      username: RADICALE_USER,
      password: 'secret',
    });
    sync = new CalendarSync({
      provider,
      redis: t.redis,
      directory: () => directory,
      clock,
      logger: pino({ level: 'silent' }),
      tentativeIsBusy: true,
      staleAfterMs: 30 * 60_000,
    });
    deps = {
      directory,
      clock,
      store: new AppointmentStore(t.redis, clock),
      absences: new AbsenceStore(t.redis),
      holdTtlSeconds: 300,
      calendars: sync,
    };
  }, 30_000);
  afterAll(async () => {
    await radicale?.stop();
    await t.cleanup();
  });

  const offered = async (staffId: string, day: string, serviceId = 'meldewesen') =>
    (await staffSlots(deps, { actorId: staffId, staffId, serviceId, channel: 'video', day, count: 100 })).slots.map(
      (s) => localTimeOf(s.start),
    );
  const hold = (staffId: string, day: string, hhmm: string) =>
    codeOf(
      holdSlot(deps, {
        actorId: staffId,
        staffId,
        serviceId: 'meldewesen',
        channel: 'video',
        start: berlin(day, hhmm),
      }),
    );
  const confirm = (staffId: string, day: string, hhmm: string, holdToken = '') =>
    codeOf(
      confirmBooking(deps, {
        actorId: staffId,
        staffId,
        serviceId: 'meldewesen',
        channel: 'video',
        start: berlin(day, hhmm),
        holdToken,
        clientKey: `ck-${++n}`,
        citizen: { name: 'Erika Muster', email: 'erika@example.org', language: 'de' },
      }),
    );

  it('never offers nor confirms a time of a meeting in Jonas’s calendar; colleagues are unaffected', async () => {
    await radicale.putEvent(
      jonasUpn,
      'team',
      vevent('team-1@example', { start: tz('2026-03-31', '09:00'), end: tz('2026-03-31', '10:00') }),
    );
    const result = await sync.syncAll();
    expect(result).toMatchObject({ failed: 1, stale: 0 }); // Leonie's 404, not stale yet
    const jonas = await offered(JONAS, '2026-03-31');
    expect(jonas.length).toBeGreaterThan(0);
    expect(jonas.filter((s) => s >= '08:45' && s < '10:00')).toEqual([]); // 15 min + buffers never touch 09–10
    expect(await offered(ANNA, '2026-03-31')).toContain('09:00');
    expect(await hold(JONAS, '2026-03-31', '09:15')).toBe('slot-taken');
    expect(await confirm(JONAS, '2026-03-31', '09:30')).toBe('slot-taken');
    expect(await confirm(ANNA, '2026-03-31', '09:30')).toBe('ok');
  });

  it('catches at confirm a meeting entered after the slot was held', async () => {
    const held = await holdSlot(deps, {
      actorId: JONAS,
      staffId: JONAS,
      serviceId: 'meldewesen',
      channel: 'video',
      start: berlin('2026-03-31', '11:00'),
    });
    expect(held.calendar).toMatchObject({ label: 'Kalender', fresh: true });
    await radicale.putEvent(
      jonasUpn,
      'late',
      vevent('late-1@example', { start: tz('2026-03-31', '11:00'), end: tz('2026-03-31', '11:30') }),
    );
    await sync.syncAll();
    expect(await confirm(JONAS, '2026-03-31', '11:00', held.token)).toBe('slot-taken');
  });

  it('refreshes Jonas’s calendar just in time when a slot is held', async () => {
    await radicale.putEvent(
      jonasUpn,
      'jit',
      vevent('jit-1@example', { start: tz('2026-04-01', '08:00'), end: tz('2026-04-01', '09:00') }),
    );
    // No sync ran since: the search still offers 08:15, the hold refuses it after the check.
    expect(await offered(JONAS, '2026-04-01')).toContain('08:15');
    expect(await hold(JONAS, '2026-04-01', '08:15')).toBe('slot-taken');
  });

  it('frees the time after the next sync when a meeting is moved, and again when it is deleted', async () => {
    await radicale.putEvent(
      jonasUpn,
      'team',
      vevent('team-1@example', { start: tz('2026-03-31', '14:00'), end: tz('2026-03-31', '15:00') }),
    );
    await sync.syncAll();
    expect(await offered(JONAS, '2026-03-31')).toContain('09:15');
    expect(await hold(JONAS, '2026-03-31', '14:15')).toBe('slot-taken');
    await radicale.deleteEvent(jonasUpn, 'team');
    await sync.syncAll();
    expect(await hold(JONAS, '2026-03-31', '14:15')).toBe('ok');
  });

  it('blocks every week of a weekly recurring meeting, except a cancelled occurrence', async () => {
    await radicale.putEvent(
      jonasUpn,
      'weekly',
      vevent('weekly-1@example', {
        start: tz('2026-01-07', '13:00'),
        end: tz('2026-01-07', '14:00'),
        extra: ['RRULE:FREQ=WEEKLY;BYDAY=WE', `EXDATE${tz('2026-04-15', '13:00')}`],
      }),
    );
    await sync.syncAll();
    for (const wed of ['2026-04-01', '2026-04-08', '2026-04-22']) {
      const slots = await offered(JONAS, wed);
      expect(slots.length).toBeGreaterThan(0);
      expect(slots.filter((s) => s >= '12:45' && s < '14:00')).toEqual([]);
    }
    expect(await offered(JONAS, '2026-04-15')).toContain('13:00');
  });

  it('never counts the bot’s own appointment (its staff copy in the calendar) twice', async () => {
    const booked = await confirmBooking(deps, {
      actorId: JONAS,
      staffId: JONAS,
      serviceId: 'meldewesen',
      channel: 'video',
      start: berlin('2026-04-02', '10:00'),
      holdToken: '',
      clientKey: `ck-${++n}`,
      citizen: { name: 'Erika Muster', email: 'erika@example.org', language: 'de' },
    });
    await radicale.putEvent(
      jonasUpn,
      'copy',
      vevent(booked.appointment.uid, { start: tz('2026-04-02', '10:00'), end: tz('2026-04-02', '10:15') }),
    );
    await sync.syncAll();
    // Rescheduling it by 15 minutes overlaps its own Outlook copy: allowed, the copy is no meeting.
    const slots = await staffSlots(deps, {
      actorId: JONAS,
      staffId: JONAS,
      serviceId: 'meldewesen',
      channel: 'video',
      day: '2026-04-02',
      count: 100,
      ignoreAppointmentId: booked.appointment.id,
    });
    expect(slots.slots.map((s) => localTimeOf(s.start))).toContain('10:00');
    expect(localDateOf(booked.appointment.start)).toBe('2026-04-02');
  });

  it('marks only the user with a missing calendar stale, with the reason, once past the threshold', async () => {
    clock.advance(31 * 60_000);
    const result = await sync.syncAll();
    expect(result.failed).toBe(1);
    const stale = await sync.staleCalendars();
    expect(stale.map((s) => [s.staffId, s.lastError])).toEqual([['leonie-wagner', 'not-found']]);
    const jonas = (await sync.statuses()).find((s) => s.staffId === JONAS)!;
    expect(jonas.lastSuccess).toBe(clock.now());
    expect(jonas.lastError).toBeUndefined();
  });
});
