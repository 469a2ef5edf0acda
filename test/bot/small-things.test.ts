/** Small things found by the reviewers, over real HTTP: what the staff member reads must say what is wrong. */
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { startTeamsHarness, textOf, type TeamsHarness } from '../support/teams-harness';
import { actionsOf, cardText, command, press } from './flows/support';

jest.setTimeout(60_000);

describe('small things', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({
      label: 'small-things',
      clock: new ManualClock(localDateTime('2026-12-08', '07:30')),
      outboxWorker: false,
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('says a phone number with letters holds other characters than digits, not that none was given', async () => {
    let card = await command(h, 'Termin buchen');
    card = await press(h, card, 'book.service', { where: (a) => a.data.serviceId === 'kfz' });
    if (actionsOf(card).some((a) => a.verb === 'book.slots' && a.data.channel === 'phone' && !('after' in a.data)))
      card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'phone' });
    const details = await press(h, card, 'book.hold');
    const again = cardText(
      await press(h, details, 'book.submit', {
        inputs: { citizenName: 'Erika Mustermann', citizenEmail: 'erika@example.org', citizenPhone: '0511 abc 4711' },
      }),
    );
    expect(again).toContain('nur mit Ziffern');
    expect(again).not.toContain('Bitte eine Telefonnummer angeben.');
  });

  it('answers "Termin stornieren" with the agenda (where appointments are cancelled), not "Did you mean Book?"', async () => {
    const replies = await h.say('Termin stornieren');
    const text = replies.map(textOf).join('\n');
    expect(text).toContain('Meine Termine');
    expect(text).not.toContain('Meinten Sie');
  });
});
