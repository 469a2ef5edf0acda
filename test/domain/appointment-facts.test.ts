import { factsOf, reachOf, teamOfStaff } from '../../src/domain/appointment-facts';
import type { Appointment } from '../../src/domain/types';
import { sampleAppointment } from '../store/support/appointments-fixture';

const MIN = 60_000;
const start = Date.UTC(2026, 10, 12, 9, 0);
const teamOf = teamOfStaff([{ id: 'anna', team: 'buergerbuero-a' }]);

describe('factsOf', () => {
  it('keeps the non-personal facts of an appointment and nothing of the citizen', () => {
    const a = sampleAppointment({
      id: 'a1',
      start,
      note: 'Unterlagen mitbringen',
      meetingUrl: 'https://meet.example/room',
      reachedBy: ['email'],
    });
    const f = factsOf(a, teamOf);
    expect(f).toEqual({
      id: 'a1',
      staffId: 'anna',
      teamId: 'buergerbuero-a',
      serviceIds: ['register'],
      channel: 'video',
      start,
      end: start + 30 * MIN,
      blockStart: start - 10 * MIN,
      blockEnd: start + 40 * MIN,
      createdAt: start - 86_400_000,
      status: 'booked',
      cancelledBy: null,
      cancelledAt: null,
      moves: 0,
      reachedBy: ['email'],
    });
    const text = JSON.stringify(f);
    for (const personal of ['Erika', 'erika@example.org', 'Unterlagen', 'meet.example'])
      expect(text).not.toContain(personal);
  });

  it('lists every service of a multi-service appointment, the primary one first', () => {
    const a = sampleAppointment({ id: 'a2', start, serviceId: 'ausweis', serviceIds: ['ausweis', 'meldewesen'] });
    expect(factsOf(a, teamOf).serviceIds).toEqual(['ausweis', 'meldewesen']);
  });

  it('says when and by whom it was cancelled, taking the last update for appointments cancelled before cancelledAt existed', () => {
    const cancelledAt = start - 3 * 3_600_000;
    const now = sampleAppointment({
      id: 'a3',
      start,
      status: 'cancelled',
      cancelledBy: 'citizen',
      cancelledAt,
      updatedAt: 5,
    });
    expect(factsOf(now, teamOf)).toMatchObject({ status: 'cancelled', cancelledBy: 'citizen', cancelledAt });
    const older = sampleAppointment({ id: 'a4', start, status: 'cancelled', updatedAt: cancelledAt });
    // An old cancellation without `cancelledBy` was the staff's (the card has always counted it so).
    expect(factsOf(older, teamOf)).toMatchObject({ cancelledBy: 'staff', cancelledAt });
  });

  it('counts moves, at least the citizen’s own for appointments older than the move counter', () => {
    expect(factsOf(sampleAppointment({ id: 'a5', start, moves: 2, citizenMoves: 1 }), teamOf).moves).toBe(2);
    expect(factsOf(sampleAppointment({ id: 'a6', start, citizenMoves: 1 }), teamOf).moves).toBe(1);
  });

  it('keeps how the citizen was reached after retention removed the contact data', () => {
    const anonymised: Appointment = sampleAppointment({
      id: 'a7',
      start,
      citizen: { name: '', email: '', language: 'de' },
      anonymised: true,
      reachedBy: ['call'],
    });
    expect(factsOf(anonymised, teamOf).reachedBy).toEqual(['call']);
    // Anonymised before booking recorded it: unknown rather than a guess from the emptied fields.
    const { reachedBy: _recorded, ...before } = anonymised;
    expect(factsOf(before, teamOf).reachedBy).toEqual([]);
    // A live appointment from before the field: from the citizen's contact data.
    expect(factsOf(sampleAppointment({ id: 'a8', start }), teamOf).reachedBy).toEqual(['email']);
  });

  it('has no team for a staff member who left the directory', () => {
    expect(factsOf(sampleAppointment({ id: 'a9', start, staffId: 'gone' }), teamOf).teamId).toBeNull();
  });
});

describe('reachOf', () => {
  it('reaches a citizen with an address by mail, one without by a call from staff', () => {
    expect(reachOf({ email: 'x@example.org' })).toEqual(['email']);
    expect(reachOf({})).toEqual(['call']);
    expect(reachOf({ email: '' })).toEqual(['call']);
  });
});
