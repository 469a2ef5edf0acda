/**
 * The Graph calendar provider against a local stand-in (never Microsoft's endpoints): delta paging,
 * incremental changes, 410 → full resync, 429 with Retry-After, 401 → token refresh, getSchedule
 * for the just-in-time check, own appointments recognised by the UID inside iCalUId, 404 for one user.
 */
import pino from 'pino';
import { confirmBooking, holdSlot, type BookingDeps } from '../../src/app/book';
import { cancelAppointment } from '../../src/app/cancel';
import { rescheduleAppointment } from '../../src/app/reschedule';
import { GraphCalendarProvider, uidOfICalUId } from '../../src/calendars/graph';
import { CalendarSync } from '../../src/calendars/sync';
import { appointmentUid } from '../../src/domain/calendar-busy';
import { ManualClock } from '../../src/domain/clock';
import { isDomainError } from '../../src/domain/errors';
import { localDateTime } from '../../src/domain/time';
import { GraphClient, GraphMeetingProvider } from '../../src/meetings/graph';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { readCalendarBusy } from '../../src/store/calendar-busy';
import { exampleDirectory } from '../invitations/fixtures';
import { snapshotKeys } from '../reliability/support';
import { testRedis } from '../support/redis';
import { globalObjectId, GraphStandIn } from './graph-stand-in';

const berlin = (date: string, hhmm: string) => localDateTime(date, hhmm);
const directory = exampleDirectory();
const staffById = (id: string) => directory.staff.find((s) => s.id === id)!;
const JONAS = staffById('jonas-becker');
const ANNA = staffById('anna-schulz');

describe('staff calendars over Microsoft Graph (local stand-in)', () => {
  const t = testRedis('graph-cal');
  const clock = new ManualClock(berlin('2026-03-30', '06:00'));
  let graph: GraphStandIn;
  let client: GraphClient;
  let provider: GraphCalendarProvider;
  let sync: CalendarSync;
  const waits: number[] = [];

  beforeAll(async () => {
    graph = await new GraphStandIn().start();
    for (const s of directory.staff) if (s.id !== 'leonie-wagner') graph.mailbox(s.aadObjectId);
    client = new GraphClient({
      tenantId: 'seelze',
      clientId: 'app',
      clientSecret: 'secret',
      baseUrl: graph.baseUrl,
      loginUrl: graph.url,
      clock,
      sleep: (ms) => Promise.resolve(void waits.push(ms)),
      random: () => 0.5,
    });
    provider = new GraphCalendarProvider(client, { pageSize: 2 });
    const store = new AppointmentStore(t.redis, clock);
    sync = new CalendarSync({
      provider,
      redis: t.redis,
      directory: () => directory,
      clock,
      logger: pino({ level: 'silent' }),
      tentativeIsBusy: false,
      staleAfterMs: 30 * 60_000,
      ownAppointments: (staffId, from, to) => store.listForStaff(staffId, from, to),
    });
  });
  afterAll(async () => {
    await graph.stop();
    await t.cleanup();
  });

  /** Booking as the app wires it: the staff calendars checked just in time. */
  const store = new AppointmentStore(t.redis, clock);
  const bookingDeps = (): BookingDeps => ({
    directory,
    clock,
    store,
    absences: new AbsenceStore(t.redis),
    holdTtlSeconds: 300,
    calendars: sync,
  });
  const videoRequest = (staffId: string, start: number) => ({
    actorId: staffId,
    staffId,
    serviceId: 'meldewesen',
    channel: 'video' as const,
    start,
  });
  async function bookVideo(staffId: string, start: number) {
    const deps = bookingDeps();
    const req = videoRequest(staffId, start);
    const held = await holdSlot(deps, req);
    const { appointment } = await confirmBooking(deps, {
      ...req,
      holdToken: held.token,
      clientKey: held.clientKey,
      citizen: { name: 'Erika Muster', email: 'erika@example.org', language: 'de' },
    });
    return appointment;
  }

  const busyOf = async (staffId: string) =>
    (await readCalendarBusy(t.redis, [staffId], 0, Number.MAX_SAFE_INTEGER)).map((b) => [b.start, b.end]);

  it('reads every calendar through delta pages and keeps only start and end of the blocking events', async () => {
    const jonas = JONAS.aadObjectId;
    graph.put(jonas, { id: 'e1', start: berlin('2026-03-31', '09:00'), end: berlin('2026-03-31', '10:00') });
    graph.put(jonas, {
      id: 'e2',
      start: berlin('2026-03-31', '11:00'),
      end: berlin('2026-03-31', '12:00'),
      showAs: 'oof',
    });
    graph.put(jonas, {
      id: 'e3',
      start: berlin('2026-04-01', '09:00'),
      end: berlin('2026-04-01', '10:00'),
      showAs: 'tentative',
    });
    graph.put(jonas, {
      id: 'e4',
      start: berlin('2026-04-01', '11:00'),
      end: berlin('2026-04-01', '12:00'),
      showAs: 'free',
    });
    graph.put(jonas, {
      id: 'e5',
      start: berlin('2026-04-02', '09:00'),
      end: berlin('2026-04-02', '10:00'),
      showAs: 'workingElsewhere',
    });
    graph.put(jonas, {
      id: 'e6',
      start: Date.UTC(2026, 3, 3),
      end: Date.UTC(2026, 3, 4),
      isAllDay: true,
      showAs: 'oof',
    });
    const before = graph.calls.delta;
    const result = await sync.syncAll();
    expect(result).toMatchObject({ synced: 12, failed: 1 }); // Leonie has no mailbox (404)
    // Jonas: 6 events at 2 per page = 3 pages; everybody else 1 page each.
    expect(graph.calls.delta - before).toBe(3 + 11);
    expect(await busyOf(JONAS.id)).toEqual([
      [berlin('2026-03-31', '09:00'), berlin('2026-03-31', '10:00')],
      [berlin('2026-03-31', '11:00'), berlin('2026-03-31', '12:00')],
      [berlin('2026-04-03', '00:00'), berlin('2026-04-04', '00:00')], // all-day out of office: the whole local day
    ]);
    // Data minimisation: no subject, attendee or Graph id reached Redis.
    const stored = [...(await snapshotKeys(t.redis, [])).values()].join('\n');
    expect(stored).not.toContain('vertraulich');
    expect(stored).not.toContain('someone@seelze.example');
    const [leonie] = await sync.store.statuses(['leonie-wagner']);
    expect(leonie).toMatchObject({ lastError: 'not-found' });
  });

  it('follows the delta link: only changes are read, moved and deleted events free their time', async () => {
    const jonas = JONAS.aadObjectId;
    graph.put(jonas, { id: 'e1', start: berlin('2026-03-31', '14:00'), end: berlin('2026-03-31', '15:00') }); // moved
    graph.remove(jonas, 'e2'); // deleted
    const before = graph.calls.delta;
    await sync.syncAll();
    expect(graph.calls.delta - before).toBe(12); // one delta call per mailbox
    expect(await busyOf(JONAS.id)).toEqual([
      [berlin('2026-03-31', '14:00'), berlin('2026-03-31', '15:00')],
      [berlin('2026-04-03', '00:00'), berlin('2026-04-04', '00:00')],
    ]);
  });

  it('starts a full resync when the delta token has expired (410)', async () => {
    const jonas = JONAS.aadObjectId;
    const state = JSON.parse((await sync.store.state(JONAS.id))!) as { link: string };
    graph.expiredDeltaTokens.add(Number(/\$deltatoken=(\d+)/.exec(state.link)![1]));
    graph.remove(jonas, 'e6');
    expect(await sync.syncStaff(JONAS)).toBe('synced');
    expect(await busyOf(JONAS.id)).toEqual([[berlin('2026-03-31', '14:00'), berlin('2026-03-31', '15:00')]]);
    const fresh = JSON.parse((await sync.store.state(JONAS.id))!) as { link: string };
    expect(fresh.link).toContain('$deltatoken=');
    expect(fresh.link).not.toBe(state.link);
  });

  it('waits as long as Retry-After says on 429 and on 503, then reads', async () => {
    waits.length = 0;
    graph.failNext(/calendarView\/delta/, 429, { 'retry-after': '7' });
    graph.failNext(/calendarView\/delta/, 503, { 'retry-after': '2' });
    graph.put(ANNA.aadObjectId, { id: 'a1', start: berlin('2026-03-31', '08:00'), end: berlin('2026-03-31', '09:00') });
    expect(await sync.syncStaff(ANNA)).toBe('synced');
    expect(waits).toEqual([7000, 2000]);
    expect(await busyOf(ANNA.id)).toEqual([[berlin('2026-03-31', '08:00'), berlin('2026-03-31', '09:00')]]);
  });

  it('fetches a fresh token once on 401 and shares the token cache with the meeting provider', async () => {
    const issued = graph.tokensIssued;
    graph.revokeTokens();
    expect(await sync.syncStaff(ANNA)).toBe('synced');
    expect(graph.tokensIssued).toBe(issued + 1);
    // The meeting provider on the same client uses that token: no token request of its own.
    const meetings = new GraphMeetingProvider({
      tenantId: 'seelze',
      clientId: 'app',
      clientSecret: 'secret',
      organizerUserId: 'organizer',
      baseUrl: graph.baseUrl,
      loginUrl: graph.url,
      client,
    });
    await meetings.createMeeting({ appointmentId: 'x', subject: 's', start: 0, end: 1 }).catch(() => undefined);
    expect(graph.tokensIssued).toBe(issued + 1);
  });

  it('marks a calendar unauthorized when even a fresh token is refused, and others still sync', async () => {
    graph.failNext(/users\/[^/]+\/calendarView/, 401);
    graph.failNext(/users\/[^/]+\/calendarView/, 401);
    expect(await sync.syncStaff(ANNA)).toBe('failed');
    const [anna] = await sync.store.statuses([ANNA.id]);
    expect(anna).toMatchObject({ lastError: 'unauthorized' });
    expect(await sync.syncStaff(JONAS)).toBe('synced');
  });

  it('never counts the bot’s own appointment, recognised by the UID inside iCalUId', async () => {
    expect(uidOfICalUId(globalObjectId(appointmentUid('appt_abc')))).toBe('appt_abc@sprechstunde');
    graph.put(JONAS.aadObjectId, {
      id: 'copy',
      start: berlin('2026-04-02', '10:00'),
      end: berlin('2026-04-02', '10:15'),
      iCalUId: globalObjectId(appointmentUid('appt_0123456789abcdef')),
    });
    await sync.syncStaff(JONAS);
    expect(await busyOf(JONAS.id)).toEqual([[berlin('2026-03-31', '14:00'), berlin('2026-03-31', '15:00')]]);
  });

  it('asks getSchedule just in time for a calendar never synced, and the hold refuses the meeting', async () => {
    const murat = staffById('murat-yilmaz');
    graph.put(murat.aadObjectId, {
      id: 'm1',
      start: berlin('2026-03-31', '10:00'),
      end: berlin('2026-03-31', '11:00'),
    });
    await sync.store.saveState(murat.id, undefined); // as if never synced (new staff member, or after a reset)
    const deps = bookingDeps();
    const schedules = graph.calls.getSchedule;
    const err = await holdSlot(deps, {
      actorId: murat.id,
      staffId: murat.id,
      serviceId: 'meldewesen',
      channel: 'video',
      start: berlin('2026-03-31', '10:30'),
    }).catch((e: unknown) => e);
    expect(isDomainError(err) && err.code).toBe('slot-taken');
    expect(graph.calls.getSchedule).toBe(schedules + 1);
    // The next sync is a full read again and replaces the getSchedule answer.
    expect(await sync.syncStaff(murat)).toBe('synced');
    expect(await sync.store.state(murat.id)).toBeDefined();
    expect(await busyOf(murat.id)).toEqual([[berlin('2026-03-31', '10:00'), berlin('2026-03-31', '11:00')]]);
  });

  it('just in time: a meeting at exactly the time of a cancelled appointment still blocks', async () => {
    const sabine = staffById('sabine-neumann');
    const start = berlin('2026-04-01', '09:00');
    const appointment = await bookVideo(sabine.id, start);
    await cancelAppointment(
      { directory, clock, store },
      {
        actorId: sabine.id,
        appointmentId: appointment.id,
        expectedSequence: appointment.sequence,
        reason: 'Auf Wunsch der Bürgerin',
      },
    );
    // Sabine puts a team meeting into exactly that time; her calendar has never been synced.
    graph.put(sabine.aadObjectId, { id: 's1', start: appointment.start, end: appointment.end });
    await sync.store.saveState(sabine.id, undefined);
    const err = await holdSlot(bookingDeps(), videoRequest(sabine.id, start)).catch((e: unknown) => e);
    expect(isDomainError(err) && err.code).toBe('slot-taken');
  });

  it('a reschedule reads the calendar just in time too: a meeting entered since the last sync blocks the move', async () => {
    const tobias = staffById('tobias-krueger');
    const appointment = await bookVideo(tobias.id, berlin('2026-04-01', '09:00'));
    expect(await sync.syncStaff(tobias)).toBe('synced');
    // Tobias enters a meeting at 11:00 in Outlook; no sync ran since.
    graph.put(tobias.aadObjectId, {
      id: 't1',
      start: berlin('2026-04-01', '11:00'),
      end: berlin('2026-04-01', '12:00'),
    });
    const err = await rescheduleAppointment(
      { ...bookingDeps(), store },
      {
        actorId: tobias.id,
        appointmentId: appointment.id,
        expectedSequence: appointment.sequence,
        start: berlin('2026-04-01', '11:00'),
      },
    ).catch((e: unknown) => e);
    expect(isDomainError(err) && err.code).toBe('slot-taken');
    expect((await store.get(appointment.id))!.start).toBe(appointment.start);
  });
});
