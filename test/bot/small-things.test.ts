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

  it.each(['de-DE', 'en-US'])(
    'says what a phone number must look like when Teams refuses it on the card (%s), not only "enter a phone number"',
    async (locale) => {
      let card = await command(h, locale === 'de-DE' ? 'Termin buchen' : 'book');
      card = await press(h, card, 'book.service', { where: (a) => a.data.serviceId === 'kfz', locale });
      if (actionsOf(card).some((a) => a.verb === 'book.slots' && a.data.channel === 'phone' && !('after' in a.data)))
        card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'phone', locale });
      const details = await press(h, card, 'book.hold', { locale });
      // The client checks the field's regex before sending anything and shows its errorMessage.
      const body = details.body as { id?: string; errorMessage?: string }[];
      const phone = body.find((e) => e.id === 'citizenPhone')?.errorMessage;
      expect(phone).toContain(locale === 'de-DE' ? 'nur mit Ziffern' : 'in digits only');
      expect(phone).not.toMatch(/^(Bitte eine Telefonnummer angeben|Please enter a phone number)/);
    },
  );

  it('answers a past day under "Anderer Tag" in words with the next free times, instead of doing nothing', async () => {
    let card = await command(h, 'Termin buchen');
    card = await press(h, card, 'book.service', { where: (a) => a.data.serviceId === 'kfz' });
    if (actionsOf(card).some((a) => a.verb === 'book.slots' && a.data.channel === 'phone' && !('after' in a.data)))
      card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'phone' });
    // The client must not refuse the day on its own without a word (Input.Date min/max without errorMessage).
    const day = JSON.stringify(card).match(/\{"type":"Input\.Date","id":"day"[^}]*\}/)?.[0] ?? '';
    expect(day).not.toBe('');
    if (/"(min|max)"/.test(day)) expect(day).toContain('"errorMessage"');
    const again = await press(h, card, 'book.slots', {
      where: (a) => a.title === 'Anzeigen',
      inputs: { day: '2026-12-07' },
    });
    expect(cardText(again)).toContain('liegt in der Vergangenheit');
    expect(actionsOf(again).some((a) => a.verb === 'book.hold')).toBe(true);
  });

  it('answers "Termin stornieren" with the agenda (where appointments are cancelled), not "Did you mean Book?"', async () => {
    const replies = await h.say('Termin stornieren');
    const text = replies.map(textOf).join('\n');
    expect(text).toContain('Meine Termine');
    expect(text).not.toContain('Meinten Sie');
  });
});
