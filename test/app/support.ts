/** Shared by the use-case tests on real Redis: an appointment written straight through the confirm script. */
import { appointmentUid } from '../../src/domain/calendar-busy';
import type { Clock } from '../../src/domain/clock';
import { isDomainError } from '../../src/domain/errors';
import { addDays, localDateTime, MINUTE } from '../../src/domain/time';
import type { Appointment, Channel, Directory, LocalDate } from '../../src/domain/types';
import type { AppointmentStore } from '../../src/store/appointments';

/**
 * A `book(staffId, serviceId, channel, date, 'HH:MM')` that stores a booked appointment (with its
 * buffers, audit entry and invitation in the outbox) as Anna Schulz, ids `appt_<idPrefix>1`, `appt_<idPrefix>2` … (UIDs as the bot writes them)
 */
export function directBooking(directory: Directory, store: AppointmentStore, clock: Clock, idPrefix: string) {
  let n = 0;
  return async function book(
    staffId: string,
    serviceId: string,
    channel: Channel,
    date: string,
    hhmm: string,
  ): Promise<Appointment> {
    const service = directory.services.find((s) => s.id === serviceId)!;
    const start = localDateTime(date, hhmm);
    const end = start + service.durationMin * MINUTE;
    const id = `appt_${idPrefix}${++n}`;
    const a: Appointment = {
      id,
      uid: appointmentUid(id),
      sequence: 0,
      staffId,
      serviceId,
      channel,
      start,
      end,
      blockStart: start - service.bufferBeforeMin * MINUTE,
      blockEnd: end + service.bufferAfterMin * MINUTE,
      status: 'booked',
      citizen: { name: 'Erika Muster', email: 'erika@example.org', language: 'de' },
      createdAt: clock.now(),
      createdBy: 'anna-schulz',
      updatedAt: clock.now(),
    };
    const res = await store.confirm({
      clientKey: `ck-${id}`,
      appointment: a,
      audit: { at: clock.now(), actor: 'anna-schulz', action: 'booked', appointmentId: id },
      outbox: [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }],
    });
    return res.appointment;
  };
}

type Book = ReturnType<typeof directBooking>;

/** The same booking, a refusal (taken, outside the hours) skipped. */
export function bookingIfFree(book: Book) {
  return (staffId: string, serviceId: string, channel: Channel, date: string, hhmm: string) =>
    book(staffId, serviceId, channel, date, hhmm).catch((e: unknown) => {
      if (!isDomainError(e)) throw e;
    });
}

/**
 * A town whose first days are nearly full, for the tests that hold a read of a few days to one of the whole
 * horizon: the Bürgerbüro's staff booked every quarter hour from 08:00 to 15:45 on `buergerbueroDays` days
 * from `today`, but for every `gapEvery`-th time (moving by one a day); the social services' staff
 * completely on the first two days.
 */
export async function fillFirstDays(
  book: Book,
  directory: Directory,
  today: LocalDate,
  opts: { buergerbueroDays: number; gapEvery: number },
): Promise<void> {
  const tryBook = bookingIfFree(book);
  const times = Array.from(
    { length: 32 },
    (_, i) => `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
  );
  for (let d = 0; d < opts.buergerbueroDays; d++)
    for (const s of directory.staff.filter((x) => x.team.startsWith('buergerbuero')))
      for (const [i, hhmm] of times.entries())
        if ((i + d) % opts.gapEvery !== 0) await tryBook(s.id, 'auskunft', 'phone', addDays(today, d), hhmm);
  for (let d = 0; d < 2; d++)
    for (const s of directory.staff.filter((x) => x.team === 'soziales'))
      for (const hhmm of times) await tryBook(s.id, 'auskunft', 'phone', addDays(today, d), hhmm);
}

/** When a clerk searches: before work, during it, after it (that day's book then is not read), a Friday evening. */
export function searchTimes(monday: LocalDate): number[] {
  return [
    [monday, '07:00'],
    [monday, '11:40'],
    [monday, '15:55'],
    [monday, '19:30'],
    [addDays(monday, 1), '23:50'],
    [addDays(monday, 4), '18:10'],
  ].map(([date, hhmm]) => localDateTime(date!, hhmm!));
}
