/** "Meine Termine" in Teams over real HTTP: agenda, reschedule, cancel with reason, completed / no-show, stale cards. */
import { ManualClock } from '../../../src/domain/clock';
import { localDateTime, MINUTE } from '../../../src/domain/time';
import { startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';
import { actionsOf, appointmentsOf, bookThroughCards, cardText, command, outboxEntries, press } from './support';

const START = localDateTime('2026-12-08', '07:30');

describe('my appointments in Teams', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'flow-appointments', clock, outboxWorker: false });
    // Three bookings for today: phone, video, in person.
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      citizen: {
        citizenName: 'Paula Telefon',
        citizenEmail: 'paula@example.org',
        citizenPhone: '0511 4711',
        citizenLanguage: 'de',
      },
    });
    await bookThroughCards(h, {
      serviceId: 'meldewesen',
      channel: 'video',
      citizen: { citizenName: 'Viktor Video', citizenEmail: 'viktor@example.org', citizenLanguage: 'en' },
    });
    await bookThroughCards(h, {
      serviceId: 'ausweis',
      channel: 'in-person',
      citizen: { citizenName: 'Ida Ort', citizenEmail: 'ida@example.org', citizenLanguage: 'de' },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const byName = async (name: string) =>
    (await appointmentsOf(h, 'jonas-becker')).find((a) => a.citizen.name === name)!;

  it('lists today with time, citizen, service, the video link and the phone number', async () => {
    const agenda = await command(h, 'meine termine');
    const text = cardText(agenda);
    expect(text).toContain('Meine Termine – Heute');
    expect(text).toContain('3 Termine');
    for (const s of ['Paula Telefon', 'Viktor Video', 'Ida Ort', '0511 4711', 'https://meet.jit.si/'])
      expect(text).toContain(s);
  });

  it('reschedules from the slot step: a new time, SEQUENCE 1 and an updated invitation in the outbox', async () => {
    const before = await byName('Paula Telefon');
    const agenda = await command(h, 'meine termine heute');
    const slots = await press(h, agenda, 'appt.reschedule', { where: (a) => a.data.appointmentId === before.id });
    expect(cardText(slots)).toContain('Termin verschieben');
    const target = actionsOf(slots).filter((a) => a.verb === 'appt.move')[3]!;
    const done = await press(h, slots, 'appt.move', {
      where: (a) => a === target || a.data.start === target.data.start,
    });
    expect(cardText(done)).toContain('Termin verschoben');
    const after = await byName('Paula Telefon');
    expect(after).toMatchObject({ id: before.id, sequence: 1, start: Number(target.data.start), status: 'booked' });
    expect(await outboxEntries(h)).toContainEqual({
      key: `${before.id}:citizen-invitation:1`,
      // `previous`: the old time, stated in the mail.
      msg: {
        kind: 'citizen-invitation',
        appointmentId: before.id,
        sequence: 1,
        reason: 'rescheduled',
        previous: { staffId: before.staffId, start: before.start, end: before.end, channel: before.channel },
      },
    });

    // The old agenda card still shows SEQUENCE 0: moving again from it is refused and changes nothing.
    const stale = await press(h, agenda, 'appt.cancelAsk', { where: (a) => a.data.appointmentId === before.id });
    expect(cardText(stale)).toContain('Der Termin wurde inzwischen geändert');
    expect((await byName('Paula Telefon')).status).toBe('booked');
  });

  it('cancels with a reason: the citizen gets a cancellation through the outbox', async () => {
    const appt = await byName('Ida Ort');
    const agenda = await command(h, 'meine termine');
    const ask = await press(h, agenda, 'appt.cancelAsk', { where: (a) => a.data.appointmentId === appt.id });
    expect(cardText(ask)).toContain('Termin absagen');
    const result = await press(h, ask, 'appt.cancel', {
      inputs: { reason: 'staff-unavailable', reasonText: 'Wir melden uns für einen neuen Termin.' },
    });
    expect(cardText(result)).toContain('abgesagt. Die Absage geht per E-Mail an ida@example.org');
    const cancelled = await byName('Ida Ort');
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      sequence: 1,
      cancelReason: 'Ihre Ansprechperson ist verhindert: Wir melden uns für einen neuen Termin.',
    });
    expect(await outboxEntries(h)).toContainEqual({
      key: `${appt.id}:citizen-cancellation:1`,
      msg: {
        kind: 'citizen-cancellation',
        appointmentId: appt.id,
        sequence: 1,
        reason: 'staff',
        code: 'staff-unavailable',
      },
    });

    // Pressing "cancel" again on the old card: refused, nothing new in the outbox.
    const count = (await outboxEntries(h)).length;
    const again = await press(h, ask, 'appt.cancel', { inputs: { reason: 'other' } });
    expect(cardText(again)).toContain('bereits abgesagt oder abgeschlossen');
    expect((await outboxEntries(h)).length).toBe(count);
  });

  it('cancel without a reason is refused and writes nothing', async () => {
    const appt = await byName('Viktor Video');
    const res = await h.invoke({ verb: 'appt.cancel', data: { appointmentId: appt.id, sequence: appt.sequence } });
    expect(cardText((res.body as { value: Record<string, unknown> }).value)).toContain('Es wurde nichts gespeichert');
    expect((await byName('Viktor Video')).status).toBe('booked');
  });

  it('says an appointment has not started yet when its outcome is marked too early, not that it is not allowed', async () => {
    const appt = await byName('Viktor Video');
    const res = await h.invoke({
      verb: 'appt.outcome',
      data: { appointmentId: appt.id, sequence: appt.sequence, outcome: 'completed' },
    });
    const text = cardText((res.body as { value: Record<string, unknown> }).value);
    expect(text).toContain('hat noch nicht begonnen');
    expect(text).not.toContain('Das dürfen Sie nicht');
    expect((await byName('Viktor Video')).status).toBe('booked');
  });

  it('marks completed and no-show once the appointment has started', async () => {
    const video = await byName('Viktor Video');
    const phone = await byName('Paula Telefon');
    // Before the start there is no such button.
    expect(actionsOf(await command(h, 'meine termine')).filter((a) => a.verb === 'appt.outcome')).toHaveLength(0);
    clock.set(Math.max(video.start, phone.start) + MINUTE);
    let agenda = await command(h, 'meine termine');
    agenda = await press(h, agenda, 'appt.outcome', {
      where: (a) => a.data.appointmentId === video.id && a.data.outcome === 'completed',
    });
    expect(cardText(agenda)).toContain('als erledigt markiert');
    agenda = await press(h, agenda, 'appt.outcome', {
      where: (a) => a.data.appointmentId === phone.id && a.data.outcome === 'no-show',
    });
    expect(cardText(agenda)).toContain('als nicht erschienen markiert');
    expect((await byName('Viktor Video')).status).toBe('completed');
    expect((await byName('Paula Telefon')).status).toBe('no-show');
    expect(cardText(agenda)).toContain('erledigt');
  });

  it('refuses acting on a colleague’s appointment outside one’s own team', async () => {
    const appt = await byName('Viktor Video');
    const peter = h.user('peter-klein');
    const res = await h.invoke(
      { verb: 'appt.cancelAsk', data: { appointmentId: appt.id, sequence: appt.sequence } },
      peter,
    );
    expect(cardText((res.body as { value: Record<string, unknown> }).value)).toContain('Das dürfen Sie nicht');
  });

  it('shows tomorrow and the week', async () => {
    expect(cardText(await command(h, 'meine termine morgen'))).toContain('Meine Termine – Morgen');
    expect(cardText(await command(h, 'meine termine woche'))).toContain('Diese Woche');
  });
});
