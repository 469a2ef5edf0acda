/**
 * Staff calendars seen from Teams: a calendar never read offers no time, one that cannot be read now
 * books with its last good state; both are said on the card; /readyz stays ready.
 */
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

  const jonasSlots = async () => {
    const card = await command(h, 'Termin buchen');
    // "Bei wem?" → "Bei mir": Jonas's own calendar (the default searches everyone).
    const channels = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'kfz',
      inputs: { forStaffId: 'jonas-becker' },
    });
    return press(h, channels, 'book.slots', { where: (a) => a.data.channel === 'phone' });
  };

  it('offers no time of a calendar that was never read and says why', async () => {
    const card = await jonasSlots();
    expect(actionsOf(card).filter((a) => a.verb === 'book.hold')).toEqual([]);
    expect(cardText(card)).toContain('Kalender noch nicht gelesen: Jonas Becker.');
  });

  it('holds the slot with the last known state and says that the calendar was not checked now', async () => {
    // Read once before the server went down (07:20): the last good state counts.
    await h.app.calendars!.store.markSuccess('jonas-becker', START - 10 * 60_000);
    const card = await jonasSlots();
    const slot = actionsOf(card).find((a) => a.verb === 'book.hold')!;
    const details = await press(h, card, 'book.hold', { where: (a) => a === slot });
    expect(cardText(details)).toContain('Angaben zur Bürgerin');
    expect(cardText(details)).toContain('Kalender zuletzt geprüft 07:20');
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
