/**
 * Reaching citizens without email, over real HTTP /api/messages and a real Redis, with the default
 * SMS_PROVIDER=file: the journey a clerk tries in the Playground.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ManualClock } from '../../../src/domain/clock';
import { localDateTime } from '../../../src/domain/time';
import { formatDay, formatTime } from '../../../src/i18n/dates';
import { keys } from '../../../src/store/keys';
import { startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';
import { actionsOf, appointmentsOf, cardText, command, press, type Card } from './support';

// Monday of a week in which Bürgerbüro team A (Jonas Becker) is on site; booked two days ahead.
const START = localDateTime('2026-12-07', '07:30');
const SMS_DIR = join(tmpdir(), 'sprechstunde-sms-flow-sms');

async function detailsFor(h: TeamsHarness, serviceId: string, channel: string, slotIndex = 20): Promise<Card> {
  let card = await command(h, 'Termin buchen');
  card = await press(h, card, 'book.service', {
    where: (a) => a.data.serviceId === serviceId,
    inputs: { forStaffId: 'jonas-becker' },
  });
  if (actionsOf(card).some((a) => a.verb === 'book.slots' && a.data.channel === channel && !('after' in a.data)))
    card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === channel });
  const slots = actionsOf(card).filter((a) => a.verb === 'book.hold');
  const slot = slots[Math.min(slotIndex, slots.length - 1)]!;
  return press(h, card, 'book.hold', { where: (a) => a.data.start === slot.data.start });
}

const smsFiles = () => {
  try {
    return readdirSync(SMS_DIR).map((f) => readFileSync(join(SMS_DIR, f), 'utf8'));
  } catch {
    return [];
  }
};

describe('citizens without email', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  beforeAll(async () => {
    rmSync(SMS_DIR, { recursive: true, force: true });
    h = await startTeamsHarness({ label: 'flow-sms', clock, outboxWorker: false });
    await h.app.outbox.ensureGroup();
  });
  afterAll(async () => {
    await h.close();
  });

  it('a phone consultation for a mobile number without email writes an SMS naming day, date and time', async () => {
    const details = await detailsFor(h, 'kfz', 'phone');
    // The card asks for a way to reach the citizen and says why; SMS are on by default.
    expect(cardText(details)).toContain('So erreichen wir die Bürgerin bzw. den Bürger, wenn sich der Termin ändert');
    const toggle = JSON.stringify(details).includes('"id":"citizenSms"');
    expect(toggle).toBe(true);
    const confirmation = await press(h, details, 'book.submit', {
      inputs: { citizenName: 'Ilse Ohnenetz', citizenPhone: '0171 1234567', citizenSms: 'true', citizenLanguage: 'de' },
    });
    expect(cardText(confirmation)).toContain('Termin gebucht');
    expect(cardText(confirmation)).toContain('SMS an 0171 1234567');
    const [a] = (await appointmentsOf(h, 'jonas-becker')).filter((x) => x.citizen.name === 'Ilse Ohnenetz');
    expect(a!.citizen).toEqual({ name: 'Ilse Ohnenetz', phone: '+491711234567', smsConsent: true, language: 'de' });

    await h.app.outbox.runOnce();
    const files = smsFiles();
    expect(files).toHaveLength(1);
    const sms = files[0]!;
    expect(sms).toContain('To: +491711234567');
    expect(sms).toMatch(/Segments: [12]/);
    expect(sms).toContain(`${formatDay(a!.start, 'de')}, ${formatTime(a!.start)} Uhr`);
    expect(sms).toContain('Jonas Becker ruft Sie an');
    // The short link resolves to the signed citizen page.
    const link = /https?:\/\/\S+\/t\/([A-Za-z0-9]{10})/.exec(sms);
    expect(link).toBeTruthy();
    const res = await fetch(`${h.app.url}/t/${link![1]}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/c/${a!.id}\\.`));
    // Delivered once: another pass sends nothing again.
    await h.app.outbox.runOnce();
    expect(smsFiles()).toHaveLength(1);
  });

  it('reminds by SMS once before the start, and the citizen page switches SMS off', async () => {
    const [a] = (await appointmentsOf(h, 'jonas-becker')).filter((x) => x.citizen.name === 'Ilse Ohnenetz');
    // Booked inside the reminder window: no reminder SMS (the confirmation has only just arrived).
    await h.app.jobs.reminderSweep(clock.now());
    await h.app.outbox.runOnce();
    expect(smsFiles()).toHaveLength(1);

    const code = await h.redis.get(keys.shortLinkOf(a!.id));
    const token = (await fetch(`${h.app.url}/t/${code!}`, { redirect: 'manual' })).headers.get('location')!;
    const html = await (await fetch(`${h.app.url}${token}`)).text();
    expect(html).toContain('SMS abbestellen');
    const off = await fetch(`${h.app.url}${token}/sms-off`, { method: 'POST' });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain('SMS abbestellt');
    const after = (await appointmentsOf(h, 'jonas-becker')).find((x) => x.id === a!.id)!;
    expect(after.citizen.smsConsent).toBe(false);
    expect(await (await fetch(`${h.app.url}${token}`)).text()).not.toContain('SMS abbestellen');
  });

  it('refuses an in-person booking with neither email nor phone with a clear card, and books nothing', async () => {
    const before = (await appointmentsOf(h, 'jonas-becker')).length;
    const details = await detailsFor(h, 'ausweis', 'in-person', 2);
    const again = await press(h, details, 'book.submit', {
      inputs: { citizenName: 'Heinz Alt', citizenEmail: '', citizenPhone: '', citizenLanguage: 'de' },
    });
    expect(cardText(again)).toContain(
      'Bitte eine E-Mail-Adresse oder eine Telefonnummer angeben: Sonst erreicht die Bürgerin bzw. den Bürger niemand',
    );
    expect(actionsOf(again).map((x) => x.verb)).toContain('book.submit');
    expect(await appointmentsOf(h, 'jonas-becker')).toHaveLength(before);
  });

  it('refuses a phone number that does not exist, and books nothing', async () => {
    const details = await detailsFor(h, 'kfz', 'phone', 3);
    const again = await press(h, details, 'book.submit', {
      inputs: { citizenName: 'Max', citizenPhone: '0000 123', citizenLanguage: 'de' },
    });
    expect(cardText(again)).toContain('Diese Telefonnummer gibt es so nicht');
  });

  it('a video booking without email offers "Stattdessen telefonisch" in one tap, keeping what was typed', async () => {
    const details = await detailsFor(h, 'auskunft', 'video', 4);
    const typed = { citizenName: 'Paula Ohnemail', citizenEmail: '', note: 'bringt Unterlagen', citizenLanguage: 'de' };
    const marked = await press(h, details, 'book.submit', { inputs: typed });
    expect(cardText(marked)).toContain('Für Video braucht es eine E-Mail-Adresse');
    const phoneCard = await press(h, marked, 'book.edit', {
      where: (x) => x.data.channel === 'phone',
      inputs: typed,
    });
    expect(JSON.stringify(phoneCard)).toContain('"value":"Paula Ohnemail"');
    expect(JSON.stringify(phoneCard)).toContain('"value":"bringt Unterlagen"');
    expect(cardText(phoneCard)).toContain('Telefon');
    const confirmation = await press(h, phoneCard, 'book.submit', {
      inputs: { ...typed, citizenPhone: '05137 12345', citizenSms: 'true' },
    });
    expect(cardText(confirmation)).toContain('Termin gebucht');
    // A landline gets no SMS; changes reach her only by a call.
    expect(cardText(confirmation)).toContain('Keine E-Mail, keine SMS');
    const a = (await appointmentsOf(h, 'jonas-becker')).find((x) => x.citizen.name === 'Paula Ohnemail')!;
    expect(a).toMatchObject({ channel: 'phone', citizen: { phone: '+49513712345' } });
    expect(a.citizen.smsConsent).toBeUndefined();
  });
});
