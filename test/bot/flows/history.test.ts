/**
 * "Alle Termine dieser Person" and the booking's duplicate hint in Teams over real HTTP: the citizen's appointments under the same email or phone number, past and future with
 * their outcomes, within the booking rights, never after retention; audited like a search. A clerk who
 * books a citizen twice for the same service is offered to move the existing appointment instead.
 */
import { ManualClock } from '../../../src/domain/clock';
import { DAY, localDateTime, MINUTE } from '../../../src/domain/time';
import type { Appointment } from '../../../src/domain/types';
import { RedisSearchIndex } from '../../../src/store/appointment-search';
import { keys } from '../../../src/store/keys';
import { RedisRetentionStore } from '../../../src/store/retention';
import { HARNESS_TENANT_ID, startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness';
import { actionsOf, appointmentsOf, bookThroughCards, cardText, command, press, type Card } from './support';

jest.setTimeout(90_000);

const START = localDateTime('2026-12-08', '07:30');
const GISELA = { citizenName: 'Gisela Brandt', citizenEmail: 'gisela.brandt@example.org', citizenLanguage: 'de' };

describe("a citizen's appointments and the duplicate hint", () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  let kfz: Appointment;
  let ausweis: Appointment;
  let sozial: Appointment;
  let namesake: Appointment;

  const jonas = () => h.user('jonas-becker');
  const all = async () => (await Promise.all(h.directory.staff.map((s) => appointmentsOf(h, s.id)))).flat();
  /** The appointments a history card lists (its lines open their details). */
  const listed = (card: Card): string[] =>
    actionsOf(card)
      .filter((a) => a.verb === 'appt.details' && a.title === undefined)
      .map((a) => String(a.data.appointmentId));

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'flow-history', clock, outboxWorker: false });
    // This morning by phone (same email, and a mobile number); it took place without her.
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      citizen: { ...GISELA, citizenPhone: '0151 2345 6789' },
    });
    kfz = (await all()).find((a) => a.serviceId === 'kfz')!;
    clock.set(kfz.end + 5 * MINUTE);
    const details = await command(h, `suchen ${kfz.ref}`, jonas());
    await press(h, details, 'appt.outcome', { where: (a) => a.data.outcome === 'no-show' });
    // Then an ID card from the pool, with the same mobile number.
    await bookThroughCards(h, {
      serviceId: 'ausweis',
      channel: 'in-person',
      forStaffId: '*',
      citizen: { ...GISELA, citizenPhone: '0151 2345 6789' },
    });
    // Social services (Jonas may not book them) and a namesake with another number.
    await bookThroughCards(h, {
      serviceId: 'sozialberatung',
      channel: 'phone',
      user: h.user('maria-lange'),
      citizen: { ...GISELA, citizenPhone: '0511 999 888' },
    });
    await bookThroughCards(h, {
      serviceId: 'auskunft',
      channel: 'phone',
      citizen: { citizenName: 'Gisela Brandt', citizenPhone: '0171 9876543', citizenLanguage: 'de' },
    });
    const list = await all();
    ausweis = list.find((a) => a.serviceId === 'ausweis')!;
    sozial = list.find((a) => a.serviceId === 'sozialberatung')!;
    namesake = list.find((a) => a.serviceId === 'auskunft')!;
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists past and future appointments of the same email or phone with their outcomes, from the details card', async () => {
    const details = await command(h, `suchen ${ausweis.ref}`, jonas());
    const history = await press(h, details, 'appt.history');
    const text = cardText(history);
    expect(text).toContain('Termine von Gisela Brandt');
    expect(text).toContain('2 Termine');
    expect(text).toContain('Einmal nicht erschienen');
    expect(text).toContain('✖ nicht erschienen');
    // Upcoming first, then the past; not the namesake, not what Jonas may not book.
    expect(listed(history)).toEqual([ausweis.id, kfz.id]);
    expect(listed(history)).not.toContain(sozial.id);
    expect(listed(history)).not.toContain(namesake.id);
    // A line opens that appointment's card; "back" returns to the one it came from.
    const opened = await press(h, history, 'appt.details', { where: (a) => a.data.appointmentId === kfz.id });
    expect(cardText(opened)).toContain(`Termin ${kfz.ref}`);
    const back = await press(h, history, 'appt.details', { where: (a) => a.title === 'Zurück zum Termin' });
    expect(cardText(back)).toContain(`Termin ${ausweis.ref}`);
  });

  it('shows Maria (social services) only what she may book', async () => {
    const details = await command(h, `suchen ${sozial.ref}`, h.user('maria-lange'));
    const history = await press(h, details, 'appt.history', { user: h.user('maria-lange') });
    expect(listed(history)).toEqual([sozial.id]);
    // An old history button of Jonas's card shows her nothing of his.
    const jonasCard = await command(h, `suchen ${ausweis.ref}`, jonas());
    const refused = await press(h, jonasCard, 'appt.history', { user: h.user('maria-lange') });
    expect(cardText(refused)).not.toContain('Gisela Brandt');
  });

  it('audits who looked and how many appointments, never the citizen', async () => {
    const audit = await new RedisSearchIndex(h.redis, DAY).audit();
    expect(audit).toContainEqual(expect.objectContaining({ actor: 'jonas-becker', kind: 'history', hits: 2 }));
    expect(audit).toContainEqual(expect.objectContaining({ actor: 'maria-lange', kind: 'history', hits: 1 }));
    expect(JSON.stringify(audit)).not.toMatch(/brandt|gisela|example\.org|151/i);
  });

  it('answers in the personal chat only, never in a group', async () => {
    const sent = h.connector.activities.length;
    const a = h.activity(jonas(), {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'appt.history', data: { appointmentId: ausweis.id } } },
    });
    a.conversation = {
      id: '19:group@thread.v2',
      conversationType: 'groupChat',
      isGroup: true,
      tenantId: HARNESS_TENANT_ID,
      name: '',
    };
    const res = await h.send(a);
    expect(res.status).toBe(200);
    const inGroup = h.connector.activities.slice(sent).filter((x) => x.conversationId === '19:group@thread.v2');
    expect(JSON.stringify(res.body) + inGroup.map(textOf).join('\n')).not.toMatch(/Gisela|Brandt/);
  });

  /** "Termin buchen" → ID card → pooled slot `index` → the details typed → "Verbindlich buchen". */
  const bookIdCard = async (citizen: Record<string, string>, index: number) => {
    let card = await command(h, 'Termin buchen', jonas());
    card = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'ausweis',
      inputs: { forStaffId: '*' },
    });
    const slot = actionsOf(card).filter((a) => a.verb === 'book.hold' && Number(a.data.start) !== ausweis.start)[
      index
    ]!;
    const details = await press(h, card, 'book.hold', { where: (a) => a === slot });
    return { slot, answer: await press(h, details, 'book.submit', { inputs: citizen }) };
  };

  it('says at booking that she already has an ID card appointment (same email) and books a second one only when told', async () => {
    const before = await all();
    const { answer } = await bookIdCard(
      { citizenName: 'G. Brandt', citizenEmail: 'GISELA.BRANDT@example.org', citizenLanguage: 'de' },
      3,
    );
    const text = cardText(answer);
    expect(text).toContain('Gisela Brandt hat schon einen Termin für Personalausweis und Reisepass');
    expect(text).toContain(ausweis.ref!);
    expect(text).toContain('Stattdessen diesen verschieben');
    expect(await all()).toHaveLength(before.length);
    const booked = await press(h, answer, 'book.confirm');
    expect(cardText(booked)).toContain('Termin gebucht');
    expect(await all()).toHaveLength(before.length + 1);
  });

  it('finds her by the phone number in another notation and moves the existing appointment instead of booking twice', async () => {
    const before = await all();
    const { slot, answer } = await bookIdCard(
      { citizenName: 'Gisela Brandt', citizenPhone: '+49 151 23456789', citizenLanguage: 'de' },
      1,
    );
    expect(cardText(answer)).toContain(`(${ausweis.ref})`);
    const moved = await press(h, answer, 'book.moveInstead');
    expect(cardText(moved)).toContain('Termin verschoben');
    const now = (await h.app.services.staff.appointments.get(ausweis.id))!;
    expect(now).toMatchObject({
      start: Number(slot.data.start),
      staffId: slot.data.staffId,
      sequence: ausweis.sequence + 1,
      ref: ausweis.ref,
    });
    expect(await all()).toHaveLength(before.length);
    // The hold on the new time went with the move.
    expect(await h.redis.zrangebyscore(keys.holds(String(slot.data.staffId)), clock.now(), '+inf')).toEqual([]);
    ausweis = now;
  });

  it('lists nothing retention has anonymised', async () => {
    await new RedisRetentionStore(h.redis, () => undefined).compactEndedBefore(kfz.end + MINUTE);
    const details = await command(h, `suchen ${ausweis.ref}`, jonas());
    const history = await press(h, details, 'appt.history');
    expect(listed(history).length).toBeGreaterThan(0);
    expect(listed(history)).not.toContain(kfz.id);
  });
});
