import { AnswerTooLargeError, readBounded, readBoundedJson } from '../../src/net/bounded-body';

/** An endless body that counts what was pulled from it. */
function endless(chunk = 64 * 1024): { res: Response; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk;
      controller.enqueue(new Uint8Array(chunk).fill(0x41));
    },
  });
  return { res: new Response(stream), pulled: () => pulled };
}

describe('reading answers from outside with a size bound', () => {
  it('reads an answer within the bound whole', async () => {
    expect((await readBounded(new Response('x'.repeat(1000)), 1000)).length).toBe(1000);
    expect(await readBoundedJson(new Response('{"a":1}'), 100)).toEqual({ a: 1 });
  });

  it('stops pulling an endless answer just past the bound and cancels it', async () => {
    const { res, pulled } = endless();
    await expect(readBounded(res, 1024 * 1024)).rejects.toBeInstanceOf(AnswerTooLargeError);
    expect(pulled()).toBeLessThanOrEqual(1024 * 1024 + 3 * 64 * 1024);
  });

  it('refuses an answer whose Content-Length is over the bound without reading it', async () => {
    const { res, pulled } = endless();
    const announced = new Response(res.body, { headers: { 'content-length': String(10 * 1024 * 1024) } });
    await expect(readBounded(announced, 1024)).rejects.toBeInstanceOf(AnswerTooLargeError);
    expect(pulled()).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it('reads an answer that is no JSON as undefined, but a too large one is still an error', async () => {
    expect(await readBoundedJson(new Response('<html>'), 100)).toBeUndefined();
    await expect(readBoundedJson(new Response('{"a":"' + 'x'.repeat(200) + '"}'), 100)).rejects.toBeInstanceOf(
      AnswerTooLargeError,
    );
  });
});
