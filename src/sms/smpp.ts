/**
 * SMS_PROVIDER=smpp: SMPP 3.4, what German aggregators offer. One bound transceiver session per
 * instance (bind_transceiver), kept alive with enquire_link and re-bound with backoff after a bind
 * failure or a dropped connection. Each segment is one submit_sm (GSM-7 as data_coding 0, UCS-2 as
 * 8, exactly the segments src/sms/segments.ts counts; two segments carry a concatenation UDH).
 * A window bounds the submit_sm awaiting their response and a rate the submits per second; the
 * SMSC's ESME_RTHROTTLED or a lost connection is SmsUnavailable (the outbox retries with backoff),
 * a refusal that cannot pass later (ESME_RINVDSTADR, …) is SmsRefused (dead-lettered at once).
 * deliver_sm brings delivery receipts and the citizens' replies (STOP); each is answered only after
 * it was handled, so an SMSC redelivers what a crash or a Redis outage lost.
 *
 * The `smpp` package is required on the first connection, not at start-up (a default start loads
 * no provider library; test/packaging/standalone-build.test.ts).
 */
import { createHash } from 'node:crypto';
import { parsePhone } from '../domain/phone';
import type { Logger } from '../logger';
import {
  SmsRefused,
  SmsUnavailable,
  type SmsEvents,
  type SmsPartLedger,
  type SmsProvider,
  type SmsSent,
} from './provider';
import { encodeGsm7, splitSegments } from './segments';

/** The parts of the `smpp` package used here (it ships no types). */
interface Pdu {
  command: string;
  command_status: number;
  sequence_number: number;
  message_id?: string;
  esm_class?: number;
  source_addr?: string;
  source_addr_ton?: number;
  short_message?: Buffer | { message?: string | Buffer } | string;
  message_payload?: Buffer | { message?: string | Buffer } | string;
  receipted_message_id?: string;
  message_state?: number;
  response(options?: Record<string, unknown>): Pdu;
}
interface Session {
  on(event: 'connect' | 'close', listener: () => void): Session;
  on(event: 'error', listener: (e: Error & { code?: string }) => void): Session;
  on(event: string, listener: (pdu: Pdu) => void): Session;
  send(pdu: Pdu): boolean;
  bind_transceiver(options: Record<string, unknown>, callback: (pdu: Pdu) => void): boolean;
  submit_sm(options: Record<string, unknown>, callback: (pdu: Pdu) => void): boolean;
  enquire_link(callback: (pdu: Pdu) => void): boolean;
  unbind(callback: (pdu: Pdu) => void): boolean;
  close(): void;
  destroy(): void;
}
interface SmppModule {
  connect(options: { host: string; port: number; tls?: boolean }): Session;
  errors: Record<string, number>;
}

/** Required when first used (see the module comment). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const smppLib = (): SmppModule => require('smpp') as SmppModule;

const ESME_ROK = 0;
/** "Temporary application error": the SMSC delivers the deliver_sm again later. */
const ESME_RX_T_APPN = 0x64;

/** Refusals that retrying cannot change: the number, the sender or the message itself is not accepted. */
const PERMANENT = new Set([
  'ESME_RINVMSGLEN',
  'ESME_RINVSRCADR',
  'ESME_RINVDSTADR',
  'ESME_RINVESMCLASS',
  'ESME_RINVSRCTON',
  'ESME_RINVSRCNPI',
  'ESME_RINVDSTTON',
  'ESME_RINVDSTNPI',
  'ESME_RX_R_APPN',
  'ESME_RINVDCS',
]);

/** Receipt states (the `stat:` of the receipt text, or the message_state TLV) that are final. */
const FINAL_STATES: Record<string, 'delivered' | 'failed'> = {
  DELIVRD: 'delivered',
  EXPIRED: 'failed',
  DELETED: 'failed',
  UNDELIV: 'failed',
  REJECTD: 'failed',
};
const MESSAGE_STATE_NAMES = [
  'SCHEDULED',
  'ENROUTE',
  'DELIVRD',
  'EXPIRED',
  'DELETED',
  'UNDELIV',
  'ACCEPTD',
  'UNKNOWN',
  'REJECTD',
];

export interface SmppUrl {
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
}

/** SMS_URL `smpp://system_id:password@host:2775` (`ssmpp://` for TLS); null when it is not one. */
export function parseSmppUrl(url: string): SmppUrl | null {
  const u = URL.parse(url);
  if (!u || (u.protocol !== 'smpp:' && u.protocol !== 'ssmpp:') || !u.hostname || !u.username || !u.password)
    return null;
  const tls = u.protocol === 'ssmpp:';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : tls ? 3550 : 2775,
    tls,
    systemId: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/** Source address TON/NPI: "+49…" international, digits a short code or national number, else alphanumeric. */
export function senderAddress(sender: string): {
  source_addr: string;
  source_addr_ton: number;
  source_addr_npi: number;
} {
  if (/^\+\d{6,15}$/.test(sender)) return { source_addr: sender.slice(1), source_addr_ton: 1, source_addr_npi: 1 };
  if (/^\d{3,15}$/.test(sender)) return { source_addr: sender, source_addr_ton: 0, source_addr_npi: 1 };
  return { source_addr: sender, source_addr_ton: 5, source_addr_npi: 0 };
}

export interface SmppOptions {
  url: SmppUrl;
  /** SMS_SENDER: an alphanumeric name (≤ 11 characters) or a number. */
  sender: string;
  /** SMS_SMPP_WINDOW: submit_sm awaiting their response at most. */
  window: number;
  /** SMS_RATE_PER_SECOND: submit_sm per second at most (the contract with the aggregator). */
  ratePerSecond: number;
  logger: Logger;
  /** enquire_link every so often while bound. */
  enquireLinkMs?: number;
  /** How long a bind, submit_sm or enquire_link may wait for its response. */
  responseTimeoutMs?: number;
  /** Re-bind after a failure: first after `min`, doubling up to `max`. */
  reconnectMs?: { min: number; max: number };
  /** How long a send waits for the session to be bound before it gives up (the outbox retries). */
  bindWaitMs?: number;
}

export interface SmppStatus {
  bound: boolean;
  /** Why the last bind or connection failed (an SMPP status name or a socket error code). */
  lastError?: string;
  /** Since when the session is unbound (epoch ms), while it is. */
  unboundSince?: number;
}

/** The concatenation reference of an SMS (one octet): stable for its reference, so a retried part matches. */
const concatReference = (reference: string): number => createHash('sha256').update(reference).digest()[0]!;

function messageText(value: Pdu['short_message']): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  const m = value.message;
  return typeof m === 'string' ? m : Buffer.isBuffer(m) ? m.toString('latin1') : '';
}

/** A deliver_sm that is a delivery receipt: the message id and its final state, or null while in transit. */
export function parseReceipt(pdu: Pdu): { messageId: string; state: string; error?: string } | null {
  const text = messageText(pdu.short_message) || messageText(pdu.message_payload);
  const id = pdu.receipted_message_id || /\bid:(\S+)/i.exec(text)?.[1];
  const state =
    (pdu.message_state !== undefined ? MESSAGE_STATE_NAMES[pdu.message_state] : undefined) ??
    /\bstat:(\w+)/i.exec(text)?.[1]?.toUpperCase();
  if (!id || !state) return null;
  const error = /\berr:(\w+)/i.exec(text)?.[1];
  return { messageId: id, state, ...(error && error !== '000' ? { error } : {}) };
}

export class SmppProvider implements SmsProvider {
  readonly kind = 'smpp' as const;
  private readonly o: Required<Omit<SmppOptions, 'logger'>>;
  private readonly log: Logger;
  private session: Session | null = null;
  private bound = false;
  private closing = false;
  private failures = 0;
  private lastError: string | undefined;
  private unboundSince = Date.now();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireTimer: NodeJS.Timeout | null = null;
  private readonly bindWaiters = new Set<() => void>();
  /** Requests awaiting their response on the current session: failed at once when it drops. */
  private readonly pending = new Set<(e: Error) => void>();
  private inFlight = 0;
  private readonly windowWaiters: (() => void)[] = [];
  private nextSubmitAt = 0;
  private events: SmsEvents | undefined;
  private statusNames: Map<number, string> | undefined;

  constructor(options: SmppOptions) {
    const { logger, ...rest } = options;
    this.log = logger;
    this.o = {
      enquireLinkMs: 30_000,
      responseTimeoutMs: 10_000,
      reconnectMs: { min: 1_000, max: 60_000 },
      bindWaitMs: 5_000,
      ...rest,
    };
  }

  status(): SmppStatus {
    return {
      bound: this.bound,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.bound ? {} : { unboundSince: this.unboundSince }),
    };
  }

  /** Connects and binds now (and again whenever the session is lost) until close(). */
  start(): void {
    if (this.session || this.closing) return;
    this.connect();
  }

  listen(events: SmsEvents): void {
    this.events = events;
  }

  private statusName(code: number): string {
    this.statusNames ??= new Map(Object.entries(smppLib().errors).map(([name, c]) => [c, name]));
    return this.statusNames.get(code) ?? `0x${code.toString(16).padStart(8, '0')}`;
  }

  private connect(): void {
    this.reconnectTimer = null;
    const { host, port, tls, systemId, password } = this.o.url;
    const session = smppLib().connect({ host, port, tls });
    this.session = session;
    const bindTimer = setTimeout(() => {
      this.lastError = 'bind timeout';
      session.destroy();
    }, this.o.responseTimeoutMs);
    session.on('connect', () => {
      session.bind_transceiver({ system_id: systemId, password, interface_version: 0x34, system_type: '' }, (pdu) => {
        clearTimeout(bindTimer);
        if (pdu.command_status === ESME_ROK) return this.onBound(session);
        this.lastError = this.statusName(pdu.command_status);
        this.log.error(
          { status: this.lastError, attempt: this.failures + 1 },
          'SMPP bind refused: check SMS_URL (system_id and password) with the SMS provider; retrying',
        );
        session.destroy();
      });
    });
    session.on('error', (e) => {
      this.lastError = e.code ?? e.name;
    });
    session.on('close', () => {
      clearTimeout(bindTimer);
      this.onClosed(session);
    });
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('deliver_sm', (pdu) => void this.onDeliver(session, pdu));
  }

  private onBound(session: Session): void {
    if (this.session !== session) return;
    this.bound = true;
    if (this.failures > 0 || this.lastError)
      this.log.info({ after: this.failures, lastError: this.lastError }, 'SMPP bound again');
    else this.log.info('SMPP bound');
    this.failures = 0;
    this.lastError = undefined;
    for (const wake of this.bindWaiters) wake();
    this.bindWaiters.clear();
    this.enquireTimer = setInterval(() => {
      this.request<Pdu>(session, (cb) => session.enquire_link(cb)).catch(() => {
        this.log.warn({ lastError: 'enquire_link unanswered' }, 'SMPP connection silent; reconnecting');
        this.lastError = 'enquire_link unanswered';
        session.destroy();
      });
    }, this.o.enquireLinkMs);
    this.enquireTimer.unref();
  }

  private onClosed(session: Session): void {
    if (this.session !== session) return;
    const wasBound = this.bound;
    this.session = null;
    this.bound = false;
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = null;
    if (wasBound) this.unboundSince = Date.now();
    for (const fail of this.pending) fail(new SmsUnavailable('SMPP connection lost'));
    this.pending.clear();
    if (this.closing) return;
    this.failures += 1;
    const { min, max } = this.o.reconnectMs;
    const delay = Math.min(max, min * 2 ** Math.min(this.failures - 1, 16));
    if (wasBound) this.log.warn({ lastError: this.lastError, retryInMs: delay }, 'SMPP connection lost; reconnecting');
    else this.log.error({ lastError: this.lastError, retryInMs: delay }, 'SMPP not bound; retrying');
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref();
  }

  /** Sends one request and waits (bounded) for its response; a dropped session fails it at once. */
  private request<T extends Pdu>(session: Session, send: (cb: (pdu: Pdu) => void) => boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(e);
      };
      const timer = setTimeout(() => fail(new SmsUnavailable('SMPP response timeout')), this.o.responseTimeoutMs);
      this.pending.add(fail);
      const written = send((pdu) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        resolve(pdu as T);
      });
      if (!written) fail(new SmsUnavailable('SMPP connection not writable'));
    });
  }

  private async boundSession(): Promise<Session> {
    if (this.closing) throw new SmsUnavailable('SMPP provider closed');
    if (!this.bound) {
      if (!this.session && !this.reconnectTimer) this.connect();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.bindWaiters.delete(wake);
          resolve();
        }, this.o.bindWaitMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.bindWaiters.add(wake);
      });
    }
    const session = this.session;
    if (!this.bound || !session) throw new SmsUnavailable(`SMPP not bound (${this.lastError ?? 'connecting'})`);
    return session;
  }

  /** Waits for a free place in the window, then for the next submit slot of the rate. */
  private async slot(): Promise<() => void> {
    while (this.inFlight >= this.o.window) await new Promise<void>((r) => this.windowWaiters.push(r));
    this.inFlight += 1;
    const now = Date.now();
    const at = Math.max(now, this.nextSubmitAt);
    this.nextSubmitAt = at + 1000 / this.o.ratePerSecond;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
    return () => {
      this.inFlight -= 1;
      this.windowWaiters.shift()?.();
    };
  }

  private async submit(fields: Record<string, unknown>): Promise<string> {
    const session = await this.boundSession();
    const release = await this.slot();
    try {
      const resp = await this.request(session, (cb) => session.submit_sm(fields, cb));
      if (resp.command_status === ESME_ROK && resp.message_id) return resp.message_id;
      const name = this.statusName(resp.command_status);
      if (PERMANENT.has(name)) throw new SmsRefused(name);
      throw new SmsUnavailable(name);
    } finally {
      release();
    }
  }

  async send(sms: Parameters<SmsProvider['send']>[0], ledger?: SmsPartLedger): Promise<SmsSent> {
    const { encoding, parts } = splitSegments(sms.text);
    const ref = concatReference(sms.reference);
    const ids: string[] = [];
    for (const [i, part] of parts.entries()) {
      const earlier = await ledger?.accepted(i);
      if (earlier) {
        ids.push(earlier);
        continue;
      }
      const payload = encoding === 'GSM-7' ? encodeGsm7(part) : Buffer.from(part, 'utf16le').swap16();
      // IEI 0x00: concatenated SMS, 8-bit reference, total parts, this part (1-based).
      const udh = parts.length > 1 ? Buffer.from([0x05, 0x00, 0x03, ref, parts.length, i + 1]) : null;
      const id = await this.submit({
        ...senderAddress(this.o.sender),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: sms.to.replace(/^\+/, ''),
        esm_class: udh ? 0x40 : 0,
        registered_delivery: 1,
        data_coding: encoding === 'GSM-7' ? 0x00 : 0x08,
        short_message: udh ? Buffer.concat([udh, payload]) : payload,
      });
      await ledger?.record(i, id, parts.length);
      ids.push(id);
    }
    return { messageId: ids[0]!, messageIds: ids };
  }

  /** A receipt or a reply: handed on, then answered (a failure answers "try again later"). */
  private async onDeliver(session: Session, pdu: Pdu): Promise<void> {
    const answer = (status: number) => session.send(pdu.response({ command_status: status }));
    const events = this.events;
    if (!events) return void answer(ESME_RX_T_APPN);
    try {
      const isReceipt = ((pdu.esm_class ?? 0) & 0x3c) === 0x04;
      if (isReceipt) {
        const receipt = parseReceipt(pdu);
        const outcome = receipt ? FINAL_STATES[receipt.state] : undefined;
        if (receipt && outcome)
          await events.receipt({
            messageId: receipt.messageId,
            status: outcome,
            ...(outcome === 'failed'
              ? { reason: receipt.error ? `${receipt.state} (err ${receipt.error})` : receipt.state }
              : {}),
          });
      } else {
        const digits = (pdu.source_addr ?? '').replace(/\D/g, '');
        const typed = pdu.source_addr_ton === 1 ? `+${digits}` : digits;
        const from = parsePhone(typed)?.e164 ?? `+${digits}`;
        await events.reply({ from, text: messageText(pdu.short_message) || messageText(pdu.message_payload) });
      }
      answer(ESME_ROK);
    } catch (e) {
      this.log.warn({ error: (e as Error)?.name }, 'SMPP deliver_sm not handled; the SMSC delivers it again');
      answer(ESME_RX_T_APPN);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    for (const wake of this.bindWaiters) wake();
    const session = this.session;
    if (!session) return;
    const closed = new Promise<void>((resolve) => session.on('close', resolve));
    if (this.bound) await this.request(session, (cb) => session.unbind(cb)).catch(() => undefined);
    session.destroy();
    await closed;
  }
}
