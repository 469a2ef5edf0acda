import { ManualClock } from '../../src/domain/clock';
import { isDomainError } from '../../src/domain/errors';
import { localDateTime } from '../../src/domain/time';
import type { AuditEntry } from '../../src/domain/types';
import { AppointmentStore } from '../../src/store/appointments';
import { readCalendarBusy, replaceCalendarBusy } from '../../src/store/calendar-busy';
import { keys } from '../../src/store/keys';
import { sampleAppointment } from './support/appointments-fixture';
import { singleNodeTarget } from './support/store-targets';

const MIN = 60_000;
const day = '2026-03-24';
const t = (hhmm: string) => localDateTime(day, hhmm);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
}

describe('busy blocks synced from a staff member’s own calendar, in the booking scripts', () => {
  const target = singleNodeTarget('calendar-busy');
  const clock = new ManualClock(t('06:00'));
  const store = new AppointmentStore(target.redis, clock);
  let n = 0;
  const uniq = (p: string) => `${p}-${++n}`;
  const audit = (appointmentId: string): AuditEntry => ({
    at: clock.now(),
    actor: 'anna',
    action: 'book',
    appointmentId,
  });
  afterAll(() => target.cleanup());

  it('refuses a hold that overlaps a synced meeting, buffers included, and allows the adjacent block', async () => {
    const s = uniq('staff');
    await replaceCalendarBusy(target.redis, s, [{ start: t('10:00'), end: t('11:00') }]);
    const hold = (from: string, to: string) =>
      codeOf(store.hold({ staffId: s, blockStart: t(from), blockEnd: t(to), ttlMs: 60_000, holder: 'anna' }));
    expect(await hold('09:30', '10:10')).toBe('slot-taken');
    expect(await hold('10:50', '11:30')).toBe('slot-taken');
    expect(await hold('10:10', '10:20')).toBe('slot-taken');
    expect(await hold('09:00', '12:00')).toBe('slot-taken');
    expect(await hold('09:00', '10:00')).toBe('ok');
    expect(await hold('11:00', '11:40')).toBe('ok');
  });

  it('refuses at confirm a meeting that appeared after the slot was held (nothing written)', async () => {
    const s = uniq('staff');
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('14:10') }); // block 14:00-14:50
    const held = await store.hold({
      staffId: s,
      blockStart: a.blockStart,
      blockEnd: a.blockEnd,
      ttlMs: 60_000,
      holder: 'anna',
    });
    await replaceCalendarBusy(target.redis, s, [{ start: t('14:30'), end: t('15:00') }]);
    const code = await codeOf(
      store.confirm({ clientKey: uniq('ck'), holdToken: held.token, appointment: a, audit: audit(a.id), outbox: [] }),
    );
    expect(code).toBe('slot-taken');
    expect(await store.get(a.id)).toBeNull();
    expect(await target.redis.zcard(keys.calendar(s))).toBe(0);
  });

  it('refuses to move an appointment onto a synced meeting of the new staff member', async () => {
    const s = uniq('staff');
    const other = uniq('staff');
    const a = sampleAppointment({ id: uniq('a'), staffId: s, start: t('08:10') });
    await store.confirm({ clientKey: uniq('ck'), appointment: a, audit: audit(a.id), outbox: [] });
    await replaceCalendarBusy(target.redis, other, [{ start: t('08:00'), end: t('09:00') }]);
    const move = (staffId: string, start: number) =>
      codeOf(
        store.move({
          appointmentId: a.id,
          expectedSequence: 0,
          staffId,
          start,
          end: start + 30 * MIN,
          blockStart: start - 10 * MIN,
          blockEnd: start + 40 * MIN,
          channel: 'video',
          audit: audit(a.id),
          outbox: [],
        }),
      );
    expect(await move(other, t('08:10'))).toBe('slot-taken');
    expect(await move(other, t('09:10'))).toBe('ok');
  });

  it('keeps overlapping meetings as one merged block and frees the time when the calendar changes', async () => {
    const s = uniq('staff');
    const stored = await replaceCalendarBusy(target.redis, s, [
      { start: t('10:00'), end: t('11:00') },
      { start: t('10:30'), end: t('12:00') },
      { start: t('12:00'), end: t('12:30') },
      { start: t('09:00'), end: t('09:30') },
    ]);
    expect(stored).toBe(2);
    expect(await readCalendarBusy(target.redis, [s], t('00:00'), t('23:59'))).toEqual([
      { staffId: s, start: t('09:00'), end: t('09:30') },
      { staffId: s, start: t('10:00'), end: t('12:30') },
    ]);
    const holdAt = (from: string, to: string) =>
      codeOf(store.hold({ staffId: s, blockStart: t(from), blockEnd: t(to), ttlMs: 60_000, holder: 'anna' }));
    expect(await holdAt('12:20', '12:40')).toBe('slot-taken');
    await replaceCalendarBusy(target.redis, s, [{ start: t('09:00'), end: t('09:30') }]);
    expect(await holdAt('12:20', '12:40')).toBe('ok');
    await replaceCalendarBusy(target.redis, s, []);
    expect(await target.redis.exists(keys.calendarBusy(s))).toBe(0);
  });

  it('hands the synced blocks to the slot engine through busyIndex', async () => {
    const s = uniq('staff');
    await replaceCalendarBusy(target.redis, s, [{ start: t('13:00'), end: t('14:00') }]);
    const index = await store.busyIndex([s], t('00:00'), t('23:59'));
    expect(index.blocks(s)).toEqual([{ start: t('13:00'), end: t('14:00') }]);
  });

  it('hands busyIndex only the synced blocks that overlap the window, one reaching past its end included', async () => {
    const s = uniq('staff');
    const nextDay = (hhmm: string) => localDateTime('2026-03-25', hhmm);
    await replaceCalendarBusy(target.redis, s, [
      { start: t('08:00'), end: t('09:00') },
      { start: t('10:00'), end: t('11:00') },
      { start: t('11:30'), end: nextDay('10:00') },
      { start: nextDay('12:00'), end: nextDay('13:00') },
    ]);
    const index = await store.busyIndex([s], t('09:30'), t('12:00'));
    expect(index.blocks(s)).toEqual([
      { start: t('10:00'), end: t('11:00') },
      { start: t('11:30'), end: nextDay('10:00') },
    ]);
  });

  it('reads for a window only the synced blocks that overlap it, not every later meeting', async () => {
    const s = uniq('staff');
    const nextDay = (hhmm: string) => localDateTime('2026-03-25', hhmm);
    await replaceCalendarBusy(target.redis, s, [
      { start: t('08:00'), end: t('09:00') },
      { start: t('09:00'), end: t('10:30') },
      { start: t('11:30'), end: nextDay('10:00') },
      { start: nextDay('12:00'), end: nextDay('13:00') },
    ]);
    expect(await readCalendarBusy(target.redis, [s], t('09:30'), t('12:00'))).toEqual([
      { staffId: s, start: t('08:00'), end: t('10:30') },
      { staffId: s, start: t('11:30'), end: nextDay('10:00') },
    ]);
    expect(await readCalendarBusy(target.redis, [s], nextDay('10:00'), nextDay('12:00'))).toEqual([]);
  });
});
