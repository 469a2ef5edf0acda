/**
 * "Termine Team" in Teams over real HTTP: whoever covers the phone sees every appointment
 * of the colleagues they may book, and their own, grouped by colleague, each with the search's
 * actions; nothing of colleagues they may not book; only in the personal chat; a week paged per day
 * and a long day paged, never over Teams' size limit, nothing left out.
 */
import { activityBytes } from '../../../src/bot/cards/ac';
import { ManualClock } from '../../../src/domain/clock';
import { localDateOf, localDateTime, MINUTE } from '../../../src/domain/time';
import type { Appointment } from '../../../src/domain/types';
import { HARNESS_TENANT_ID, startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness';
import { sampleAppointment } from '../../store/support/appointments-fixture';
import { actionsOf, appointmentsOf, bookThroughCards, cardText, command, press, type Card } from './support';

jest.setTimeout(120_000);

const START = localDateTime('2026-12-08', '07:30');
/** A Thursday with a crowded desk: 3 colleagues × 40 appointments. */
const BUSY_DAY = '2026-12-10';
const BUSY_STAFF = ['jonas-becker', 'katrin-hoffmann', 'leonie-wagner'];

const ddmmyyyy = (date: string) => date.split('-').reverse().join('.');

describe('the team agenda in Teams', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  let brandt: Appointment;
  let mueller: Appointment;
  let auskunft: Appointment;
  let sozial: Appointment;
  const busy: Appointment[] = [];

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'flow-team-agenda', clock, outboxWorker: false });
    const jonas = h.user('jonas-becker');
    const peter = h.user('peter-klein');
    // Jonas books a vehicle appointment by phone into Katrin's calendar (team B; the Bürgerbüro books across both teams) …
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      forStaffId: 'katrin-hoffmann',
      user: jonas,
      citizen: {
        citizenName: 'Gisela Brandt',
        citizenEmail: 'gisela.brandt@example.org',
        citizenPhone: '0511 123456',
        citizenLanguage: 'de',
      },
    });
    // … and a phone appointment of his own.
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      user: jonas,
      citizen: { citizenName: 'Jürgen Müller', citizenPhone: '0151 23456789', citizenLanguage: 'de' },
    });
    // Peter (social services) has a general enquiry, which everyone may book, and a social counselling, which the Bürgerbüro may not.
    await bookThroughCards(h, {
      serviceId: 'auskunft',
      channel: 'phone',
      user: peter,
      citizen: { citizenName: 'Rolf Auskunft', citizenPhone: '0170 1112223', citizenLanguage: 'de' },
    });
    await bookThroughCards(h, {
      serviceId: 'sozialberatung',
      channel: 'phone',
      user: peter,
      citizen: { citizenName: 'Sonja Sozial', citizenPhone: '0511 999888', citizenLanguage: 'de' },
    });
    brandt = (await appointmentsOf(h, 'katrin-hoffmann')).find((a) => a.citizen.name === 'Gisela Brandt')!;
    mueller = (await appointmentsOf(h, 'jonas-becker')).find((a) => a.citizen.name === 'Jürgen Müller')!;
    const peters = await appointmentsOf(h, 'peter-klein');
    auskunft = peters.find((a) => a.serviceId === 'auskunft')!;
    sozial = peters.find((a) => a.serviceId === 'sozialberatung')!;

    // A crowded Thursday, written through the store's confirm script (the same indexes a booking writes).
    for (const staffId of BUSY_STAFF)
      for (let i = 0; i < 40; i++) {
        const start = localDateTime(BUSY_DAY, '08:00') + i * 12 * MINUTE;
        const a = sampleAppointment({
          id: `busy-${staffId}-${i}`,
          start,
          end: start + 10 * MINUTE,
          blockStart: start,
          blockEnd: start + 10 * MINUTE,
          staffId,
          createdBy: staffId,
          serviceId: 'meldewesen',
          channel: 'in-person',
          citizen: { name: `Bürgerin Nummer ${i} von ${staffId}`, email: `b${i}@example.org`, language: 'de' },
        });
        const { appointment } = await h.app.services.staff.appointments.confirm({
          clientKey: `busy-${staffId}-${i}`,
          appointment: a,
          audit: { at: START, actor: staffId, action: 'booked', appointmentId: a.id },
          outbox: [],
        });
        busy.push(appointment);
      }
  });
  afterAll(async () => {
    await h.close();
  });

  const jonas = () => h.user('jonas-becker');
  const idsOn = (card: Card): string[] => [
    ...new Set(
      actionsOf(card)
        .filter((a) => a.verb === 'appt.details' || a.verb === 'appt.cancelAsk')
        .map((a) => String(a.data.appointmentId)),
    ),
  ];
  const sizeOf = (card: Card) => activityBytes(card);
  const dayOf = (a: Appointment) => localDateOf(a.start);

  it('groups the day by colleague, the reader first, each line with Verschieben / Absagen / Details', async () => {
    expect(dayOf(brandt)).toBe(dayOf(mueller));
    const card = await command(h, `termine team ${ddmmyyyy(dayOf(brandt))}`, jonas());
    const text = cardText(card);
    expect(text).toContain('Termine Team – ');
    expect(idsOn(card)).toEqual(expect.arrayContaining([brandt.id, mueller.id]));
    // Jonas's own group first, then Katrin's; every line under the heading of whoever serves it.
    const mine = text.indexOf('Jonas Becker (Sie)');
    const katrins = text.indexOf('Katrin Hoffmann');
    expect(mine).toBeGreaterThanOrEqual(0);
    expect(katrins).toBeGreaterThan(mine);
    expect(text.indexOf('Jürgen Müller')).toBeGreaterThan(mine);
    expect(text.indexOf('Jürgen Müller')).toBeLessThan(katrins);
    expect(text.indexOf('Gisela Brandt')).toBeGreaterThan(katrins);
    for (const a of [brandt, mueller]) {
      const verbs = actionsOf(card)
        .filter((b) => b.data.appointmentId === a.id)
        .map((b) => b.verb);
      expect(verbs).toEqual(['appt.reschedule', 'appt.cancelAsk', 'appt.details']);
    }
  });

  it('leaves out colleagues bookable only for single services: the search finds those', async () => {
    // Anyone may book Peter (social services) for "Auskunft", but he is not the Bürgerbüro's team.
    const card = await command(h, `team agenda ${ddmmyyyy(dayOf(auskunft))}`, jonas());
    expect(idsOn(card)).not.toContain(auskunft.id);
    expect(idsOn(card)).not.toContain(sozial.id);
    expect(cardText(card)).not.toMatch(/Peter Klein|Rolf Auskunft|Sonja Sozial/);
    expect(idsOn(await command(h, 'suchen Auskunft', jonas()))).toEqual([auskunft.id]);
  });

  it('shows someone who may not book a colleague nothing of theirs', async () => {
    // Maria leads social services and the building authority; the Bürgerbüro is not hers to book.
    const maria = await command(h, `termine team ${ddmmyyyy(dayOf(brandt))}`, h.user('maria-lange'));
    expect(idsOn(maria)).not.toContain(brandt.id);
    expect(idsOn(maria)).not.toContain(mueller.id);
    expect(cardText(maria)).not.toMatch(/Gisela Brandt|Jürgen Müller|Katrin Hoffmann/);
    const peters = await command(h, `termine team ${ddmmyyyy(dayOf(sozial))}`, h.user('maria-lange'));
    expect(idsOn(peters)).toEqual(expect.arrayContaining([sozial.id, auskunft.id]));
    // Nor the crowded Bürgerbüro day (meldewesen is not hers to book).
    const busyDay = await command(h, `termine team ${ddmmyyyy(BUSY_DAY)}`, h.user('maria-lange'));
    expect(idsOn(busyDay).filter((id) => id.startsWith('busy-'))).toEqual([]);
    // An old card of Jonas's pressed by Maria: refused, nothing shown, nothing written.
    const jonasCard = await command(h, `termine team ${ddmmyyyy(dayOf(brandt))}`, jonas());
    const ask = await press(h, jonasCard, 'appt.cancelAsk', {
      user: h.user('maria-lange'),
      where: (a) => a.data.appointmentId === brandt.id,
    });
    expect(cardText(ask)).not.toContain('Gisela Brandt');
    expect((await h.app.services.staff.appointments.get(brandt.id))!.status).toBe('booked');
  });

  it('says so for an empty day, with how many people it looked at', async () => {
    const card = await command(h, 'termine team 30.12.2026', jonas());
    const text = cardText(card);
    expect(text).toContain('Keine Termine bei den');
    expect(idsOn(card)).toEqual([]);
    // Somebody who books for no whole team is told why they see only their own.
    const julia = cardText(await command(h, 'termine team 30.12.2026', h.user('julia-vogel')));
    expect(julia).toContain('Sie buchen für kein ganzes Team');
  });

  it('pages a long day: every appointment on exactly one page, each page under 80 KB', async () => {
    let card = await command(h, `termine team ${ddmmyyyy(BUSY_DAY)}`, jonas());
    expect(cardText(card)).toContain('120 Termine bei 3 Personen');
    expect(cardText(card)).toMatch(/Seite 1 von (\d+)/);
    const pages = Number(/Seite 1 von (\d+)/.exec(cardText(card))![1]);
    expect(pages).toBeGreaterThan(1);
    const seen: string[] = [];
    for (let p = 1; ; p++) {
      expect(sizeOf(card)).toBeLessThan(80_000);
      expect(cardText(card)).toContain(`Seite ${p} von ${pages}`);
      seen.push(...idsOn(card));
      if (p === pages) break;
      card = await press(h, card, 'team.show', { where: (a) => a.data.page === p });
    }
    expect(actionsOf(card).some((a) => a.verb === 'team.show' && a.data.page === pages)).toBe(false);
    const expected = busy.map((a) => a.id).sort();
    expect(seen.filter((id) => id.startsWith('busy-')).sort()).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    // Back one page: the previous page again.
    const back = await press(h, card, 'team.show', { where: (a) => a.data.page === pages - 2 });
    expect(cardText(back)).toContain(`Seite ${pages - 1} von ${pages}`);
  });

  it('pages the week per day: a crowded day shows its count and opens on its own', async () => {
    const card = await command(h, 'termine team woche', jonas());
    expect(sizeOf(card)).toBeLessThan(80_000);
    const text = cardText(card);
    expect(text).toContain('Diese Woche');
    expect(text).toContain('120 Termine');
    const open = actionsOf(card).find(
      (a) => a.verb === 'team.show' && (a.data.range as { date?: string }).date === BUSY_DAY,
    );
    expect(open).toBeDefined();
    const day = await press(h, card, 'team.show', { where: (a) => a === open || a.data.range === open!.data.range });
    expect(cardText(day)).toContain('Seite 1 von');
    expect(idsOn(day).some((id) => id.startsWith('busy-'))).toBe(true);
  });

  it('cancels from a line and comes back to the team agenda with what happened', async () => {
    const range = `termine team ${ddmmyyyy(dayOf(mueller))}`;
    const card = await command(h, range, jonas());
    const ask = await press(h, card, 'appt.cancelAsk', { where: (a) => a.data.appointmentId === mueller.id });
    expect(cardText(ask)).toContain('Termin absagen');
    expect(actionsOf(ask).find((a) => a.title === 'Zurück')).toMatchObject({ verb: 'team.show' });
    const done = await press(h, ask, 'appt.cancel', { inputs: { reason: 'citizen-request' } });
    expect(cardText(done)).toContain('Termine Team');
    expect(cardText(done)).toContain('abgesagt');
    expect((await h.app.services.staff.appointments.get(mueller.id))!.status).toBe('cancelled');
    // Details from the team agenda lead back to it.
    const details = await press(h, done, 'appt.details', { where: (a) => a.data.appointmentId === brandt.id });
    expect(cardText(details)).toContain('Gisela Brandt');
    const again = await press(h, details, 'team.show');
    expect(cardText(again)).toContain('Termine Team');
  });

  it('asks to be written to personally in a group chat and shows no citizen data there', async () => {
    const sent = h.connector.activities.length;
    const a = h.activity(jonas(), { type: 'message', text: 'termine team' });
    a.conversation = {
      id: '19:group@thread.v2',
      conversationType: 'groupChat',
      isGroup: true,
      tenantId: HARNESS_TENANT_ID,
      name: '',
    };
    const res = await h.send(a);
    expect(res.status).toBe(200);
    const after = h.connector.activities.slice(sent).map(textOf).join('\n');
    expect(after).toContain('Bitte schreiben Sie mir persönlich');
    expect(after).not.toMatch(/Gisela|Brandt|Müller|Bürgerin Nummer/);
  });

  it('answers in English for an English Teams client', async () => {
    const replies = await h.say('team agenda tomorrow', jonas(), { locale: 'en-US' });
    expect(replies.map(textOf).join('\n')).toContain('Team agenda – Tomorrow');
  });
});
