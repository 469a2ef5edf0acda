/** SMS short links on a real Redis: one code per appointment, expiring with it, resolved and refused. */
import { RedisShortLinks, SHORT_CODE_RE } from '../../src/store/short-links';
import { systemClock } from '../../src/domain/clock';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';

describe('short links', () => {
  const { redis, cleanup } = testRedis('short-links');
  const links = new RedisShortLinks(redis, systemClock);
  afterAll(cleanup);

  it('gives an appointment one 10-character code, the same on every SMS, resolving to its id', async () => {
    const end = Date.now() + 3_600_000;
    const code = await links.codeFor('appt_a', end);
    expect(code).toMatch(SHORT_CODE_RE);
    expect(await links.codeFor('appt_a', end)).toBe(code);
    expect(await links.resolve(code)).toBe('appt_a');
    // Two instances at once: one code wins, both answer with it.
    const [x, y] = await Promise.all([links.codeFor('appt_b', end), links.codeFor('appt_b', end)]);
    expect(x).toBe(y);
  });

  it('expires with the appointment, and a move pushes the expiry to the new end', async () => {
    const code = await links.codeFor('appt_c', Date.now() + 60_000);
    const later = Date.now() + 7 * 86_400_000;
    await links.codeFor('appt_c', later);
    const pttl = await redis.pttl(keys.shortLink(code));
    expect(pttl).toBeGreaterThan(6 * 86_400_000);
    await links.codeFor('appt_d', Date.now() - 1000).catch(() => undefined);
    expect(await redis.exists(keys.shortLinkOf('appt_d'))).toBe(0);
  });

  it('refuses malformed and unknown codes without asking Redis for them', async () => {
    expect(await links.resolve('../../etc')).toBeNull();
    expect(await links.resolve('abcdefghjk')).toBeNull();
    expect(await links.resolve('abcdefghjkl')).toBeNull();
  });
});
