/**
 * Pooled booking end to end over real HTTP (/api/messages), real Redis, the outbox worker writing
 * real .eml files: whoever answers the phone books the earliest colleague who can serve.
 * Week of Monday 30 Nov 2026 in the example directory: Bürgerbüro team B is on site, team A
 * (Jonas Becker) works from home.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/domain/clock';
import { localDateOf, localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { keys } from '../../src/store/keys';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { actionsOf, appointmentsOf, cardText, command, press, type Card } from './flows/support';

const clock = new ManualClock(localDateTime('2026-11-30', '07:00'));
const MAIL_DIR = join(tmpdir(), 'sprechstunde-mail-pooled');
const teamOf = (h: TeamsHarness, staffId: string) => h.directory.staff.find((s) => s.id === staffId)!.team;

/** Every .eml the outbox worker wrote, with its To: line. */
function mails(): { to: string; text: string }[] {
  let files: string[];
  try {
    files = readdirSync(MAIL_DIR);
  } catch {
    return [];
  }
  return files.map((f) => {
    const text = readFileSync(join(MAIL_DIR, f), 'utf8');
    return { to: /^To: (.*)$/m.exec(text)?.[1] ?? '', text };
  });
}

async function allAppointments(h: TeamsHarness): Promise<Appointment[]> {
  const lists = await Promise.all(h.directory.staff.map((s) => appointmentsOf(h, s.id)));
  return lists.flat();
}

describe('pooled booking over HTTP', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    rmSync(MAIL_DIR, { recursive: true, force: true });
    h = await startTeamsHarness({ label: 'pooled', clock, outboxWorker: false });
    // Everyone has opened the bot once, so proactive notices can reach them.
    for (const s of h.directory.staff.filter((x) => x.team.startsWith('buergerbuero')))
      await h.say('hilfe', h.user(s.id));
    await h.app.outbox.ensureGroup();
  });
  afterAll(async () => {
    await h.close();
  });

  let idCard: Appointment;

  it('Jonas (team A, home office) books an in-person ID card for Friday and gets an on-site team-B colleague', async () => {
    let card = await command(h, 'Termin buchen');
    expect(cardText(card)).toContain('Alle – frühester Termin');
    // The default "Bei wem?" is everyone; ID cards are in person only: straight to the slots.
    card = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'ausweis',
      inputs: { forStaffId: '*' },
    });
    card = await press(h, card, 'book.slots', {
      where: (a) => a.title === 'Anzeigen',
      inputs: { day: '2026-12-04', forStaffId: '*' },
    });
    const text = cardText(card);
    expect(text).toContain('vor Ort, Bürgerbüro Team B');
    expect(text).not.toContain('Team A');
    const slot = actionsOf(card).find((a) => a.verb === 'book.hold')!;
    expect(teamOf(h, slot.data.staffId as string)).toBe('buergerbuero-b');
    expect(localDateOf(Number(slot.data.start))).toBe('2026-12-04');

    const details = await press(h, card, 'book.hold', { where: (a) => a === slot });
    const confirmation = await press(h, details, 'book.submit', {
      inputs: { citizenName: 'Erika Mustermann', citizenEmail: 'erika@example.org', citizenLanguage: 'de' },
    });
    const colleague = h.directory.staff.find((s) => s.id === slot.data.staffId)!;
    expect(cardText(confirmation)).toContain('Termin gebucht');
    expect(cardText(confirmation)).toContain(colleague.name);

    idCard = (await appointmentsOf(h, colleague.id)).find((a) => a.serviceId === 'ausweis')!;
    expect(idCard).toMatchObject({ channel: 'in-person', createdBy: 'jonas-becker', staffId: colleague.id });
  });

  it('tells the colleague in Teams (personal chat) who booked them, sends the staff copy, and records who booked it', async () => {
    const colleague = h.directory.staff.find((s) => s.id === idCard.staffId)!;
    await h.app.outbox.runOnce();
    const notice = await h.connector.waitFor((a) => a.text?.startsWith('Für Sie gebucht von Jonas Becker') ?? false);
    expect(notice.conversationId).toBe(`a:personal-${colleague.aadObjectId}`);
    expect(notice.text).toContain('Personalausweis und Reisepass');
    const staffCopy = mails().find((m) => m.to.includes(colleague.upn));
    expect(staffCopy?.text).toContain('METHOD:REQUEST');
    expect(mails().some((m) => m.to.includes('erika@example.org'))).toBe(true);
    const audit = (await h.redis.lrange(keys.audit(idCard.id), 0, -1)).map((x) => JSON.parse(x) as unknown);
    expect(audit[0]).toMatchObject({ actor: 'jonas-becker', action: 'booked' });
    // The colleague's agenda says who booked it.
    const agenda = await command(h, 'Meine Termine Freitag', h.user(colleague.id));
    expect(cardText(agenda)).toContain('Gebucht von');
    expect(cardText(agenda)).toContain('Jonas Becker');
  });

  it('books a phone-only citizen: no email asked, no mail to any citizen, what to tell the caller on the card', async () => {
    const before = mails().length;
    let card = await command(h, 'Termin buchen');
    card = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'kfz',
      inputs: { forStaffId: '*' },
    });
    card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'phone' });
    const details = await press(h, card, 'book.hold', { where: () => true });
    expect(JSON.stringify(details)).toContain('E-Mail (optional');
    // Details and review are one card now: the confirmation says that no invitation goes out.
    const confirmation = await press(h, details, 'book.submit', {
      inputs: { citizenName: 'Otto Ohnemail', citizenEmail: '', citizenPhone: '0511 765432', citizenLanguage: 'de' },
    });
    const text = cardText(confirmation);
    expect(text).toContain('Keine Einladung per E-Mail');
    expect(text).toContain('Stadt Seelze – Ihr Termin: Kfz-Zulassung');
    const booked = (await allAppointments(h)).find((a) => a.citizen.name === 'Otto Ohnemail')!;
    expect(booked.citizen).toEqual({ name: 'Otto Ohnemail', phone: '+49511765432', language: 'de' });

    await h.app.outbox.runOnce();
    const staffUpns = new Set(h.directory.staff.map((s) => s.upn));
    const fresh = mails().slice(before);
    // The serving colleague's staff copy only; nothing addressed to a citizen.
    expect(fresh.length).toBeGreaterThan(0);
    for (const m of fresh) expect([...staffUpns].some((u) => m.to.includes(u))).toBe(true);
  });

  it('still needs an email address for video (the link)', async () => {
    let card = await command(h, 'Termin buchen');
    card = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'meldewesen',
      inputs: { forStaffId: '*' },
    });
    card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'video' });
    const details = await press(h, card, 'book.hold', { where: () => true });
    const again = await press(h, details, 'book.submit', {
      inputs: { citizenName: 'Vera Video', citizenEmail: '', citizenLanguage: 'de' },
    });
    expect(cardText(again)).toContain('Bitte prüfen Sie die markierten Angaben');
    expect(cardText(again)).not.toContain('Termin gebucht');
    expect((await allAppointments(h)).some((a) => a.citizen.name === 'Vera Video')).toBe(false);
  });

  it('concurrent pooled bookings never overlap: each clerk gets a slot, the losers the next colleague or time at once', async () => {
    const clerks = h.directory.staff.filter((s) => s.team.startsWith('buergerbuero')).map((s) => h.user(s.id));
    // All clerks see the same first pooled slot for Wednesday and press it at the same moment.
    let first = await command(h, 'Termin buchen', clerks[0]);
    first = await press(h, first, 'book.service', {
      user: clerks[0],
      where: (a) => a.data.serviceId === 'meldewesen',
      inputs: { forStaffId: '*' },
    });
    first = await press(h, first, 'book.slots', {
      user: clerks[0],
      where: (a) => a.data.channel === 'in-person',
    });
    first = await press(h, first, 'book.slots', {
      user: clerks[0],
      where: (a) => a.title === 'Anzeigen',
      inputs: { day: '2026-12-02', forStaffId: '*' },
    });
    const slot = actionsOf(first).find((a) => a.verb === 'book.hold')!;

    async function bookAs(i: number): Promise<Card> {
      const user = clerks[i]!;
      let card: Card = await press(h, first, 'book.hold', { user, where: (a) => a === slot });
      for (let tries = 0; !actionsOf(card).some((a) => a.verb === 'book.submit') && tries < 5; tries++)
        card = await press(h, card, 'book.hold', { user, where: () => true });
      return press(h, card, 'book.submit', {
        user,
        inputs: { citizenName: `Bürger ${i}`, citizenEmail: `b${i}@example.org`, citizenLanguage: 'de' },
      });
    }
    const answers = await Promise.all(clerks.map((_, i) => bookAs(i)));
    for (const a of answers) expect(cardText(a)).toContain('Termin gebucht');

    const booked = (await allAppointments(h)).filter((a) => /^Bürger \d$/.test(a.citizen.name));
    expect(booked).toHaveLength(clerks.length);
    // Several got the same time with different colleagues (the pool), and no one has two overlapping blocks.
    expect(booked.filter((a) => a.start === Number(slot.data.start)).length).toBeGreaterThan(1);
    const byStaff = new Map<string, Appointment[]>();
    for (const a of await allAppointments(h))
      if (a.status === 'booked') byStaff.set(a.staffId, [...(byStaff.get(a.staffId) ?? []), a]);
    for (const list of byStaff.values()) {
      list.sort((x, y) => x.blockStart - y.blockStart);
      for (let i = 1; i < list.length; i++) expect(list[i]!.blockStart).toBeGreaterThanOrEqual(list[i - 1]!.blockEnd);
    }
  });
});
