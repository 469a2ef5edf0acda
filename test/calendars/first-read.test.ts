/**
 * Outlook from the first minute, against a real Radicale and over real HTTP: with
 * CALENDAR_PROVIDER=caldav and the default period (5 minutes, no cron here), the calendars are read at
 * start-up and after a directory reload, not after the first period; until a colleague's calendar was
 * read, none of her times is offered, the card says so, and a hold of one is refused.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalDavCalendarProvider } from '../../src/calendars/caldav';
import type { CalendarProvider } from '../../src/calendars';
import { DirectoryHolder } from '../../src/config/directory-reload';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime, localTimeOf } from '../../src/domain/time';
import { createLogger } from '../../src/logger';
import { errorTexts } from '../../src/bot/cards/errors';
import { actionsOf, cardText, command, invokeCard, press, type Card } from '../bot/flows/support';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { Radicale, RADICALE_USER, vevent } from './radicale';

// Tuesday of a week in which Bürgerbüro team A is on site and team B (Katrin Hoffmann) works from home.
const START = localDateTime('2026-12-08', '07:30');
const DAY = '2026-12-08';
const tz = (hhmm: string) => `;TZID=Europe/Berlin:${DAY.replace(/-/g, '')}T${hhmm.replace(':', '')}00`;

/** A CalDAV provider whose reads wait until the test opens the gate (a slow first read, made explicit). */
function gated(inner: CalendarProvider): { provider: CalendarProvider; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    open,
    provider: {
      kind: inner.kind,
      label: inner.label,
      read: async (...args) => {
        await gate;
        return inner.read(...args);
      },
    },
  };
}

/** "Termin buchen" → Kfz for one colleague → phone: the slots card. */
async function kfzSlotsWith(h: TeamsHarness, staffId: string): Promise<Card> {
  const card = await command(h, 'Termin buchen');
  const channels = await press(h, card, 'book.service', {
    where: (a) => a.data.serviceId === 'kfz',
    inputs: { forStaffId: staffId },
  });
  return press(h, channels, 'book.slots', { where: (a) => a.data.channel === 'phone' });
}

/** The times the slots card offers with that colleague on DAY (HH:MM). */
const offeredOn = (card: Card, staffId: string) =>
  actionsOf(card)
    .filter((a) => a.verb === 'book.hold' && (a.data.staffId ?? a.data.forStaffId) === staffId)
    .map((a) => a.data.start as number)
    .filter((start) => localDateTime(DAY, '00:00') <= start && start < localDateTime(DAY, '23:59'))
    .map(localTimeOf);

/** A 30-minute Kfz call plus its 10-minute buffer overlaps the 08:00–12:00 meeting. */
const inMeeting = (hhmm: string) => hhmm > '07:20' && hhmm < '12:00';

describe('staff calendars are read at start-up and after a directory reload (real Radicale)', () => {
  let radicale: Radicale;
  let folder: string;
  const caldavEnv = () => ({
    CALENDAR_PROVIDER: 'caldav',
    CALDAV_URL: `${radicale.url}/{upn}/calendar/`,
    CALDAV_USERNAME: RADICALE_USER,
    CALDAV_PASSWORD: 'secret',
    CALENDAR_JIT_TIMEOUT_MS: '200',
  });
  const caldav = () =>
    new CalDavCalendarProvider({ urlTemplate: caldavEnv().CALDAV_URL, username: RADICALE_USER, password: 'secret' });

  beforeAll(async () => {
    radicale = await Radicale.start();
    folder = await mkdtemp(join(tmpdir(), 'sprech-first-read-'));
    const example = JSON.parse(await readFile('config/directory.example.json', 'utf8')) as {
      staff: { upn: string }[];
    };
    for (const s of example.staff) await radicale.createCalendar(s.upn);
    await radicale.createCalendar('nina.koch@seelze.example');
    // Katrin's team meeting on Tuesday morning, and the one of the colleague added later.
    const meeting = vevent('team-b@example', { start: tz('08:00'), end: tz('12:00') });
    await radicale.putEvent('katrin.hoffmann@seelze.example', 'team-b', meeting);
    await radicale.putEvent('nina.koch@seelze.example', 'team-b', meeting);
  }, 30_000);
  afterAll(async () => {
    await radicale?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  describe('a fresh deployment', () => {
    let h: TeamsHarness;
    const clock = new ManualClock(START);
    let first: ReturnType<typeof gated>;
    beforeAll(async () => {
      first = gated(caldav());
      h = await startTeamsHarness({
        label: 'first-read',
        clock,
        outboxWorker: false,
        env: caldavEnv(),
        calendarProvider: first.provider,
      });
    });
    afterAll(async () => {
      first.open();
      await h.close();
    });

    it('offers none of Katrin’s times 20 s after start while her calendar is being read, says so, and refuses a hold', async () => {
      clock.advance(20_000);
      const card = await kfzSlotsWith(h, 'katrin-hoffmann');
      expect(offeredOn(card, 'katrin-hoffmann')).toEqual([]);
      expect(actionsOf(card).filter((a) => a.verb === 'book.hold')).toEqual([]);
      expect(cardText(card)).toContain('Kalender noch nicht gelesen: Katrin Hoffmann.');
      // A time taken from an older card (or typed): the just-in-time check cannot read her calendar either.
      const res = await h.invoke({
        verb: 'book.hold',
        data: { serviceId: 'kfz', channel: 'phone', forStaffId: 'katrin-hoffmann', start: localDateTime(DAY, '09:00') },
      });
      expect(cardText(invokeCard(res.body))).toContain(errorTexts.de['calendar-not-read']);
      // The pooled search says it too, naming a few and counting the rest.
      const pooled = await press(h, await command(h, 'Termin buchen'), 'book.service', {
        where: (a) => a.data.serviceId === 'kfz',
      });
      const slots = await press(h, pooled, 'book.slots', { where: (a) => a.data.channel === 'phone' });
      expect(cardText(slots)).toMatch(/Kalender noch nicht gelesen: [^.]+ und \d+ weitere\./);
    });

    it('offers her free times, never the meeting, once the start-up read is done (no period waited)', async () => {
      first.open();
      const result = await h.app.calendars!.firstReadsRunning;
      expect(result).toMatchObject({ failed: 0 });
      const card = await kfzSlotsWith(h, 'katrin-hoffmann');
      const offered = offeredOn(card, 'katrin-hoffmann');
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.filter(inMeeting)).toEqual([]);
      expect(cardText(card)).not.toContain('noch nicht gelesen');
      const details = await press(h, card, 'book.hold', { where: (a) => a.data.staffId === 'katrin-hoffmann' });
      expect(cardText(details)).toContain('Angaben zur Bürgerin');
    });
  });

  describe('a colleague added by a directory reload', () => {
    let h: TeamsHarness;
    let holder: DirectoryHolder;
    const clock = new ManualClock(START);
    const file = () => join(folder, 'directory.json');
    beforeAll(async () => {
      await writeFile(file(), await readFile('config/directory.example.json', 'utf8'));
      holder = new DirectoryHolder(file(), createLogger('silent'));
      h = await startTeamsHarness({
        label: 'first-read-reload',
        clock,
        outboxWorker: false,
        env: caldavEnv(),
        directoryHolder: holder,
      });
      await h.app.calendars!.firstReadsRunning;
    });
    afterAll(async () => {
      await h.close();
    });

    it('reads her calendar at the reload: her meeting is never offered', async () => {
      const directory = JSON.parse(await readFile(file(), 'utf8')) as { staff: Record<string, unknown>[] };
      const katrin = directory.staff.find((s) => s.id === 'katrin-hoffmann')!;
      directory.staff.push({
        ...katrin,
        id: 'nina-koch',
        name: 'Nina Koch',
        upn: 'nina.koch@seelze.example',
        aadObjectId: '00000000-0000-0000-0000-000000000199',
      });
      await writeFile(file(), JSON.stringify(directory));
      expect(holder.reload()).toMatchObject({ ok: true });
      const reading = h.app.calendars!.firstReadsRunning;
      expect(reading).toBeDefined();
      expect(await reading).toMatchObject({ synced: 1, failed: 0 });
      clock.advance(20_000);
      const offered = offeredOn(await kfzSlotsWith(h, 'nina-koch'), 'nina-koch');
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.filter(inMeeting)).toEqual([]);
    });
  });
});
