import { OneAtATime } from '../../src/app/one-at-a-time';

const tick = () => new Promise((r) => setImmediate(r));

describe('one at a time', () => {
  it('starts a task only when the one before it has ended, in the order they came', async () => {
    const queue = new OneAtATime();
    const log: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await tick();
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((n) => queue.run(task(n))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('hands a failure to its caller and goes on with the next task', async () => {
    const queue = new OneAtATime();
    const failed = queue.run(() => Promise.reject(new Error('broken')));
    const next = queue.run(() => Promise.resolve('next'));
    await expect(failed).rejects.toThrow('broken');
    await expect(next).resolves.toBe('next');
  });
});
