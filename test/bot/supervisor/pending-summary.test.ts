/**
 * A supervisor the morning's summary could not reach gets it with their next turn, once, before the
 * answer to what they wrote; a turn with nothing waiting answers only what was asked. Over real HTTP.
 */
import { ManualClock } from '../../../src/domain/clock';
import { localDateTime } from '../../../src/domain/time';
import { RedisPendingSummaries } from '../../../src/store/pending-summaries';
import { startTeamsHarness, textOf, type TeamsHarness } from '../../support/teams-harness';

const DAY = '2026-03-02';

describe('the pending daily summary', () => {
  const clock = new ManualClock(localDateTime(DAY, '09:00'));
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'bot-pending-summary', clock });
  });
  afterAll(async () => {
    await h.close();
  });

  it('arrives with the supervisor’s next turn, once, and only for the supervisor it waits for', async () => {
    const pending = new RedisPendingSummaries(h.redis);
    const anna = h.user('anna-schulz');
    expect(await pending.waits('anna-schulz')).toBe(false);
    expect((await h.say('hilfe', anna)).map(textOf).join('\n')).not.toContain('Tagesübersicht für Montag');

    await pending.mark('anna-schulz', DAY, clock.now());
    expect(await pending.waits('anna-schulz')).toBe(true);
    // Another supervisor's turn leaves it where it is.
    expect((await h.say('hilfe', h.user('maria-lange'))).map(textOf).join('\n')).not.toContain(
      'Tagesübersicht für Montag',
    );
    const first = (await h.say('hilfe', anna)).map(textOf);
    expect(first[0]).toMatch(/^Tagesübersicht für Montag, 2\. März 2026/);
    expect(first.length).toBeGreaterThan(1);
    expect(await pending.waits('anna-schulz')).toBe(false);
    expect((await h.say('hilfe', anna)).map(textOf).join('\n')).not.toContain('Tagesübersicht für Montag');
  });
});
