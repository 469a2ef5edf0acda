import { remember } from '../../src/domain/memo';

describe('remember', () => {
  it('computes a key once, also when its value is undefined, and starts again empty at its bound', () => {
    const cache = new Map<string, number | undefined>();
    let calls = 0;
    const f = (k: string) => remember(cache, k, 2, () => (calls++, k === 'none' ? undefined : k.length));
    expect([f('ab'), f('ab'), f('none'), f('none')]).toEqual([2, 2, undefined, undefined]);
    expect(calls).toBe(2);
    f('abc');
    expect([...cache.keys()]).toEqual(['abc']);
  });
});
