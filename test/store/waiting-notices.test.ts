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
    expect(await a.countByStaff()).toEqual({ 'tobias-krueger': 20, 'katrin-hoffmann': 1 });
    expect([await a.any('tobias-krueger'), await a.any('katrin-hoffmann'), await a.any('tobias')]).toEqual([
      true,
      true,
      false,
    ]);

    const [one, two] = await Promise.all([a.take('tobias-krueger'), b.take('tobias-krueger')]);
    const texts = [...one, ...two].map((n) => n.message.text).sort();
    expect(texts).toEqual(Array.from({ length: 20 }, (_, i) => `N${i}`).sort());
    expect(one.map((n) => n.at)).toEqual([...one.map((n) => n.at)].sort((x, y) => x - y));
    expect(await a.countByStaff()).toEqual({ 'katrin-hoffmann': 1 });
    expect(await a.any('tobias-krueger')).toBe(false);
    expect(await a.take('katrin-hoffmann')).toEqual([
      { id: 'notice:x', message: { text: 'K', card: { type: 'AdaptiveCard' } }, at: 5 },
    ]);
  });

  it('drops an unreadable entry instead of failing the turn', async () => {
    const notices = new RedisWaitingNotices(t.redis);
    await t.redis.hset(keys.waitingNotices(), 'felix-richter broken', '{not json');
    await notices.add('felix-richter', 'ok', { message: { text: 'lesbar' }, at: 1 });
    expect((await notices.take('felix-richter')).map((n) => n.message.text)).toEqual(['lesbar']);
    expect(await notices.countByStaff()).toEqual({});
  });
});
