/**
 * A local stand-in for seven.io's SMS API (POST /api/sms), on loopback: it checks the X-Api-Key
 * header, reads the form fields as seven.io does and answers as seven.io does — with `json=1` a JSON
 * answer whose `success` is the return code (100 sent, 202 invalid number, 900 wrong key …) and one
 * message with its id. `answer` overrides the next answers (429 with Retry-After, 500, HTTP 401).
 * It also signs webhooks the way seven.io does (`signedWebhook`), for the webhook tests.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SevenRequest {
  apiKey: string | undefined;
  contentType: string | undefined;
  fields: Record<string, string>;
}

export interface StandInAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface TestSeven {
  /** The API's base (what SMS_API_URL holds). */
  url: string;
  apiKey: string;
  requests: SevenRequest[];
  /** Answers request `n` (1-based) itself when it returns one; the stand-in's own rules otherwise. */
  answer: ((request: SevenRequest, n: number) => StandInAnswer | undefined) | null;
  close(): Promise<void>;
}

/** seven.io's answer to one recipient, as JSON. */
export function sevenJson(code: string, message: { id?: string | null; to?: string; parts?: number } = {}): string {
  const ok = code === '100';
  return JSON.stringify({
    success: code,
    total_price: ok ? 0.075 : 0,
    balance: 42.5,
    debug: 'false',
    sms_type: 'direct',
    messages: [
      {
        id: ok ? (message.id ?? null) : null,
        sender: 'Seelze',
        recipient: (message.to ?? '').replace(/^\+/, ''),
        text: '…',
        encoding: 'gsm',
        label: null,
        parts: message.parts ?? 1,
        udh: null,
        is_binary: false,
        price: ok ? 0.075 : 0,
        success: ok,
        error: ok ? null : code,
        error_text: ok ? null : 'error',
      },
    ],
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTestSeven(apiKey = 'test-api-key-0123456789'): Promise<TestSeven> {
  let nextId = 77_229_135_000;
  const requests: SevenRequest[] = [];
  const state: TestSeven = {
    url: '',
    apiKey,
    requests,
    answer: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (req.method !== 'POST' || req.url !== '/api/sms') {
        res.statusCode = 404;
        res.end();
        return;
      }
      const request: SevenRequest = {
        apiKey: req.headers['x-api-key'] as string | undefined,
        contentType: req.headers['content-type'],
        fields: Object.fromEntries(new URLSearchParams(body)),
      };
      requests.push(request);
      const own = state.answer?.(request, requests.length);
      const reply: StandInAnswer = own ?? rules(request);
      // Not writeHead: restify, loaded by other test files in the same worker, replaces it on every response.
      res.statusCode = reply.status;
      for (const [name, value] of Object.entries({ 'Content-Type': 'application/json', ...reply.headers }))
        res.setHeader(name, value);
      res.end(reply.body);
    })();
  });

  function rules(request: SevenRequest): StandInAnswer {
    const json = request.fields.json === '1';
    const code = (c: string, id?: string) => ({
      status: 200,
      body: json ? sevenJson(c, { id: id ?? null, to: request.fields.to ?? '' }) : c,
    });
    if (request.apiKey !== apiKey) return code('900');
    if (!request.fields.to) return code('301');
    if (!request.fields.text) return code('305');
    if (!/^\+?\d{8,15}$/.test(request.fields.to)) return code('202');
    if (request.fields.from && !/^([A-Za-z0-9 .-]{1,11}|\+?\d{3,16})$/.test(request.fields.from)) return code('306');
    nextId += 1;
    return code('100', String(nextId));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return state;
}

/**
 * The headers seven.io signs a webhook with: X-Timestamp (seconds), X-Nonce and X-Signature, the
 * HMAC-SHA256 (hex) under the signing secret of timestamp, nonce, method, the full URL and the MD5
 * of the body, one per line. @public: kept for webhook tests (none calls it yet).
 */
export function signedWebhook(
  secret: string,
  url: string,
  body: string,
  at: number = Date.now(),
  nonce: string = randomBytes(16).toString('hex'),
): Record<string, string> {
  const timestamp = String(Math.floor(at / 1000));
  const md5 = createHash('md5').update(body).digest('hex');
  const signature = createHmac('sha256', secret).update([timestamp, nonce, 'POST', url, md5].join('\n')).digest('hex');
  return { 'X-Timestamp': timestamp, 'X-Nonce': nonce, 'X-Signature': signature };
}
