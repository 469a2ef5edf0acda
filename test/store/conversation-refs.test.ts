import { ConversationRefStore, type StoredConversationRef } from '../../src/store/conversation-refs';
import type { RedisClient } from '../../src/store/redis-client';
import { testRedis } from '../support/redis';

const ref = (serviceUrl: string): StoredConversationRef => ({
  channelId: 'msteams',
  serviceUrl,
  conversation: { id: 'a:personal-1', conversationType: 'personal' },
  bot: { id: '28:bot' },
  user: { id: '29:u1', aadObjectId: 'u1' },
});

/** The client with a count of the GET commands sent through it. */
function counting(redis: RedisClient): { redis: RedisClient; gets: () => number } {
  let gets = 0;
  const proxy = new Proxy(redis, {
    get(target, prop, receiver) {
      if (prop === 'get') gets++;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { redis: proxy, gets: () => gets };
}

describe('conversation references', () => {
  const t = testRedis('conversation-refs');
  afterAll(() => t.cleanup());

  it('refreshes an unchanged reference without a Redis read for a minute, and reads again after it', async () => {
    let now = 0;
    const { redis, gets } = counting(t.redis);
    const store = new ConversationRefStore(redis, () => now);
    await store.save('u1', ref('https://smba.example/emea/'));
    await store.save('u1', ref('https://smba.example/emea/'));
    expect(gets()).toBe(1);
    now += 61_000;
    await store.save('u1', ref('https://smba.example/emea/'));
    expect(gets()).toBe(2);
    expect(await store.get('u1')).toEqual(ref('https://smba.example/emea/'));
  });

  it('writes a changed reference at once (Teams moved the conversation to another service URL)', async () => {
    const store = new ConversationRefStore(t.redis, () => 0);
    await store.save('u2', ref('https://smba.example/emea/'));
    await store.save('u2', ref('https://smba.example/amer/'));
    expect((await store.get('u2'))?.serviceUrl).toBe('https://smba.example/amer/');
  });

  it('saves a removed reference again on the next turn', async () => {
    const store = new ConversationRefStore(t.redis, () => 0);
    await store.save('u3', ref('https://smba.example/emea/'));
    await store.remove('u3');
    expect(await store.get('u3')).toBeNull();
    await store.save('u3', ref('https://smba.example/emea/'));
    expect(await store.get('u3')).toEqual(ref('https://smba.example/emea/'));
  });
});
