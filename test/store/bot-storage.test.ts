/**
 * A port of botbuilder-core's storage conformance cases (tests/storageBaseTests.js) against real
 * Redis, plus the eTag guarantees the bot relies on. The waterfall case is ported to
 * ConversationState + TestAdapter (botbuilder-dialogs is not a dependency): state survives turns.
 */
import { ConversationState, TestAdapter, AutoSaveStateMiddleware } from 'botbuilder';
import { RedisStorage } from '../../src/store/bot-storage';
import { testRedis } from '../support/redis';

const { redis, cleanup, connect } = testRedis('bot-storage');
const storage = new RedisStorage(redis);

/** The items these cases write (botbuilder types stored items as `any`). */
interface Item {
  id?: number;
  count: number;
  v?: number;
  eTag?: string;
}
const readItems = async (keys: string[]) => (await storage.read(keys)) as Partial<Record<string, Item>>;
/** An item the case wrote before: a missing one fails the case here. */
const must = (item: Item | undefined): Item => {
  expect(item).toBeDefined();
  return item!;
};
afterAll(cleanup);

describe('RedisStorage (botbuilder storage conformance)', () => {
  it('returns an empty object when reading an unknown key', async () => {
    const result = await storage.read(['unknown']);
    expect(result).not.toBeNull();
    expect(Object.keys(result)).toHaveLength(0);
  });

  it('rejects null keys when reading and null changes when writing', async () => {
    await expect(storage.read(null as unknown as string[])).rejects.toThrow(ReferenceError);
    await expect(storage.write(null as unknown as Record<string, unknown>)).rejects.toThrow(ReferenceError);
  });

  it('does not throw when writing no items', async () => {
    await expect(storage.write({})).resolves.toBeUndefined();
  });

  it('creates objects and gives each an eTag', async () => {
    const items = { createPoco: { id: 1 }, createPocoStoreItem: { id: 2 } };
    await storage.write(items);
    const read = await readItems(Object.keys(items));
    expect(read.createPoco?.id).toBe(1);
    expect(read.createPocoStoreItem?.id).toBe(2);
    expect(typeof read.createPoco?.eTag).toBe('string');
    expect(typeof read.createPocoStoreItem?.eTag).toBe('string');
  });

  it('handles crazy keys', async () => {
    const key = '!@#$%^&*()~/\\><,.?\';"`~{tag}';
    await storage.write({ [key]: { id: 1 } });
    const read = await readItems([key]);
    expect(read[key]?.id).toBe(1);
  });

  it('updates objects: missing eTag and "*" overwrite, a stale eTag is rejected and changes nothing', async () => {
    await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
    const loaded = await readItems(['pocoItem', 'pocoStoreItem']);
    const pocoItem = must(loaded.pocoItem);
    delete pocoItem.eTag;
    const pocoStoreItem = must(loaded.pocoStoreItem);
    expect(pocoStoreItem.eTag).toBeTruthy();

    pocoItem.count++;
    pocoStoreItem.count++;
    await storage.write(loaded);
    const reloaded = await readItems(['pocoItem', 'pocoStoreItem']);
    expect(reloaded.pocoItem?.eTag).toBeTruthy();
    expect(reloaded.pocoStoreItem?.eTag).not.toBe(pocoStoreItem.eTag);
    expect(reloaded.pocoItem?.count).toBe(2);
    expect(reloaded.pocoStoreItem?.count).toBe(2);

    pocoItem.count = 123;
    await expect(storage.write({ pocoItem })).resolves.toBeUndefined();
    pocoStoreItem.count = 123;
    await expect(storage.write({ pocoStoreItem })).rejects.toThrow(/eTag conflict/);

    const reloaded2 = await readItems(['pocoItem', 'pocoStoreItem']);
    expect(reloaded2.pocoItem?.count).toBe(123);
    expect(reloaded2.pocoStoreItem?.count).toBe(2);

    const item2 = must(reloaded2.pocoItem);
    const storeItem2 = must(reloaded2.pocoStoreItem);
    item2.count = 100;
    storeItem2.count = 100;
    storeItem2.eTag = '*';
    await storage.write({ pocoItem: item2, pocoStoreItem: storeItem2 });
    const final = await readItems(['pocoItem', 'pocoStoreItem']);
    expect(final.pocoItem?.count).toBe(100);
    expect(final.pocoStoreItem?.count).toBe(100);
  });

  it('deletes objects', async () => {
    await storage.write({ delete1: { id: 1, count: 1 } });
    const read = await readItems(['delete1']);
    expect(read.delete1?.eTag).toBeTruthy();
    expect(read.delete1?.count).toBe(1);
    await storage.delete(['delete1']);
    expect((await readItems(['delete1'])).delete1).toBeUndefined();
  });

  it('does not throw when deleting an unknown object', async () => {
    await expect(storage.delete(['unknown_key'])).resolves.toBeUndefined();
  });

  it('performs batch operations', async () => {
    await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
    let result = await readItems(['batch1', 'batch2', 'batch3']);
    expect(result.batch1?.count).toBe(10);
    expect(result.batch2?.count).toBe(20);
    expect(result.batch3?.count).toBe(30);
    for (const k of ['batch1', 'batch2', 'batch3']) expect(result[k]?.eTag).toBeTruthy();
    await storage.delete(['batch1', 'batch2', 'batch3']);
    result = await readItems(['batch1', 'batch2', 'batch3']);
    expect(result.batch1 ?? result.batch2 ?? result.batch3).toBeUndefined();
  });

  it('keeps conversation state across turns (ConversationState over RedisStorage)', async () => {
    const convoState = new ConversationState(storage);
    const counter = convoState.createProperty<number>('counter');
    const adapter = new TestAdapter(async (context) => {
      const n = (await counter.get(context, 0)) + 1;
      await counter.set(context, n);
      await context.sendActivity(`turn ${n}`);
    }).use(new AutoSaveStateMiddleware(convoState));
    await adapter
      .send('a')
      .assertReply('turn 1')
      .send('b')
      .assertReply('turn 2')
      .send('c')
      .assertReply('turn 3')
      .startTest();
  });
});

describe('RedisStorage eTags across instances', () => {
  it('gives a new eTag on every write, also for "*" writes', async () => {
    await storage.write({ e1: { v: 1 } });
    const a = (await readItems(['e1'])).e1?.eTag;
    await storage.write({ e1: { v: 2, eTag: '*' } });
    const b = (await readItems(['e1'])).e1?.eTag;
    await storage.write({ e1: { v: 3, eTag: b } });
    const c = (await readItems(['e1'])).e1?.eTag;
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('lets exactly one of two writers with the same eTag win (two connections)', async () => {
    const other = new RedisStorage(connect());
    await storage.write({ race: { v: 0 } });
    const { eTag } = must((await readItems(['race'])).race);
    const results = await Promise.allSettled([
      storage.write({ race: { v: 1, eTag } }),
      other.write({ race: { v: 2, eTag } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('lets state expire when a ttl is configured', async () => {
    const expiring = new RedisStorage(redis, { ttlMs: 60_000 });
    await expiring.write({ ttl1: { v: 1 } });
    const pttl = await redis.pttl('bot:state:ttl1');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
  });
});
