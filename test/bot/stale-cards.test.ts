/**
 * Old cards and re-delivered invokes say what is true: a confirm card pressed again after its
 * appointment was cancelled does not claim a booking, and a re-delivered Action.Execute (same
 * activity id) gets the first delivery's answer again instead of an empty body.
 */
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { appointmentsOf, bookThroughCards, cardText, outboxEntries, press } from './flows/support';

jest.setTimeout(60_000);

describe('stale cards and re-delivered invokes', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'stale-cards', clock, outboxWorker: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('says the appointment was cancelled when an old confirm card is pressed again, and sends nothing', async () => {
    // The card whose final button booked it: details and review are one card (book.submit).
    const { details, citizen } = await bookThroughCards(h, { serviceId: 'kfz', channel: 'phone' });
    const [a] = await appointmentsOf(h, 'jonas-becker');
    await h.app.services.staff.appointments.cancel({
      appointmentId: a!.id,
      by: 'staff',
      audit: { at: clock.now(), actor: 'jonas-becker', action: 'cancel', appointmentId: a!.id },
      outbox: [],
    });
    const invitations = (await outboxEntries(h)).filter((e) => e.msg.kind === 'citizen-invitation').length;
    const again = cardText(await press(h, details, 'book.submit', { inputs: citizen }));
    expect(again).toContain('inzwischen abgesagt');
    expect(again).not.toContain('Termin gebucht');
    expect(again).not.toContain('Einladung für den Kalender');
    expect((await outboxEntries(h)).filter((e) => e.msg.kind === 'citizen-invitation')).toHaveLength(invitations);
  });

  it('answers a re-delivered invoke with the first answer again', async () => {
    const activity = h.activity(h.user(), {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'book.start', data: {} }, trigger: 'manual' },
    });
    const first = await h.send(activity);
    const second = await h.send(activity);
    expect((first.body as { type?: string }).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });
});
