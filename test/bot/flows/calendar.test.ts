/** Staff calendars seen from Teams: a calendar that cannot be read is said on the card; /readyz stays ready. */
import { ManualClock } from '../../../src/domain/clock';
import { localDateTime } from '../../../src/domain/time';
import { freeLoopbackPort } from '../../reliability/support';
import { startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';
import { actionsOf, cardText, command, press } from './support';

// Tuesday of a week in which Bürgerbüro team A (Jonas Becker) is on site.
const START = localDateTime('2026-12-08', '07:30');

describe('staff calendar in the booking flow', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  beforeAll(async () => {
    // Nothing listens on this port: the CalDAV server is down.
    const port = await freeLoopbackPort();
    h = await startTeamsHarness({
      label: 'flow-calendar',
      clock,
      outboxWorker: false,
      env: { CALENDAR_PROVIDER: 'caldav', CALDAV_URL: `http://127.0.0.1:${port}/{upn}/calendar/` },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('holds the slot with the last known state and says that the calendar was not checked', async () => {
    let card = await command(h, 'Termin buchen');
    // "Bei wem?" → "Bei mir": Jonas's own calendar (the default searches everyone).
    card = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'kfz',
      inputs: { forStaffId: 'jonas-becker' },
    });
    card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'phone' });
    const slot = actionsOf(card).find((a) => a.verb === 'book.hold')!;
    const details = await press(h, card, 'book.hold', { where: (a) => a === slot });
    expect(cardText(details)).toContain('Angaben zur Bürgerin');
    expect(cardText(details)).toContain('Kalender noch nicht geprüft');
    const [status] = await h.app.calendars!.store.statuses(['jonas-becker']);
    expect(status).toMatchObject({ lastError: 'unavailable' });
  });

  it('stays ready while staff calendars cannot be read', async () => {
    const result = await h.app.calendars!.syncAll(clock.now());
    expect(result.failed).toBe(result.failed + result.synced);
    const res = await fetch(`${h.app.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ calendars: 'caldav' });
  });
});
