import {
  appointmentUid,
  blocksFromEvents,
  isAppointmentUid,
  mergeBusy,
  type CalendarEvent,
} from '../../src/domain/calendar-busy';
import { buildBusyIndex, findEarliestSlots, findSlotsOnDay, isBlockFree } from '../../src/domain/slots';
import { localDateOf, localDayBounds, localTimeOf } from '../../src/domain/time';
import { at, schedulingDirectory } from './scheduling-fixture';

const directory = schedulingDirectory();
const window = { from: at('2026-03-23', '00:00'), to: at('2026-04-20', '00:00') };
const times = (slots: { start: number }[]) => slots.map((s) => `${localDateOf(s.start)} ${localTimeOf(s.start)}`);

describe('busy blocks from staff calendars (pure rules)', () => {
  const ev = (from: string, to: string, showAs: CalendarEvent['showAs'], extra: Partial<CalendarEvent> = {}) => ({
    start: at('2026-03-24', from),
    end: at('2026-03-24', to),
    showAs,
    ...extra,
  });

  it('counts busy and out-of-office, tentative only when configured, never free or working elsewhere', () => {
    const events = [
      ev('08:00', '09:00', 'busy'),
      ev('09:00', '10:00', 'oof'),
      ev('10:00', '11:00', 'tentative'),
      ev('11:00', '12:00', 'free'),
      ev('12:00', '13:00', 'workingElsewhere'),
      ev('13:00', '14:00', 'unknown'),
    ];
    expect(blocksFromEvents(events, window, true).map((b) => b.showAs)).toEqual(['busy', 'oof', 'tentative']);
    expect(blocksFromEvents(events, window, false).map((b) => b.showAs)).toEqual(['busy', 'oof']);
  });

  it('never counts the bot’s own appointments twice (recognised by their iCalendar UID)', () => {
    const own = appointmentUid('appt_0123abcd');
    expect(isAppointmentUid(own)).toBe(true);
    expect(isAppointmentUid('040000008200E00074C5B7101A82E008')).toBe(false);
    expect(blocksFromEvents([ev('08:00', '09:00', 'busy', { uid: own })], window, true)).toEqual([]);
  });

  it('widens an all-day out-of-office to whole local days and clips absurd events to the window', () => {
    const [day] = blocksFromEvents(
      [{ start: 0, end: 0, showAs: 'oof', allDay: { from: '2026-03-25', toExclusive: '2026-03-26' } }],
      window,
      true,
    );
    expect(day).toEqual({ ...localDayBounds('2026-03-25'), showAs: 'oof' });
    const forever = blocksFromEvents([{ start: 0, end: Number.MAX_SAFE_INTEGER, showAs: 'busy' }], window, true);
    expect(forever).toEqual([{ start: window.from, end: window.to, showAs: 'busy' }]);
  });

  it('merges overlapping and touching blocks into disjoint ones', () => {
    expect(
      mergeBusy([
        { start: 5, end: 7 },
        { start: 1, end: 3 },
        { start: 3, end: 4 },
        { start: 6, end: 9 },
        { start: 10, end: 10 },
      ]),
    ).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 9 },
    ]);
  });
});

describe('slot engine with synced busy blocks', () => {
  const now = at('2026-03-23', '06:00');
  const search = (calendarBusy: { staffId: string; start: number; end: number }[]) =>
    findSlotsOnDay(
      { directory, busy: buildBusyIndex([], [], now, calendarBusy), absences: [], now },
      { serviceId: 'register', channel: 'in-person', staffId: 'anna', date: '2026-03-24' },
    );

  it('leaves a meeting out, buffers included, and offers the slot right after it', () => {
    const r = search([{ staffId: 'anna', start: at('2026-03-24', '09:00'), end: at('2026-03-24', '10:00') }]);
    const offered = times(r.slots).map((s) => s.slice(11));
    expect(offered).toContain('08:10');
    expect(offered).not.toContain('08:25'); // block 08:15-09:05 reaches into the meeting
    expect(offered.filter((s) => s >= '08:25' && s < '10:10')).toEqual([]);
    expect(offered).toContain('10:10');
  });

  it('blocks a whole day under a two-week leave without slowing the look-back', () => {
    const leave = { staffId: 'anna', start: at('2026-03-20', '00:00'), end: at('2026-04-03', '00:00') };
    expect(search([leave]).reason).toBe('fully-booked');
    const index = buildBusyIndex([], [], now, [leave]);
    expect(index.maxLength('anna')).toBeLessThanOrEqual(25 * 3600_000);
    expect(isBlockFree(index, 'anna', at('2026-03-30', '09:00'), at('2026-03-30', '10:00'))).toBe(false);
    const r = findEarliestSlots(
      { directory, busy: index, absences: [], now },
      { serviceId: 'register', channel: 'in-person', staffId: 'anna', count: 1 },
    );
    expect(times(r.slots)).toEqual(['2026-04-06 08:10']); // team A is on site every second week
  });

  it('offers nothing of a staff member whose calendar is not read yet, and keeps colleagues free', () => {
    const index = buildBusyIndex([], [], now, [], ['anna']);
    expect(index.unread?.has('anna')).toBe(true);
    const data = { directory, busy: index, absences: [], now };
    expect(
      findEarliestSlots(data, { serviceId: 'register', channel: 'video', staffId: 'anna', count: 1 }).slots,
    ).toEqual([]);
    expect(isBlockFree(index, 'anna', at('2026-03-24', '09:00'), at('2026-03-24', '09:30'))).toBe(false);
    expect(isBlockFree(index, 'bert', at('2026-03-24', '09:00'), at('2026-03-24', '09:30'))).toBe(true);
    const r = findSlotsOnDay(data, { serviceId: 'register', channel: 'video', date: '2026-03-24' });
    expect(new Set(r.slots.map((s) => s.staffId))).toEqual(new Set(['bert']));
  });

  it('leaves other staff members untouched', () => {
    const r = findSlotsOnDay(
      {
        directory,
        busy: buildBusyIndex([], [], now, [
          { staffId: 'bert', start: at('2026-03-24', '00:00'), end: at('2026-03-25', '00:00') },
        ]),
        absences: [],
        now,
      },
      { serviceId: 'register', channel: 'video', staffId: 'anna', date: '2026-03-24' },
    );
    expect(times(r.slots)[0]).toBe('2026-03-24 08:10');
  });
});
