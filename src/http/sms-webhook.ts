/**
 * seven.io's webhooks (SMS_PROVIDER=seven; docs/adr/0008-http-sms-provider.md):
 *
 *   POST /sms/seven   delivery reports (`dlr`) and inbound SMS (`sms_mo`), request method JSON
 *
 * Each request must carry seven.io's signature: X-Signature is the HMAC-SHA256 (hex) under
 * SMS_WEBHOOK_SECRET of X-Timestamp, X-Nonce, the method, the full URL (PUBLIC_BASE_URL/sms/seven)
 * and the MD5 of the body, one per line; compared in constant time. A timestamp more than 5 minutes
 * away is refused (a replayed request), so is a body over 16 KB. Answers: 200 handled (or an event we
 * do not use), 400/401/413 with the reason, 503 when Redis cannot take it (seven.io tries again).
 * What an event means is src/sms/receipts.ts, the same path as SMPP's deliver_sm.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { parsePhone } from '../domain/phone';
import { TIMED_OUT, within } from '../domain/timeout';
import type { Logger } from '../logger';
import type { SmsEvents } from '../sms/provider';

export const SEVEN_WEBHOOK_PATH = '/sms/seven';
export const WEBHOOK_MAX_BYTES = 16 * 1024;
/** How far X-Timestamp may be from our clock. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60_000;
/** Longer than this and seven.io is told to try again (Redis is slow or away). */
const HANDLE_TIMEOUT_MS = 5_000;

export interface SevenWebhookDeps {
  /** SMS_WEBHOOK_SECRET. */
  secret: string;
  /** PUBLIC_BASE_URL: the URL seven.io signs is this plus /sms/seven. */
  publicBaseUrl: string;
  events: SmsEvents;
  logger: Logger;
  now?: () => number;
}

const id = z.union([z.string().min(1).max(100), z.number()]).transform(String);
const payloadSchema = z.discriminatedUnion('webhook_event', [
  z.object({
    webhook_event: z.literal('dlr'),
    data: z.object({ msg_id: id, status: z.string().max(40) }),
  }),
  z.object({
    webhook_event: z.literal('sms_mo'),
    data: z.object({ sender: z.string().min(3).max(40), text: z.string().max(2000) }),
  }),
]);

/** seven.io's report statuses that are final; BUFFERED, TRANSMITTED, ACCEPTED … are on their way. */
const FINAL: Record<string, 'delivered' | 'failed'> = {
  DELIVERED: 'delivered',
  NOTDELIVERED: 'failed',
  EXPIRED: 'failed',
  REJECTED: 'failed',
  FAILED: 'failed',
};

/** The signature seven.io puts in X-Signature for this request. */
export function sevenSignature(
  secret: string,
  parts: { timestamp: string; nonce: string; method: string; url: string; body: string },
): string {
  const md5 = createHash('md5').update(parts.body).digest('hex');
  return createHmac('sha256', secret)
    .update([parts.timestamp, parts.nonce, parts.method.toUpperCase(), parts.url, md5].join('\n'))
    .digest('hex');
}

const header = (req: Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Why the signature does not hold, or undefined when it does. */
function signatureProblem(req: Request, body: string, deps: SevenWebhookDeps, now: number): string | undefined {
  const timestamp = header(req, 'x-timestamp');
  const nonce = header(req, 'x-nonce');
  const signature = header(req, 'x-signature');
  if (!timestamp || !nonce || !signature) return 'missing X-Signature, X-Timestamp or X-Nonce';
  if (!/^\d{1,12}$/.test(timestamp)) return 'X-Timestamp is not a Unix time';
  if (Math.abs(now - Number(timestamp) * 1000) > WEBHOOK_MAX_AGE_MS) return 'X-Timestamp more than 5 minutes away';
  const query = req.getQuery();
  const url = `${deps.publicBaseUrl.replace(/\/+$/, '')}${SEVEN_WEBHOOK_PATH}${query ? `?${query}` : ''}`;
  const expected = Buffer.from(sevenSignature(deps.secret, { timestamp, nonce, method: 'POST', url, body }), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature does not match';
  return undefined;
}

/** Registers POST /sms/seven. */
export function registerSevenWebhook(server: Server, deps: SevenWebhookDeps): void {
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: 'sms-webhook' });

  // Refused before its body is read when it announces more than the limit.
  server.pre((req, res, next) => {
    if (req.getPath() !== SEVEN_WEBHOOK_PATH || Number(req.headers['content-length'] ?? 0) <= WEBHOOK_MAX_BYTES)
      return next();
    res.json(413, { error: `body over ${WEBHOOK_MAX_BYTES} bytes` });
    return next(false);
  });

  server.post(SEVEN_WEBHOOK_PATH, async (req: Request, res: Response) => {
    const raw: unknown = (req as unknown as { rawBody?: unknown }).rawBody;
    const body = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
    if (Buffer.byteLength(body) > WEBHOOK_MAX_BYTES)
      return void res.json(413, { error: `body over ${WEBHOOK_MAX_BYTES} bytes` });
    const problem = signatureProblem(req, body, deps, now());
    if (problem) {
      log.warn({ problem }, 'seven.io webhook refused');
      return void res.json(401, { error: problem });
    }
    if (!/^application\/json/i.test(req.contentType() ?? ''))
      return void res.json(400, { error: 'send JSON (webhook request method JSON)' });
    const parsed = payloadSchema.safeParse((req as Request & { body?: unknown }).body);
    if (!parsed.success) {
      const event = (req.body as { webhook_event?: unknown } | undefined)?.webhook_event;
      // Events we did not subscribe to (tracking, voice …) are acknowledged, not retried.
      if (typeof event === 'string' && event !== 'dlr' && event !== 'sms_mo')
        return void res.json(200, { status: 'ignored' });
      return void res.json(400, { error: 'not a delivery report or an inbound SMS' });
    }
    const work = handle(parsed.data, deps.events);
    try {
      const outcome = await within(work, HANDLE_TIMEOUT_MS);
      if (outcome === TIMED_OUT) {
        work.catch(() => undefined);
        throw new Error('timeout');
      }
      res.json(200, { status: outcome });
    } catch (e) {
      log.warn({ event: parsed.data.webhook_event, error: (e as Error)?.message }, 'seven.io webhook not handled: 503');
      res.json(503, { error: 'not stored now, please try again' });
    }
  });
}

async function handle(payload: z.infer<typeof payloadSchema>, events: SmsEvents): Promise<string> {
  if (payload.webhook_event === 'dlr') {
    const status = FINAL[payload.data.status.toUpperCase()];
    if (!status) return 'in transit';
    await events.receipt({
      messageId: payload.data.msg_id,
      status,
      ...(status === 'failed' ? { reason: payload.data.status.toUpperCase() } : {}),
    });
    return 'recorded';
  }
  const { sender, text } = payload.data;
  const digits = sender.replace(/\D/g, '');
  const from = parsePhone(sender.trim().startsWith('+') ? sender : `+${digits}`)?.e164 ?? `+${digits}`;
  await events.reply({ from, text });
  return 'received';
}
