/**
 * Quick booking in one message over real HTTP /api/messages, real Redis: the sentence lands on the
 * right service/channel/day, only what is missing is asked, bad input gets a card that says what is
 * possible instead, and nothing is held or booked before a slot is pressed. Also the step counts of
 * both paths (README: "Try it").
 */
import { ManualClock } from '../../../src/domain/clock';
import { localDateOf, localDateTime, localTimeOf } from '../../../src/domain/time';
import { changedKeys, snapshotKeys } from '../../reliability/support';
import { startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';
import { actionsOf, appointmentsOf, cardText, command, press, type Card } from './support';

// Tuesday 8 Dec 2026, 07:30: Bürgerbüro team A (Jonas Becker) is on site this week.
const START = localDateTime('2026-12-08', '07:30');

const slotButtons = (card: Card) => actionsOf(card).filter((a) => a.verb === 'book.hold');
const slotDays = (card: Card) => [...new Set(slotButtons(card).map((a) => localDateOf(Number(a.data.start))))];
const slotTimes = (card: Card) => slotButtons(card).map((a) => localTimeOf(Number(a.data.start)));

describe('quick booking in one message', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'flow-quick', clock, outboxWorker: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('"Kfz Telefon morgen 10 Uhr" → the slots card of tomorrow around 10:00, phone, nothing held', async () => {
    const before = await snapshotKeys(h.redis);
    const card = await command(h, 'Kfz Telefon morgen 10 Uhr');
    const text = cardText(card);
    expect(text).toContain('Freie Termine');
    expect(text).toContain('Kfz-Zulassung');
    expect(text).toContain('Telefon');
    expect(slotDays(card)).toEqual(['2026-12-09']);
    expect(slotTimes(card)).toContain('10:00');
    expect(slotButtons(card).every((a) => a.data.channel === 'phone' && a.data.serviceId === 'kfz')).toBe(true);
    expect(changedKeys(before, await snapshotKeys(h.redis))).toEqual([]);
  });

  it('"book Kfz tomorrow 10:00" in English is a booking, not "Did you mean \'Book\'?"', async () => {
    const replies = await h.say('book Kfz tomorrow 10:00', h.user(), { locale: 'en-US' });
    expect(JSON.stringify(replies)).not.toContain('Did you mean');
    const card = replies.map((r) => r.attachments?.[0]?.content as Card).find(Boolean)!;
    // Kfz is offered in person and by phone: only the channel is asked.
    expect(cardText(card)).toContain('How does the consultation take place?');
    const slots = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'in-person', locale: 'en-US' });
    expect(slotDays(slots)).toEqual(['2026-12-09']);
    expect(slotTimes(slots)).toContain('10:00');
  });

  it.each([
    ['Personalausweis vor Ort am 10.12.2026', 'ausweis', 'in-person', '2026-12-10'],
    ['Auskunft Video Freitag nachmittags', 'auskunft', 'video', '2026-12-11'],
    ['Perso persönlich übermorgen', 'ausweis', 'in-person', '2026-12-10'],
    ['Kfz-Zulasung telefonisch Donnerstag', 'kfz', 'phone', '2026-12-10'],
  ])('"%s" lands on %s, %s, %s', async (sentence, serviceId, channel, day) => {
    const card = await command(h, sentence);
    const buttons = slotButtons(card);
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.every((a) => a.data.serviceId === serviceId && a.data.channel === channel)).toBe(true);
    expect(slotDays(card)).toEqual([day]);
  });

  it('searches everyone who offers the service by default, "bei mir" only one\'s own calendar, a named colleague only theirs', async () => {
    const pooled = slotButtons(await command(h, 'Personalausweis vor Ort morgen'));
    expect(new Set(pooled.map((a) => a.data.staffId)).size).toBeGreaterThan(1);
    const mine = slotButtons(await command(h, 'Personalausweis vor Ort morgen bei mir'));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.data.staffId === 'jonas-becker' && a.data.forStaffId === 'jonas-becker')).toBe(true);
    const katrin = slotButtons(await command(h, 'Kfz Telefon morgen bei Katrin Hoffmann'));
    expect(katrin.length).toBeGreaterThan(0);
    expect(katrin.every((a) => a.data.staffId === 'katrin-hoffmann')).toBe(true);
  });

  it('books several services in one appointment ("Ummeldung und Personalausweis")', async () => {
    const card = await command(h, 'Ummeldung und Personalausweis vor Ort morgen');
    const buttons = slotButtons(card);
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons[0]!.data.serviceIds).toEqual(['meldewesen', 'ausweis']);
  });

  it('"Auskunft Video Freitag nachmittags" offers afternoon times only', async () => {
    const card = await command(h, 'Auskunft Video Freitag nachmittags');
    expect(slotTimes(card).every((t) => t >= '12:00')).toBe(true);
  });

  it('"book registration video tomorrow" (English) lands on address registration by video', async () => {
    const replies = await h.say('book registration video tomorrow', h.user(), { locale: 'en-US' });
    const card = replies.map((r) => r.attachments?.[0]?.content as Card).find(Boolean)!;
    expect(cardText(card)).toContain('Registration of address');
    expect(slotButtons(card).every((a) => a.data.serviceId === 'meldewesen' && a.data.channel === 'video')).toBe(true);
    expect(slotDays(card)).toEqual(['2026-12-09']);
  });

  it('asks only for the service when the sentence has none, and keeps the day', async () => {
    const card = await command(h, 'Termin am Freitag buchen');
    expect(cardText(card)).toContain('Welches Anliegen?');
    const slots = await press(h, card, 'book.service', { where: (a) => a.data.serviceId === 'ausweis' });
    expect(slotDays(slots)).toEqual(['2026-12-11']);
  });

  it('asks for the channel with the day and time kept', async () => {
    const card = await command(h, 'Kfz morgen 14 Uhr');
    expect(cardText(card)).toContain('Wie findet das Gespräch statt?');
    const slots = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'phone' });
    expect(slotDays(slots)).toEqual(['2026-12-09']);
    expect(slotTimes(slots)).toContain('14:00');
  });

  it('asks for the service with channel, day and part of the day kept', async () => {
    const card = await command(h, 'Telefon Donnerstag nachmittags buchen');
    expect(cardText(card)).toContain('Welches Anliegen?');
    const slots = await press(h, card, 'book.service', { where: (a) => a.data.serviceId === 'kfz' });
    expect(slotButtons(slots).every((a) => a.data.channel === 'phone')).toBe(true);
    expect(slotDays(slots)).toEqual(['2026-12-10']);
    expect(slotTimes(slots).every((t) => t >= '12:00')).toBe(true);
  });

  it('says "frühester Termin" only for the earliest slots, not for those near a time asked for', async () => {
    const near = cardText(await command(h, 'Kfz Telefon morgen 10 Uhr'));
    expect(near).toContain('bei allen, die es anbieten');
    expect(near).not.toContain('(frühester Termin)');
    const afternoon = await command(h, 'Kfz morgen nachmittags');
    expect(cardText(afternoon)).not.toContain('(frühester Termin)');
    const slots = await press(h, afternoon, 'book.slots', { where: (a) => a.data.channel === 'phone' });
    expect(cardText(slots)).not.toContain('(frühester Termin)');
    // Without a time: the earliest, and it says so.
    const earliest = await command(h, 'Kfz Telefon morgen');
    expect(cardText(earliest)).toContain('bei allen, die es anbieten (frühester Termin)');
  });

  it('asks which service when a word fits several ("Beratung")', async () => {
    const text = cardText(await command(h, 'Beratung morgen', h.user('maria-lange')));
    expect(text).toContain('Welches Anliegen genau: Wohngeld-Beratung, Sozialberatung oder Bauberatung?');
    const card = await command(h, 'Beratung morgen', h.user('maria-lange'));
    const offered = actionsOf(card)
      .filter((a) => a.verb === 'book.service' && a.data.serviceId)
      .map((a) => String(a.data.serviceId));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((id) => ['wohngeld', 'sozialberatung', 'bauberatung'].includes(id))).toBe(true);
  });

  describe('bad input: a card says what is possible instead, nothing is held or booked', () => {
    let snapshot: Map<string, string>;
    beforeEach(async () => {
      snapshot = await snapshotKeys(h.redis);
    });
    afterEach(async () => {
      expect(changedKeys(snapshot, await snapshotKeys(h.redis))).toEqual([]);
    });

    it('an unknown service: the service card, saying so', async () => {
      const text = cardText(await command(h, 'Fischereischein morgen buchen'));
      expect(text).toContain('„Fischereischein“ habe ich nicht als Anliegen erkannt.');
      expect(text).toContain('Welches Anliegen?');
      expect(text).toContain('Kfz-Zulassung');
    });

    it('an impossible date (31.02.): said, and the next free times', async () => {
      const card = await command(h, 'Kfz Telefon am 31.02.');
      expect(cardText(card)).toContain('Den 31.02. gibt es nicht.');
      expect(slotButtons(card).length).toBeGreaterThan(0);
    });

    it('a time outside working hours: said, and the nearest free times of that day', async () => {
      const card = await command(h, 'Kfz Telefon morgen 22 Uhr');
      expect(cardText(card)).toContain('Um 22:00 Uhr arbeitet niemand, der das anbietet.');
      expect(slotDays(card)).toEqual(['2026-12-09']);
    });

    it('a date past the horizon: until when it can be booked, and the next free times', async () => {
      const card = await command(h, 'Auskunft Telefon am 15.02.2027');
      expect(cardText(card)).toMatch(
        /Allgemeine Auskunft kann nur bis .* gebucht werden\. Hier die nächsten freien Termine:/,
      );
      expect(slotButtons(card).length).toBeGreaterThan(0);
    });

    it('a channel the service does not have: which it has', async () => {
      const card = await command(h, 'Personalausweis Video morgen');
      expect(cardText(card)).toContain('Personalausweis und Reisepass gibt es nur vor Ort, nicht per Video.');
      expect(slotButtons(card).every((a) => a.data.channel === 'in-person')).toBe(true);
    });

    it('a day nobody works (Saturday): said, and the nearest days with free times', async () => {
      const card = await command(h, 'Kfz Telefon Samstag');
      expect(cardText(card)).toContain('Die nächsten Tage mit freien Terminen:');
      expect(slotDays(card)[0]! > '2026-12-12').toBe(true);
    });

    it('in English too', async () => {
      const replies = await h.say('book car by phone on 31.02. at 25:00', h.user(), { locale: 'en-US' });
      const text = cardText(replies.map((r) => r.attachments?.[0]?.content as Card).find(Boolean)!);
      expect(text).toContain('There is no 31.02.');
    });
  });

  it('keeps commands that are no bookings: "meine Termine morgen" is the agenda, "Hilfe" the help', async () => {
    expect(cardText(await command(h, 'meine Termine morgen'))).not.toContain('Freie Termine');
    expect(cardText(await command(h, 'Hilfe'))).toContain('Was ich für Sie tun kann');
  });
});

describe('steps per booking (README: "Try it")', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'flow-quick-steps', clock, outboxWorker: false });
  });
  afterAll(async () => {
    await h.close();
  });

  const citizen = {
    citizenName: 'Erika Mustermann',
    citizenEmail: 'erika@example.org',
    citizenPhone: '0511 123456',
    citizenLanguage: 'de',
  };

  it('card path: "Termin buchen" → confirmed in at most 4 taps', async () => {
    let taps = 0;
    const tap = async (card: Card, verb: string, opts: Parameters<typeof press>[3] = {}) => {
      taps++;
      return press(h, card, verb, opts);
    };
    let card = await command(h, 'Termin buchen');
    card = await tap(card, 'book.service', { where: (a) => a.data.serviceId === 'kfz' });
    card = await tap(card, 'book.slots', { where: (a) => a.data.channel === 'phone' });
    card = await tap(card, 'book.hold');
    card = await tap(card, 'book.submit', { inputs: citizen });
    expect(cardText(card)).toContain('Termin gebucht');
    expect(taps).toBeLessThanOrEqual(4);
    console.log(`card path: 1 typed command + ${taps} taps`);
  });

  it('card path with a one-channel service: 3 taps', async () => {
    let card = await command(h, 'Termin buchen');
    card = await press(h, card, 'book.service', { where: (a) => a.data.serviceId === 'ausweis' });
    card = await press(h, card, 'book.hold');
    card = await press(h, card, 'book.submit', { inputs: citizen });
    expect(cardText(card)).toContain('Termin gebucht');
  });

  it('quick path: "Kfz Telefon morgen 10 Uhr" → confirmed in 3 turns (sentence, slot, book)', async () => {
    let turns = 1;
    let card = await command(h, 'Kfz Telefon morgen 10 Uhr');
    turns++;
    card = await press(h, card, 'book.hold', { where: (a) => localTimeOf(Number(a.data.start)) === '10:00' });
    turns++;
    // Another citizen: Erika has a Kfz appointment already (the review would ask first).
    card = await press(h, card, 'book.submit', {
      inputs: { ...citizen, citizenName: 'Karl Kurz', citizenEmail: 'karl@example.org', citizenPhone: '0511 654321' },
    });
    expect(cardText(card)).toContain('Termin gebucht');
    expect(turns).toBeLessThanOrEqual(3);
    // Pooled: whoever serves it, booked by Jonas.
    const all = (await Promise.all(h.directory.staff.map((x) => appointmentsOf(h, x.id)))).flat();
    const booked = all.find((a) => a.start === localDateTime('2026-12-09', '10:00') && a.createdBy === 'jonas-becker');
    expect(booked).toMatchObject({ serviceId: 'kfz', channel: 'phone', status: 'booked' });
    console.log(`quick path: ${turns} turns`);
  });

  it('a half-filled form comes back marked and books nothing', async () => {
    let card = await command(h, 'Auskunft Telefon morgen 11 Uhr');
    card = await press(h, card, 'book.hold');
    const before = (await appointmentsOf(h, 'jonas-becker')).length;
    const again = await press(h, card, 'book.submit', { inputs: { ...citizen, citizenPhone: '' } });
    expect(cardText(again)).toContain('Bitte prüfen Sie die markierten Angaben');
    expect((await appointmentsOf(h, 'jonas-becker')).length).toBe(before);
  });
});
