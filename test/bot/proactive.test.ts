import { ActivityHandler } from 'botbuilder';
import { createBotEndpoint } from '../../src/bot/adapter';
import {
  ProactiveThrottledError,
  TeamsProactiveSender,
  TokenBucket,
  retryAfterMs,
  type ProactiveSenderDeps,
} from '../../src/bot/proactive';
import { createLogger } from '../../src/logger';
import { cardOf, startTeamsHarness, type TeamsHarness } from '../support/teams-harness';

describe('proactive Teams messages over real HTTP', () => {
  let h: TeamsHarness;
  const logger = createLogger('silent');
  // An adapter of its own, configured as the app's (authentication off): proactive sends need no incoming turn.
  const endpoint = createBotEndpoint({ MicrosoftAppType: 'SingleTenant' }, new ActivityHandler(), logger);

  /** A sender whose waits advance a fake monotonic clock instead of sleeping. */
  function sender(extra: Partial<ProactiveSenderDeps> = {}) {
    let fakeNow = 0;
    const sleeps: number[] = [];
    const s = new TeamsProactiveSender({
      adapter: endpoint.adapter,
      appId: endpoint.appId,
      directory: () => h.directory,
      conversationRefs: h.app.services.conversationRefs,
      logger,
      monotonic: () => fakeNow,
      sleep: async (ms) => {
        sleeps.push(ms);
        fakeNow += ms;
      },
      ...extra,
    });
    return { s, sleeps, now: () => fakeNow };
  }

  const conversationOf = (staffId: string) => `a:personal-${h.user(staffId).aadObjectId}`;

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'proactive' });
    // Each of these has opened the bot once, so a conversation reference is stored.
    for (const id of ['jonas-becker', 'leonie-wagner', 'murat-yilmaz', 'katrin-hoffmann', 'anna-schulz'])
      await h.say('hilfe', h.user(id));
  });
  afterAll(async () => {
    await h.close();
  });

  it('sends a text with its Adaptive Card into the staff member’s stored conversation', async () => {
    const { s } = sender();
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Probe-Karte' }] };
    expect(await s.sendToStaff('jonas-becker', { text: 'Guten Morgen', card })).toBe('sent');
    const got = await h.connector.waitFor((a) => a.text === 'Guten Morgen');
    expect(got.conversationId).toBe(conversationOf('jonas-becker'));
    expect(cardOf(got)).toEqual(card);
    expect(s.stats().sent).toBe(1);
  });

  it('answers no-reference for a staff member who never opened the bot, and sends nothing', async () => {
    const { s } = sender();
    const before = h.connector.activities.length;
    expect(await s.sendToStaff('julia-vogel', { text: 'niemand da' })).toBe('no-reference');
    expect(await s.sendToStaff('not-in-directory', { text: 'niemand da' })).toBe('no-reference');
    expect(h.connector.activities.length).toBe(before);
    expect(s.stats().noReference).toBe(2);
  });

  it('waits as long as Retry-After says after a 429 and then delivers the message once', async () => {
    const { s, sleeps } = sender();
    h.connector.failNext(conversationOf('leonie-wagner'), { status: 429, headers: { 'retry-after': '2' } });
    expect(await s.sendToStaff('leonie-wagner', { text: 'nach der Drosselung' })).toBe('sent');
    expect(sleeps).toContain(2000);
    expect(h.connector.refused.filter((r) => r.conversationId === conversationOf('leonie-wagner'))).toEqual([
      { conversationId: conversationOf('leonie-wagner'), status: 429 },
    ]);
    expect(h.connector.activities.filter((a) => a.text === 'nach der Drosselung')).toHaveLength(1);
    expect(s.stats()).toMatchObject({ sent: 1, throttled: 1 });
  });

  it('gives up (throws, for the caller’s retry) when Retry-After is longer than it may wait', async () => {
    const { s, sleeps } = sender({ limits: { maxRetryAfterMs: 5_000 } });
    h.connector.failNext(conversationOf('murat-yilmaz'), { status: 429, headers: { 'retry-after': '120' } });
    await expect(s.sendToStaff('murat-yilmaz', { text: 'zu lange' })).rejects.toBeInstanceOf(ProactiveThrottledError);
    expect(sleeps.filter((ms) => ms >= 5_000)).toHaveLength(0);
    expect(await h.app.services.conversationRefs.get(h.user('murat-yilmaz').aadObjectId)).not.toBeNull();
  });

  it('stops after a bounded number of 429 answers', async () => {
    const { s } = sender({ limits: { maxAttempts: 3 } });
    const conv = conversationOf('murat-yilmaz');
    h.connector.failNext(conv, ...Array.from({ length: 5 }, () => ({ status: 429, headers: { 'retry-after': '1' } })));
    await expect(s.sendToStaff('murat-yilmaz', { text: 'immer gedrosselt' })).rejects.toBeInstanceOf(
      ProactiveThrottledError,
    );
    expect(s.stats()).toMatchObject({ throttled: 2, failed: 1 });
  });

  it('drops the reference when Teams answers 403 and reports the staff member as gone', async () => {
    const { s } = sender();
    const user = h.user('katrin-hoffmann');
    h.connector.failNext(conversationOf('katrin-hoffmann'), { status: 403 });
    expect(await s.sendToStaff('katrin-hoffmann', { text: 'App entfernt' })).toBe('gone');
    expect(await h.app.services.conversationRefs.get(user.aadObjectId)).toBeNull();
    expect(s.stats().gone).toBe(1);
    // The next attempt does not even try.
    expect(await s.sendToStaff('katrin-hoffmann', { text: 'App entfernt' })).toBe('no-reference');
    // Writing to the bot again stores a fresh reference.
    await h.say('hilfe', user);
    expect(await s.sendToStaff('katrin-hoffmann', { text: 'wieder da' })).toBe('sent');
  });

  it('drops the reference on 404 (conversation gone) too', async () => {
    const { s } = sender();
    h.connector.failNext(conversationOf('anna-schulz'), { status: 404 });
    expect(await s.sendToStaff('anna-schulz', { text: 'weg' })).toBe('gone');
    expect(await h.app.services.conversationRefs.get(h.user('anna-schulz').aadObjectId)).toBeNull();
    await h.say('hilfe', h.user('anna-schulz'));
  });

  it('paces a burst to one conversation at 7 messages per second', async () => {
    const { s, now } = sender();
    const sentAt: number[] = [];
    for (let i = 0; i < 21; i++) {
      expect(await s.sendToStaff('jonas-becker', { text: `Burst ${i}` })).toBe('sent');
      sentAt.push(now());
    }
    // In any one-second window at most 7 (the bucket starts full) + 7 (refilled within that second).
    for (const t of sentAt) expect(sentAt.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(14);
    expect(sentAt[20]! - sentAt[0]!).toBeGreaterThanOrEqual(((21 - 7) / 7) * 1000 - 1);
    expect(h.connector.activities.filter((a) => a.text?.startsWith('Burst '))).toHaveLength(21);
  });
});

describe('token bucket and Retry-After', () => {
  it('lets a full bucket through, then one token per 1/rate seconds', () => {
    const b = new TokenBucket(50, 50, 0);
    const waits = Array.from({ length: 52 }, () => b.reserve(0));
    expect(waits.slice(0, 50).every((w) => w === 0)).toBe(true);
    expect(waits[50]).toBe(20);
    expect(waits[51]).toBe(40);
    expect(b.reserve(1000)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:05 GMT', 1000)).toBe(4000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });
});
