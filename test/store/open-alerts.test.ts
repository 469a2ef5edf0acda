import { keys } from '../../src/store/keys';
import { RedisOpenAlerts } from '../../src/store/open-alerts';
import { testRedis } from '../support/redis';

describe('open alerts (undelivered supervisor alerts)', () => {
  const t = testRedis('open-alerts');
  afterAll(() => t.cleanup());

  it('keeps the alert in both languages, so each supervisor reads it in theirs; an older entry holds one text', async () => {
    const alerts = new RedisOpenAlerts(t.redis);
    await alerts.add({
      id: 'absence-alert:a1',
      text: { de: 'Jonas Becker hat eine Abwesenheit gemeldet', en: 'Jonas Becker reported an absence' },
      at: 2,
    });
    await t.redis.hset(keys.openAlerts(), 'absence-alert:old', JSON.stringify({ text: 'Alter Text', at: 1 }));
    expect(await alerts.list()).toEqual([
      { id: 'absence-alert:old', text: { de: 'Alter Text', en: 'Alter Text' }, at: 1 },
      {
        id: 'absence-alert:a1',
        text: { de: 'Jonas Becker hat eine Abwesenheit gemeldet', en: 'Jonas Becker reported an absence' },
        at: 2,
      },
    ]);
    expect(await alerts.resolve('absence-alert:a1')).toBe(true);
    expect((await alerts.list()).map((a) => a.id)).toEqual(['absence-alert:old']);
  });
});
