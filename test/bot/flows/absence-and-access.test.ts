/** Absence reports, help, suggestions, unknown users and foreign tenants, over real HTTP. */
import { ManualClock } from '../../../src/domain/clock';
import { addDays, localDateTime } from '../../../src/domain/time';
import type { OutboxMessage } from '../../../src/domain/types';
import { renderSupervisorAlert } from '../../../src/delivery/staff-notices';
import { keys } from '../../../src/store/keys';
import { cardOf, startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness';
import { appointmentsOf, bookThroughCards, cardText, command, outboxEntries, press } from './support';

const TODAY = '2026-12-08';
const START = localDateTime(TODAY, '07:30');

describe('absence report in Teams', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'flow-absence', clock, outboxWorker: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('stores the absence, lists the affected appointments and alerts the team’s supervisor through the outbox when she cannot be reached in Teams', async () => {
    await bookThroughCards(h, { serviceId: 'kfz', channel: 'phone' });
    await bookThroughCards(h, {
      serviceId: 'ausweis',
      channel: 'in-person',
      citizen: { citizenName: 'Ida Ort', citizenEmail: 'ida@example.org', citizenLanguage: 'de' },
    });
    const form = await command(h, 'krank');
    expect(cardText(form)).toContain('Abwesenheit melden');
    const result = await press(h, form, 'absence.submit', { inputs: { kind: 'sick', from: TODAY, to: TODAY } });
    const text = cardText(result);
    expect(text).toContain('Abwesenheit gemeldet');
    expect(text).toContain('2 Termine sind betroffen');
    expect(text).toContain('Erika Mustermann');
    expect(text).toContain('Ida Ort');

    const absences = await h.app.services.staff.absences.listOverlapping(TODAY, TODAY);
    expect(absences).toEqual([
      expect.objectContaining({ staffId: 'jonas-becker', mode: 'absent', reason: 'sick', from: TODAY, to: TODAY }),
    ]);
    // Anna Schulz (supervisor of team A) never talked to the bot: the alert waits in the outbox for her.
    const alerts = (await outboxEntries(h)).filter((e) => e.msg.kind === 'supervisor-alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.msg).toMatchObject({ staffIds: ['anna-schulz'] });
    const alert = alerts[0]!.msg as Extract<OutboxMessage, { kind: 'supervisor-alert' }>;
    expect(renderSupervisorAlert(alert, 'de').text).toContain('Jonas Becker hat eine Abwesenheit gemeldet');
    expect(renderSupervisorAlert(alert, 'en').text).toContain('Jonas Becker reported an absence');
    expect(JSON.stringify(alert)).not.toContain('Erika');
    // The appointments themselves are untouched until a supervisor decides.
    expect((await appointmentsOf(h, 'jonas-becker')).every((a) => a.status === 'booked')).toBe(true);
  });

  it('hands the replanning proposal card to a supervisor who has a conversation with the bot', async () => {
    const anna = h.user('anna-schulz');
    await h.say('hilfe', anna);
    const leonie = h.user('leonie-wagner');
    const tomorrow = addDays(TODAY, 1);
    clock.set(localDateTime(TODAY, '07:31'));
    await bookThroughCards(h, {
      serviceId: 'ausweis',
      channel: 'in-person',
      user: leonie,
      citizen: { citizenName: 'Olga Ort', citizenEmail: 'olga@example.org', citizenLanguage: 'de' },
    });
    const alertsBefore = (await outboxEntries(h)).filter((e) => e.msg.kind === 'supervisor-alert').length;
    const form = await command(h, 'abwesend', leonie);
    const result = await press(h, form, 'absence.submit', {
      user: leonie,
      inputs: { kind: 'home-office-only', from: TODAY, to: tomorrow },
    });
    expect(cardText(result)).toContain('Anna Schulz erhält einen Vorschlag zur Umplanung');
    const proposal = await h.connector.waitFor(
      (a) =>
        a.conversationId === `a:personal-${anna.aadObjectId}` &&
        (a.text ?? '').includes('Leonie Wagner hat eine Abwesenheit gemeldet'),
    );
    expect(cardOf(proposal)).toBeDefined();
    expect((await outboxEntries(h)).filter((e) => e.msg.kind === 'supervisor-alert')).toHaveLength(alertsBefore);
  });

  it('refuses a range that ends before it starts and stores nothing', async () => {
    const before = (await h.app.services.staff.absences.listOverlapping('2026-01-01', '2027-12-31')).length;
    const form = await command(h, 'abwesend');
    const again = await press(h, form, 'absence.submit', {
      inputs: { kind: 'leave', from: '2026-12-20', to: '2026-12-18' },
    });
    expect(cardText(again)).toContain('das Ende liegt vor dem Anfang');
    expect((await h.app.services.staff.absences.listOverlapping('2026-01-01', '2027-12-31')).length).toBe(before);
    // The form comes back with what was entered, both dates and the kind, to correct one of them.
    const inputs = inputValues(again);
    expect(inputs).toMatchObject({ kind: 'leave', from: '2026-12-20', to: '2026-12-18' });
  });

  it('preselects what was typed: "Quarantäne" is quarantine, "Urlaub" leave, "krank" sick', async () => {
    for (const [typed, kind] of [
      ['Quarantäne', 'quarantine'],
      ['Urlaub', 'leave'],
      ['krank', 'sick'],
      ['Homeoffice', 'home-office-only'],
    ] as const) {
      const form = await command(h, typed);
      expect(inputValues(form).kind).toBe(kind);
    }
  });
});

/** The values a card's inputs show. */
function inputValues(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = o.value;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

describe('help, suggestions and who may use the bot', () => {
  let h: TeamsHarness;
  const ours = '11111111-2222-3333-4444-555555555555';
  beforeAll(async () => {
    h = await startTeamsHarness({
      label: 'flow-access',
      clock: new ManualClock(START),
      outboxWorker: false,
      env: { TEAMS_TENANT_ID: ours },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows the help card', async () => {
    const [reply] = await h.say('hilfe', h.user(), { tenantId: ours });
    expect(textOf(reply!)).toContain('Was ich für Sie tun kann');
  });

  it('runs a command with a typo, and offers the closest command for a vague text', async () => {
    const booked = await h.say('termn buchen', h.user(), { tenantId: ours });
    expect(JSON.stringify(booked)).toContain('Welches Anliegen?');
    const vague = await h.say('termine', h.user(), { tenantId: ours });
    expect(JSON.stringify(vague)).toMatch(/Meinten Sie|Meine Termine/);
  });

  it('refuses a user who is not in the directory, also for a card button, and books nothing', async () => {
    const res = await h.invoke({ verb: 'book.start' }, h.stranger(), { tenantId: ours });
    expect(JSON.stringify(res.body)).toContain('nicht als Mitarbeiterin oder Mitarbeiter eingetragen');
    const [reply] = await h.say('termin buchen', h.stranger(), { tenantId: ours });
    expect(reply!.text).toContain('nicht als Mitarbeiterin oder Mitarbeiter eingetragen');
  });

  it('refuses another tenant, also for a booking button, and writes nothing', async () => {
    const [reply] = await h.say('termin buchen', h.user(), { tenantId: 'aaaaaaaa-0000-0000-0000-000000000000' });
    expect(reply!.text).toContain('nur Beschäftigten von Stadt Seelze');
    const res = await h.invoke(
      {
        verb: 'book.hold',
        data: { forStaffId: 'jonas-becker', serviceId: 'kfz', channel: 'phone', start: localDateTime(TODAY, '10:00') },
      },
      h.user(),
      { tenantId: 'aaaaaaaa-0000-0000-0000-000000000000' },
    );
    expect(JSON.stringify(res.body)).toContain('nur Beschäftigten von Stadt Seelze');
    expect(await h.redis.zcard(keys.holds('jonas-becker'))).toBe(0);
  });
});
