/**
 * Journey 5 end to end over HTTP: "tagesübersicht" for a supervisor, a refusal for staff, and the
 * 07:00 job (called with an injected clock) pushing one summary per supervisor to the connector;
 * a supervisor who never opened the bot gets it on their first message that day.
 */
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import { cardOf, startTeamsHarness, textOf, type TeamsHarness } from '../support/teams-harness';
import { seed } from './support';

describe('supervisor summary end to end', () => {
  // Monday 2 March 2026, 07:00 in Seelze.
  const monday7 = localDateTime('2026-03-02', '07:00');
  const clock = new ManualClock(localDateTime('2026-02-27', '12:00'));
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'e2e-summary', clock });
    const store = new AppointmentStore(h.redis, clock);
    await seed(store, h.directory, clock, {
      id: 'sum-1',
      staffId: 'jonas-becker',
      serviceId: 'meldewesen',
      channel: 'in-person',
      date: '2026-03-02',
      time: '09:00',
      citizen: 'Erika Mustermann',
      email: 'erika@example.org',
    });
    await seed(store, h.directory, clock, {
      id: 'sum-2',
      staffId: 'katrin-hoffmann',
      serviceId: 'auskunft',
      channel: 'phone',
      date: '2026-03-02',
      time: '10:00',
      citizen: 'Max Muster',
      email: 'max@example.org',
    });
    clock.set(monday7);
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers "tagesübersicht" from a supervisor with the summary card of her teams', async () => {
    const [reply] = await h.say('tagesübersicht', h.user('anna-schulz'));
    const card = cardOf(reply!);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(reply!.text).toContain('Tagesübersicht für');
    expect(reply!.text).toContain('2 Termine');
    const text = textOf(reply!);
    expect(text).toContain('Bürgerbüro Team A');
    expect(text).toContain('Bürgerbüro Team B');
    expect(text).not.toContain('Erika Mustermann'); // no citizen data in the summary
  });

  it('takes a day: "summary tomorrow" in English', async () => {
    const [reply] = await h.say('summary tomorrow', h.user('anna-schulz'), { locale: 'en-US' });
    expect(reply!.text).toMatch(/Daily summary for .*3.*March/);
    expect(reply!.text).toContain('0 appointments');
  });

  it('politely refuses staff', async () => {
    const [reply] = await h.say('tagesübersicht', h.user('jonas-becker'));
    expect(cardOf(reply!)).toBeUndefined();
    expect(reply!.text).toContain('steht Teamleitungen zur Verfügung');
  });

  it('the 07:00 job sends one summary per reachable supervisor, and the other gets it when she writes', async () => {
    const anna = h.user('anna-schulz');
    const maria = h.user('maria-lange'); // never opened the bot
    const annaConv = `a:personal-${anna.aadObjectId}`;
    const before = h.connector.activities.length;

    const outcome = await h.app.jobs.dailySummary(monday7);
    expect(outcome).toMatchObject({ day: '2026-03-02', sent: ['anna-schulz'], pending: ['maria-lange'], failed: [] });
    const pushed = h.connector.activities.slice(before);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.conversationId).toBe(annaConv);
    expect(pushed[0]!.replyToId).toBeUndefined();
    expect(cardOf(pushed[0]!)).toBeDefined();
    expect(pushed[0]!.text).toContain('2 Termine');

    // Maria's first message today brings this morning's summary along, once.
    const replies = await h.say('hilfe', maria);
    expect(replies.map((r) => r.text ?? '')).toEqual(
      expect.arrayContaining([expect.stringContaining('Tagesübersicht für')]),
    );
    const later = await h.say('hilfe', maria);
    expect(later.some((r) => (r.text ?? '').includes('Tagesübersicht für'))).toBe(false);
  });

  it('sends nothing on a public holiday', async () => {
    const before = h.connector.activities.length;
    const goodFriday = localDateTime('2026-04-03', '07:00');
    expect(await h.app.jobs.dailySummary(goodFriday)).toMatchObject({ skipped: 'holiday' });
    expect(h.connector.activities.length).toBe(before);
  });
});
