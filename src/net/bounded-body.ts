/**
 * Answers from outside (calendar servers, Microsoft Graph, token endpoints) are read with a size
 * bound: a server that answers with hundreds of megabytes costs one failed read, not the bot's
 * memory or its event loop. The body is streamed and the connection cancelled as soon as the bound
 * is passed. The time bound is the caller's fetch signal (AbortSignal.timeout), which also aborts a
 * body that trickles in.
 */

/** One CalDAV REPORT or Graph page of a staff calendar (months of meetings fit in well under 1 MB). */
export const CALENDAR_ANSWER_MAX_BYTES = 8 * 1024 * 1024;
/** Token endpoints, Graph error bodies and small JSON answers (meetings, sendMail). */
export const SMALL_ANSWER_MAX_BYTES = 256 * 1024;

export class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
  constructor(readonly limit: number) {
    super(`the answer is larger than ${limit} bytes`);
  }
}

/** The whole body, or AnswerTooLargeError once more than `maxBytes` arrived (or were announced). */
export async function readBounded(res: Response, maxBytes: number): Promise<Buffer> {
  const announced = Number(res.headers.get('content-length') ?? NaN);
  if (announced > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new AnswerTooLargeError(maxBytes);
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export async function readBoundedText(res: Response, maxBytes: number): Promise<string> {
  return (await readBounded(res, maxBytes)).toString('utf8');
}

/** The body as JSON; undefined when it is not JSON. Too large still throws: that is not "no answer". */
export async function readBoundedJson(res: Response, maxBytes: number): Promise<unknown> {
  const text = await readBoundedText(res, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads and drops a body we do not need (a retried 429/5xx), bounded like the rest. */
export async function discardBounded(res: Response, maxBytes = SMALL_ANSWER_MAX_BYTES): Promise<void> {
  await readBounded(res, maxBytes).catch(() => undefined);
}
