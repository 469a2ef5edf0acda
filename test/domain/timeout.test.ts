import { TIMED_OUT, within } from '../../src/domain/timeout';

describe('within', () => {
  it('returns the result of work that finishes in time', async () => {
    await expect(within(Promise.resolve(42), 1000)).resolves.toBe(42);
  });

  it('returns TIMED_OUT when the work takes longer, and a late rejection stays handled', async () => {
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 30));
    await expect(within(late, 5)).resolves.toBe(TIMED_OUT);
    await new Promise((r) => setTimeout(r, 50)); // an unhandled rejection would fail the run here
  });

  it('passes on a rejection that comes in time', async () => {
    await expect(within(Promise.reject(new Error('refused')), 1000)).rejects.toThrow('refused');
  });
});
