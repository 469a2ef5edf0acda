/**
 * "Suchen" in Teams over real HTTP: whoever answers the phone finds the citizen's
 * appointment — booked by anyone, served by any colleague they may book — by name (umlauts, one
 * typo), phone number in any notation, email, the reference from the mail, or a date; acts on it from
 * the result; sees nothing of colleagues they may not book, and nothing after retention.
 */
import { ManualClock } from '../../../src/domain/clock';
import { DAY, localDateTime } from '../../../src/domain/time';
import type { Appointment } from '../../../src/domain/types';
import { RedisSearchIndex } from '../../../src/store/appointment-search';
import { keys } from '../../../src/store/keys';
import { RedisRetentionStore } from '../../../src/store/retention';
import { HARNESS_TENANT_ID, startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness';
import { actionsOf, appointmentsOf, bookThroughCards, cardText, command, press, type Card } from './support';

jest.setTimeout(90_000);

const START = localDateTime('2026-12-08', '07:30');

describe('finding an appointment in Teams', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  let brandt: Appointment;
  let mueller: Appointment;
  let sozial: Appointment;

  const all = async () =>
    (
      await Promise.all(
        [
          'jonas-becker',
          'anna-schulz',
          'leonie-wagner',
          'murat-yilmaz',
          'katrin-hoffmann',
          'tobias-krueger',
          'sabine-neumann',
          'felix-richter',
          'maria-lange',
        ].map((s) => appointmentsOf(h, s)),
      )
    ).flat();

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'flow-search', clock, outboxWorker: false });
    // Jonas books an ID card from the pool: it lands with whichever colleague is earliest.
    await bookThroughCards(h, {
      serviceId: 'ausweis',
      channel: 'in-person',
      forStaffId: '*',
      citizen: { citizenName: 'Gisela Brandt', citizenEmail: 'gisela.brandt@example.org', citizenLanguage: 'de' },
    });
    // His own phone appointment with a citizen whose name has umlauts and a hyphen.
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      citizen: {
        citizenName: 'Jürgen Müller-Lüdenscheidt',
        citizenEmail: 'jm@example.org',
        citizenPhone: '0151 2345 6789',
        citizenLanguage: 'de',
      },
    });
    // Social services (whom the Bürgerbüro may not book) have a Gisela Brandt of their own.
    await bookThroughCards(h, {
      serviceId: 'sozialberatung',
      channel: 'phone',
      user: h.user('maria-lange'),
      citizen: {
        citizenName: 'Gisela Brandt',
        citizenEmail: 'gisela.brandt@example.org',
        citizenPhone: '0511 999 888',
        citizenLanguage: 'de',
      },
    });
    const list = await all();
    brandt = list.find((a) => a.serviceId === 'ausweis')!;
    mueller = list.find((a) => a.serviceId === 'kfz')!;
    sozial = list.find((a) => a.serviceId === 'sozialberatung')!;
  });
  afterAll(async () => {
    await h.close();
  });

  const jonas = () => h.user('jonas-becker');
  const maria = () => h.user('maria-lange');
  const idsOn = (card: Card): string[] => [
    ...new Set(
      actionsOf(card)
        .filter((a) => a.verb === 'appt.details' || a.verb === 'appt.reschedule' || a.verb === 'appt.cancelAsk')
        .map((a) => String(a.data.appointmentId)),
    ),
  ];

  it('gives every booking a reference, printed on the confirmation card and stored with the appointment', async () => {
    for (const a of [brandt, mueller, sozial]) expect(a.ref).toMatch(/^T-[34679ACDEFHJKMNPQRTUVWXY]{4}$/);
    expect(new Set([brandt.ref, mueller.ref, sozial.ref]).size).toBe(3);
    const { confirmation } = await bookThroughCards(h, {
      serviceId: 'auskunft',
      channel: 'phone',
      citizen: { citizenName: 'Rolf Referenz', citizenPhone: '0170 1112223', citizenLanguage: 'de' },
    });
    const booked = (await appointmentsOf(h, 'jonas-becker')).find((a) => a.citizen.name === 'Rolf Referenz')!;
    expect(cardText(confirmation)).toContain(`Terminnummer\n${booked.ref}`);
    // Booked without email: the text to read out on the phone carries it too.
    expect(cardText(confirmation)).toContain(`Ihre Terminnummer ist ${booked.ref}.`);
  });

  it('finds the pooled booking by surname with the serving colleague, opening its details as the only hit', async () => {
    const card = await command(h, 'suchen Brandt', jonas());
    const text = cardText(card);
    expect(text).toContain(`Termin ${brandt.ref}`);
    const colleague = h.directory.staff.find((s) => s.id === brandt.staffId)!;
    expect(text).toContain(brandt.staffId === 'jonas-becker' ? 'Bei: Ihnen' : `Bei: ${colleague.name}`);
    expect(text).toContain('Gisela Brandt');
    expect(text).toContain('Personalausweis');
    // Move and cancel right there; the social services' Gisela Brandt is not Jonas's to see.
    expect(actionsOf(card).map((a) => a.verb)).toEqual(expect.arrayContaining(['appt.reschedule', 'appt.cancelAsk']));
    expect(idsOn(card)).toEqual([brandt.id]);
  });

  it.each([
    ['suche mueller'],
    ['find MÜLLER'],
    ['suchen Muller'],
    ['suchen Jürgen Müller'],
    ['suchen ludenscheidt'],
    ['suchen Müler'],
    ['suchen Lüdenscheit'],
  ])('finds a name with umlauts, case, hyphen and one typo alike: "%s"', async (typed) => {
    expect(idsOn(await command(h, typed, jonas()))).toEqual([mueller.id]);
  });

  it.each([['suchen Brnadt'], ['suchen Brand'], ['suchen Bra'], ['suchen brandtt']])(
    'finds by prefix and with one typo in a name of five letters or more: "%s"',
    async (typed) => {
      expect(idsOn(await command(h, typed, jonas()))).toEqual([brandt.id]);
    },
  );

  it('allows no typo in a short word and asks for three letters', async () => {
    const card = await command(h, 'suchen Br', jonas());
    expect(cardText(card)).toContain('mindestens 3 Buchstaben');
    expect(idsOn(card)).toEqual([]);
  });

  it.each([['+49 151 23456789'], ['0049 (151) 2345-6789'], ['0151/23456789'], ['015123456789']])(
    'finds a phone number in any notation: %s',
    async (typed) => {
      expect(idsOn(await command(h, `suchen ${typed}`, jonas()))).toEqual([mueller.id]);
    },
  );

  it('finds by email address whatever its case', async () => {
    expect(idsOn(await command(h, 'suchen Gisela.Brandt@Example.ORG', jonas()))).toEqual([brandt.id]);
  });

  it('finds the reference the citizen reads out, typed any way, and alone without "suchen"', async () => {
    const code = brandt.ref!;
    expect(idsOn(await command(h, `suchen ${code.toLowerCase().replace('-', '')}`, jonas()))).toEqual([brandt.id]);
    expect(idsOn(await command(h, code, jonas()))).toEqual([brandt.id]);
    // Somebody else's reference finds nothing for Jonas, and says what was searched.
    const other = await command(h, `suchen ${sozial.ref}`, jonas());
    expect(cardText(other)).toContain(`Keine Treffer für Terminnummer „${sozial.ref}“`);
  });

  it('understands sentences about a citizen: "Termin von Frau Brandt", "Brandt verschieben"', async () => {
    expect(idsOn(await command(h, 'Termin von Frau Brandt', jonas()))).toEqual([brandt.id]);
    expect(idsOn(await command(h, 'Brandt verschieben', jonas()))).toEqual([brandt.id]);
    expect(idsOn(await command(h, 'Termin Gisela Brandt absagen', jonas()))).toEqual([brandt.id]);
    // Still the agenda and still a booking, as before.
    expect(cardText(await command(h, 'meine termine', jonas()))).toContain('Meine Termine');
    expect(cardText(await command(h, 'Termin buchen', jonas()))).toContain('Welches Anliegen?');
  });

  it('lists a date: every appointment of that day Jonas may see, upcoming first', async () => {
    const day = new Date(brandt.start + 3_600_000).toISOString().slice(0, 10);
    const [y, m, d] = day.split('-');
    const card = await command(h, `suchen ${d}.${m}.${y}`, jonas());
    const ids = idsOn(card);
    expect(ids).toContain(brandt.id);
    expect(ids).not.toContain(sozial.id);
  });

  it('says "Keine Treffer", what was searched and what to try', async () => {
    const text = cardText(await command(h, 'suchen Zzyzxwq', jonas()));
    expect(text).toContain('Keine Treffer für Name „Zzyzxwq“');
    expect(text).toContain('Telefonnummer');
    expect(text).toContain('Terminnummer');
  });

  it('shows a colleague nothing of staff they may not book, and refuses an old card of them', async () => {
    const card = await command(h, 'suchen Brandt', maria());
    expect(idsOn(card)).toEqual([sozial.id]);
    expect(idsOn(await command(h, `suchen ${brandt.ref}`, maria()))).toEqual([]);
    // Maria presses buttons of a card made for Jonas: refused, nothing written.
    const jonasCard = await command(h, 'suchen Brandt', jonas());
    const ask = await press(h, jonasCard, 'appt.cancelAsk', { user: maria() });
    expect(cardText(ask)).not.toContain('Gisela Brandt');
    const move = await press(h, jonasCard, 'appt.reschedule', { user: maria() });
    expect(cardText(move)).not.toContain('Gisela Brandt');
    const res = await h.invoke({ verb: 'appt.details', data: { appointmentId: brandt.id } }, maria());
    expect(cardText((res.body as { value: Card }).value)).not.toContain('Gisela Brandt');
    expect((await h.app.services.staff.appointments.get(brandt.id))!.status).toBe('booked');
  });

  it('asks to be written to personally in a group chat and shows no citizen data there', async () => {
    const sent = h.connector.activities.length;
    const a = h.activity(jonas(), { type: 'message', text: 'suchen Brandt' });
    a.conversation = {
      id: '19:group@thread.v2',
      conversationType: 'groupChat',
      isGroup: true,
      tenantId: HARNESS_TENANT_ID,
      name: '',
    };
    const res = await h.send(a);
    expect(res.status).toBe(200);
    const after = h.connector.activities.slice(sent);
    expect(after.map(textOf).join('\n')).toContain('Bitte schreiben Sie mir persönlich');
    expect(after.map(textOf).join('\n')).not.toMatch(/Gisela|Brandt|T-/);
  });

  it('audits who searched and how many hits, never the search text', async () => {
    const audit = await new RedisSearchIndex(h.redis, DAY).audit();
    expect(audit.length).toBeGreaterThan(10);
    expect(audit).toContainEqual(expect.objectContaining({ actor: 'maria-lange', kind: 'name', hits: 1 }));
    expect(JSON.stringify(audit)).not.toMatch(/brandt|mueller|müller|23456/i);
  });

  it('moves the appointment from the search, and cancels it from its details card', async () => {
    const details = await command(h, 'suchen Brandt', jonas());
    const slots = await press(h, details, 'appt.reschedule');
    expect(cardText(slots)).toContain('Termin verschieben');
    const target = actionsOf(slots).filter((a) => a.verb === 'appt.move')[1]!;
    const moved = await press(h, slots, 'appt.move', {
      where: (a) => a === target || a.data.start === target.data.start,
    });
    expect(cardText(moved)).toContain('Termin verschoben');
    expect(cardText(moved)).toContain(`Terminnummer\n${brandt.ref}`);
    const now = (await h.app.services.staff.appointments.get(brandt.id))!;
    expect(now).toMatchObject({ sequence: 1, start: Number(target.data.start), ref: brandt.ref });

    const again = await command(h, 'suchen Brandt', jonas());
    const ask = await press(h, again, 'appt.cancelAsk');
    const done = await press(h, ask, 'appt.cancel', { inputs: { reason: 'citizen-request' } });
    expect(cardText(done)).toContain('abgesagt');
    expect(cardText(done)).toContain('Gisela Brandt');
    expect((await h.app.services.staff.appointments.get(brandt.id))!.status).toBe('cancelled');
    // A cancelled appointment is still found (the citizen may call about it), marked as such.
    expect(cardText(await command(h, 'suchen Brandt', jonas()))).toContain('abgesagt');
  });

  it('finds nothing once retention compacted it, and frees its reference', async () => {
    const retention = new RedisRetentionStore(h.redis, () => undefined);
    expect((await retention.compactEndedBefore(mueller.end + DAY)).handled).toBeGreaterThan(0);
    const card = await command(h, 'suchen Müller', jonas());
    expect(cardText(card)).toContain('Keine Treffer');
    expect(idsOn(await command(h, 'suchen 0151 23456789', jonas()))).toEqual([]);
    expect(await h.redis.hget(keys.references(), mueller.ref!)).toBeNull();
    expect(await h.redis.exists(keys.searchEntriesOf(mueller.id))).toBe(0);
    expect(await h.app.services.staff.appointments.get(mueller.id)).toBeNull();
  });
});
