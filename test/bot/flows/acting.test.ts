/**
 * Acting for a colleague in Teams over real HTTP (issue 21, item 3): whoever may book the serving
 * colleague moves, cancels and records the outcome of their appointments; the rights are the search's
 * (bookableBy, for the appointment's services) and are checked again on every press.
 */
import { ManualClock } from '../../../src/domain/clock';
import { HOUR, localDateTime } from '../../../src/domain/time';
import type { Appointment } from '../../../src/domain/types';
import { startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';
import { appointmentsOf, bookThroughCards, cardText, invokeCard, type Card } from './support';

jest.setTimeout(90_000);

const START = localDateTime('2026-12-08', '07:30');

describe('acting for a colleague', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  /** Peter Klein (social services): the Bürgerbüro may book him only for "Allgemeine Auskunft" (its bookableBy). */
  let peterLater: Appointment;
  let peterNow: Appointment;

  const jonas = () => h.user('jonas-becker');
  const invoke = async (verb: string, data: Record<string, unknown>, user = jonas()): Promise<Card> => {
    const res = await h.invoke({ verb, data }, user);
    expect(res.status).toBe(200);
    return invokeCard(res.body);
  };

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'flow-acting', clock, outboxWorker: false });
    for (const [name, phone, slotIndex] of [
      ['Karl Klein', '0151 23411111', 0],
      ['Karla Kleiner', '0151 23411112', 3],
    ] as const)
      await bookThroughCards(h, {
        serviceId: 'auskunft',
        channel: 'phone',
        forStaffId: 'peter-klein',
        slotIndex,
        citizen: { citizenName: name, citizenPhone: phone, citizenLanguage: 'de' },
      });
    const list = await appointmentsOf(h, 'peter-klein');
    peterNow = list.find((a) => a.citizen.name === 'Karl Klein')!;
    peterLater = list.find((a) => a.citizen.name === 'Karla Kleiner')!;
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers a cancel from an agenda card of a colleague bookable only for the service with what happened, not "not allowed"', async () => {
    // Agenda cards (own, a colleague's, the team's) carry the range they were drawn for.
    const done = await invoke('appt.cancel', {
      appointmentId: peterLater.id,
      sequence: peterLater.sequence,
      reason: 'citizen-request',
      range: { kind: 'today' },
    });
    expect((await h.app.services.staff.appointments.get(peterLater.id))!.status).toBe('cancelled');
    expect(cardText(done)).not.toContain('Das dürfen Sie nicht');
    expect(cardText(done)).toContain('abgesagt');
    expect(cardText(done)).toContain('Karla Kleiner');
  });

  it('answers an outcome recorded from an agenda card of such a colleague with what happened', async () => {
    clock.set(peterNow.start + HOUR / 4);
    const done = await invoke('appt.outcome', {
      appointmentId: peterNow.id,
      sequence: peterNow.sequence,
      outcome: 'no-show',
      range: { kind: 'today' },
    });
    expect((await h.app.services.staff.appointments.get(peterNow.id))!.status).toBe('no-show');
    expect(cardText(done)).not.toContain('Das dürfen Sie nicht');
    expect(cardText(done)).toContain('nicht erschienen');
    clock.set(START);
  });

  it('offers "Anderes Anliegen" for such a colleague with the services one may book them for', async () => {
    const card = await invoke('book.start', { forStaffId: 'peter-klein' });
    const text = cardText(card);
    expect(text).not.toContain('Das dürfen Sie nicht');
    expect(text).toContain('Allgemeine Auskunft');
    expect(text).not.toContain('Sozialberatung');
  });
});
