/**
 * Acting for a colleague in Teams over real HTTP: whoever may book the serving
 * colleague moves, cancels and records the outcome of their appointments; the rights are the search's
 * (bookableBy, for the appointment's services) and are checked again on every press.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatWhen } from '../../../src/invitations/appointment-text';
import { DirectoryHolder } from '../../../src/config/directory-reload';
import { ManualClock } from '../../../src/domain/clock';
import { HOUR, localDateTime, MINUTE } from '../../../src/domain/time';
import type { Appointment } from '../../../src/domain/types';
import { createLogger } from '../../../src/logger';
import { keys } from '../../../src/store/keys';
import { calendarOf, plainTextOf, readInvitation, SmtpSink } from '../../e2e/support';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness';
import {
  actionsOf,
  appointmentsOf,
  bookThroughCards,
  cardText,
  command,
  invokeCard,
  press,
  type Card,
} from './support';

jest.setTimeout(90_000);

const START = localDateTime('2026-12-08', '07:30');

/** The audit trail of an appointment, oldest first. */
const auditOf = async (h: TeamsHarness, id: string): Promise<Record<string, unknown>[]> =>
  (await h.redis.lrange(keys.audit(id), 0, -1)).map((x) => JSON.parse(x) as Record<string, unknown>);

/** The appointments a result or details card offers buttons for. */
const idsOn = (card: Card): string[] => [
  ...new Set(
    actionsOf(card)
      .filter((a) => ['appt.details', 'appt.reschedule', 'appt.cancelAsk'].includes(a.verb))
      .map((a) => String(a.data.appointmentId)),
  ),
];

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

describe("Jonas acts on Sabine Neumann's appointment: she is told, the citizen gets the update, the audit names both", () => {
  const smtp = new SmtpSink();
  let h: TeamsHarness;
  let holder: DirectoryHolder;
  const folder = mkdtempSync(join(tmpdir(), 'acting-directory-'));
  const file = join(folder, 'directory.json');
  const clock = new ManualClock(START);
  let brandt: Appointment;

  const jonas = () => h.user('jonas-becker');
  const sabine = () => h.user('sabine-neumann');
  const drain = async () => {
    while ((await h.app.outbox.runOnce()).delivered > 0);
  };
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    await smtp.start();
    writeFileSync(file, readFileSync('config/directory.example.json', 'utf8'));
    holder = new DirectoryHolder(file, createLogger('silent'));
    h = await startTeamsHarness({
      label: 'flow-acting-notices',
      clock,
      outboxWorker: false,
      directoryHolder: holder,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Stadt Seelze <termine@seelze.example>' },
    });
    await h.app.outbox.ensureGroup();
    // Sabine has opened the bot: her notices reach her personal chat. Katrin never has.
    await h.say('hilfe', sabine());
    await bookThroughCards(h, {
      serviceId: 'ausweis',
      channel: 'in-person',
      forStaffId: 'sabine-neumann',
      citizen: { citizenName: 'Gisela Brandt', citizenEmail: 'gisela.brandt@example.org', citizenLanguage: 'de' },
    });
    brandt = (await appointmentsOf(h, 'sabine-neumann'))[0]!;
    await drain();
  });
  afterAll(async () => {
    await h.close();
    await smtp.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('moves it from the search, the same colleague first: Sabine is told in her chat, Gisela gets the updated invitation', async () => {
    const details = await command(h, 'suchen Brandt', jonas());
    const slots = await press(h, details, 'appt.reschedule');
    expect(cardText(slots)).toContain('bei Sabine Neumann');
    const target = actionsOf(slots).filter((a) => a.verb === 'appt.move')[1]!;
    expect(target.data.staffId).toBe('sabine-neumann');
    const moved = await press(h, slots, 'appt.move', {
      where: (a) => a === target || a.data.start === target.data.start,
    });
    expect(cardText(moved)).toContain('Termin verschoben');
    const now = (await h.app.services.staff.appointments.get(brandt.id))!;
    expect(now).toMatchObject({ staffId: 'sabine-neumann', start: Number(target.data.start), sequence: 1 });

    await drain();
    const notice = await h.connector.waitFor(
      (a) => a.text?.startsWith('Jonas Becker hat Ihren Termin mit Gisela Brandt am') ?? false,
    );
    expect(notice.conversationId).toBe(`a:personal-${sabine().aadObjectId}`);
    expect(notice.text).toContain(`auf ${formatWhen(now, 'de')} verschoben`);
    expect(notice.text).toContain(formatWhen(brandt, 'de'));

    const update = mailsTo('gisela.brandt@example.org')
      .map((m) => calendarOf(m.raw))
      .filter((c) => c?.method === 'REQUEST')
      .map((c) => readInvitation(c!.ics))
      .find((i) => i.sequence === 1)!;
    expect(update).toMatchObject({ method: 'REQUEST', uid: brandt.uid, start: now.start });

    const audit = await auditOf(h, brandt.id);
    expect(audit.at(-1)).toMatchObject({ actor: 'jonas-becker', action: 'rescheduled', staffId: 'sabine-neumann' });
  });

  it('refuses an old card once the directory no longer lets Jonas book Sabine, and changes nothing', async () => {
    const details = await command(h, 'suchen Brandt', jonas());
    const slots = await press(h, details, 'appt.reschedule');
    const before = (await h.app.services.staff.appointments.get(brandt.id))!;
    const entries = await h.redis.xlen(keys.outbox());
    // Team B may now be booked only by team B (and Ausweis has no bookableBy of its own).
    const directory = JSON.parse(readFileSync(file, 'utf8')) as { teams: { id: string; bookableBy?: string[] }[] };
    directory.teams.find((t) => t.id === 'buergerbuero-b')!.bookableBy = ['buergerbuero-b'];
    writeFileSync(file, JSON.stringify(directory));
    expect(holder.reload().ok).toBe(true);
    try {
      for (const [card, verb, inputs] of [
        [slots, 'appt.move', {}],
        [details, 'appt.cancelAsk', {}],
        [details, 'appt.reschedule', {}],
      ] as const) {
        const answer = await press(h, card, verb, { inputs });
        expect(cardText(answer)).not.toContain('Gisela Brandt');
      }
      const cancel = await h.invoke(
        {
          verb: 'appt.cancel',
          data: { appointmentId: brandt.id, sequence: before.sequence, reason: 'citizen-request', view: 'details' },
        },
        jonas(),
      );
      expect(cardText(invokeCard(cancel.body))).not.toContain('abgesagt');
      expect(await h.app.services.staff.appointments.get(brandt.id)).toEqual(before);
      expect(await h.redis.xlen(keys.outbox())).toBe(entries);
      expect(idsOn(await command(h, 'suchen Brandt', jonas()))).toEqual([]);
    } finally {
      writeFileSync(file, readFileSync('config/directory.example.json', 'utf8'));
      expect(holder.reload().ok).toBe(true);
    }
  });

  it('cancels it with a reason: Sabine is told, Gisela gets the CANCEL', async () => {
    const details = await command(h, 'suchen Brandt', jonas());
    const ask = await press(h, details, 'appt.cancelAsk');
    const done = await press(h, ask, 'appt.cancel', { inputs: { reason: 'citizen-request' } });
    expect(cardText(done)).toContain('abgesagt');
    expect(cardText(done)).toContain('Sabine Neumann wird in Teams informiert');
    await drain();
    const notice = await h.connector.waitFor(
      (a) => (a.text?.includes('hat Ihren Termin mit Gisela Brandt am') && a.text.includes('abgesagt')) || false,
    );
    expect(notice.text).toMatch(/^Jonas Becker hat Ihren Termin mit Gisela Brandt am .* abgesagt/);
    expect(notice.text).toContain('Mitgeteilter Grund: „Auf Ihren Wunsch“.');
    const cancel = mailsTo('gisela.brandt@example.org')
      .map((m) => calendarOf(m.raw))
      .find((c) => c?.method === 'CANCEL')!;
    expect(readInvitation(cancel.ics)).toMatchObject({ method: 'CANCEL', uid: brandt.uid, sequence: 2 });
    const audit = await auditOf(h, brandt.id);
    expect(audit.at(-1)).toMatchObject({ actor: 'jonas-becker', action: 'cancelled', staffId: 'sabine-neumann' });
  });

  it('records a no-show for Katrin, who never opened the bot: mailed to her and shown on her first turn', async () => {
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      forStaffId: 'katrin-hoffmann',
      citizen: { citizenName: 'Otto Normal', citizenPhone: '0171 2345678', citizenLanguage: 'de' },
    });
    const otto = (await appointmentsOf(h, 'katrin-hoffmann'))[0]!;
    await drain();
    clock.set(otto.start + 20 * MINUTE);
    const details = await command(h, 'suchen Otto Normal', jonas());
    const done = await press(h, details, 'appt.outcome', { where: (a) => a.data.outcome === 'no-show' });
    expect(cardText(done)).toContain('nicht erschienen');
    await drain();
    const katrin = h.directory.staff.find((s) => s.id === 'katrin-hoffmann')!;
    const mail = mailsTo(katrin.upn).find((m) => plainTextOf(m.raw).includes('als „nicht erschienen“ markiert'));
    expect(plainTextOf(mail!.raw)).toMatch(/^Jonas Becker hat Ihren Termin mit Otto Normal am/);
    const first = await h.say('hilfe', h.user('katrin-hoffmann'));
    expect(first.map(textOf).join('\n')).toContain('als „nicht erschienen“ markiert');
    const audit = await auditOf(h, otto.id);
    expect(audit.at(-1)).toMatchObject({ actor: 'jonas-becker', action: 'no-show', staffId: 'katrin-hoffmann' });
    clock.set(START);
  });
});
