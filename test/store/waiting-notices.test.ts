import { keys } from '../../src/store/keys';
import { RedisWaitingNotices } from '../../src/store/waiting-notices';
import { testRedis } from '../support/redis';

describe('waiting notices (colleagues the bot cannot reach in Teams)', () => {
  const t = testRedis('waiting-notices');
  afterAll(() => t.cleanup());

  it('counts per colleague, hands each notice to exactly one of two instances, and keeps the first of a repeated id', async () => {
    const a = new RedisWaitingNotices(t.redis);
    const b = new RedisWaitingNotices(t.redis);
    for (let i = 0; i < 20; i++) await a.add('tobias-krueger', `notice:${i}`, { message: { text: `N${i}` }, at: i });
    await a.add('tobias-krueger', 'notice:0', { message: { text: 'again' }, at: 99 });
    await a.add('katrin-hoffmann', 'notice:x', { message: { text: 'K', card: { type: 'AdaptiveCard' } }, at: 5 });
    const team = ['tobias-krueger', 'katrin-hoffmann', 'tobias'];
    expect(await a.countByStaff(team)).toEqual({ 'tobias-krueger': 20, 'katrin-hoffmann': 1 });
    expect(await a.countByStaff(['katrin-hoffmann'])).toEqual({ 'katrin-hoffmann': 1 });
    expect(await a.countByStaff([])).toEqual({});
    expect([await a.any('tobias-krueger'), await a.any('katrin-hoffmann'), await a.any('tobias')]).toEqual([
      true,
      true,
      false,
    ]);

    const [one, two] = await Promise.all([a.take('tobias-krueger'), b.take('tobias-krueger')]);
    const texts = [...one, ...two].map((n) => n.message.text).sort();
    expect(texts).toEqual(Array.from({ length: 20 }, (_, i) => `N${i}`).sort());
    expect(one.map((n) => n.at)).toEqual([...one.map((n) => n.at)].sort((x, y) => x - y));
    expect(await a.countByStaff(team)).toEqual({ 'katrin-hoffmann': 1 });
    expect(await a.any('tobias-krueger')).toBe(false);
    expect(await a.take('tobias-krueger')).toEqual([]);
    expect(await a.take('katrin-hoffmann')).toEqual([
      { id: 'notice:x', message: { text: 'K', card: { type: 'AdaptiveCard' } }, at: 5 },
    ]);
  });

  it('keeps each colleague’s notices in their own hash, so a turn reads only theirs', async () => {
    const notices = new RedisWaitingNotices(t.redis);
    await notices.add('jana-wolf', 'n1', { message: { text: 'J' }, at: 1 });
    expect(await t.redis.hkeys(keys.waitingNoticesOf('jana-wolf'))).toEqual(['n1']);
    expect(await t.redis.exists(keys.waitingNoticesShared())).toBe(0);
    expect(await notices.any('jonas-meyer')).toBe(false);
    await notices.take('jana-wolf');
    expect(await t.redis.exists(keys.waitingNoticesOf('jana-wolf'))).toBe(0);
  });

  it('drops an unreadable entry instead of failing the turn', async () => {
    const notices = new RedisWaitingNotices(t.redis);
    await t.redis.hset(keys.waitingNoticesOf('felix-richter'), 'broken', '{not json');
    await notices.add('felix-richter', 'ok', { message: { text: 'lesbar' }, at: 1 });
    expect((await notices.take('felix-richter')).map((n) => n.message.text)).toEqual(['lesbar']);
    expect(await notices.countByStaff(['felix-richter'])).toEqual({});
  });
});

describe('waiting notices stored by earlier versions (one shared hash, field `<staffId> <id>`)', () => {
  const t = testRedis('waiting-notices-upgrade');
  afterAll(() => t.cleanup());
  const notice = (text: string, at: number) => JSON.stringify({ message: { text }, at });

  it('are still counted and shown after the upgrade, each once, and the shared hash is gone', async () => {
    await t.redis.hset(keys.waitingNoticesShared(), {
      'tobias-krueger old:1': notice('alt 1', 1),
      'tobias-krueger old:2': notice('alt 2', 2),
      'katrin-hoffmann old:3': notice('alt K', 3),
      'no-staff-id': notice('?', 4),
    });
    const notices = new RedisWaitingNotices(t.redis);
    // Added by the new version meanwhile; the same id in the shared hash does not replace it.
    await notices.add('tobias-krueger', 'old:2', { message: { text: 'neu 2' }, at: 2 });
    await notices.add('tobias-krueger', 'new:3', { message: { text: 'neu 3' }, at: 3 });

    // Any colleague's check sees the shared hash (their take moves it), even one with nothing waiting.
    expect(await notices.any('jonas-meyer')).toBe(true);
    expect(await notices.countByStaff(['tobias-krueger', 'katrin-hoffmann', 'jonas-meyer'])).toEqual({
      'tobias-krueger': 3,
      'katrin-hoffmann': 1,
    });
    expect(await t.redis.exists(keys.waitingNoticesShared())).toBe(0);
    expect(await notices.any('jonas-meyer')).toBe(false);
    expect((await notices.take('tobias-krueger')).map((n) => n.message.text)).toEqual(['alt 1', 'neu 2', 'neu 3']);
    expect(await notices.take('tobias-krueger')).toEqual([]);

    // An instance still on the old version writes the shared hash again: the next take moves it too.
    await t.redis.hset(keys.waitingNoticesShared(), 'katrin-hoffmann old:4', notice('alt K2', 4));
    expect(await notices.any('katrin-hoffmann')).toBe(true);
    expect((await notices.take('katrin-hoffmann')).map((n) => n.message.text)).toEqual(['alt K', 'alt K2']);
    expect(await notices.any('katrin-hoffmann')).toBe(false);
    expect(await t.redis.exists(keys.waitingNoticesShared())).toBe(0);
  });
});
