/** A real SMTP server in the test process (smtp-server), and a minimal MIME reader for what it received. */
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
  /** Whether the client asked for SMTPUTF8 at MAIL FROM (RFC 6531). */
  smtpUtf8: boolean;
}

/**
 * A port for a test SMTP server that is stopped and started again (outage tests), so it cannot be
 * an ephemeral one: picked below Linux's ephemeral range (32768+), where no client socket can take it.
 */
export function smtpTestPort(): number {
  return 20000 + Math.floor(Math.random() * 12000);
}

/** What a client offered at AUTH: the method and, for XOAUTH2, the token; a password is recorded if one ever comes. */
export interface AuthAttempt {
  method: string;
  username: string;
  accessToken?: string;
  password?: string;
  accepted: boolean;
}

export interface SmtpPeerOptions {
  /**
   * Like Exchange Online after Basic authentication is off: AUTH is required and only XOAUTH2 is
   * offered; a token is accepted when this says so, otherwise 535 5.7.3.
   */
  xoauth2?: (username: string, accessToken: string) => boolean;
  /**
   * false: like a relay without RFC 6531 (Postfix with smtputf8_enable=no, many appliances): SMTPUTF8
   * is not offered, and a recipient with non-ASCII characters before the @ is refused (553 5.6.7).
   */
  smtpUtf8?: boolean;
}

export class SmtpPeer {
  readonly received: Received[] = [];
  readonly authAttempts: AuthAttempt[] = [];
  /** Recipients this returns true for are refused with `refuseCode` (the reply names the address, as real relays do). */
  refuse: (address: string) => boolean = () => false;
  /** 451 (temporary, the default) or a permanent 5xx such as 550. */
  refuseCode = 451;
  private server: SMTPServer | null = null;

  private listenPort: number;
  /** Once the port was read (or the peer ran), it stays: a client may have been given it. */
  private portFixed = false;

  constructor(
    port: number,
    private readonly options: SmtpPeerOptions = {},
  ) {
    this.listenPort = port;
  }

  get port(): number {
    this.portFixed = true;
    return this.listenPort;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /**
   * Listens on the port. A random port another test on the machine holds already is swapped for a
   * new one while nobody has been given it yet (tests of several worktrees run at once).
   */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.listen();
        this.portFixed = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || this.portFixed || attempt >= 5) throw e;
        this.listenPort = smtpTestPort();
      }
    }
  }

  private async listen(): Promise<void> {
    const xoauth2 = this.options.xoauth2;
    const smtpUtf8 = this.options.smtpUtf8 !== false;
    this.server = new SMTPServer({
      logger: false,
      hideSMTPUTF8: !smtpUtf8,
      ...(xoauth2
        ? {
            disabledCommands: ['STARTTLS'],
            // Loopback only: the client may authenticate without TLS here (it must not elsewhere).
            allowInsecureAuth: true,
            authOptional: false,
            authMethods: ['XOAUTH2'],
            onAuth: (auth, _session, callback) => {
              const accepted = auth.method === 'XOAUTH2' && xoauth2(auth.username ?? '', auth.accessToken ?? '');
              this.authAttempts.push({
                method: auth.method,
                username: auth.username ?? '',
                ...(auth.accessToken ? { accessToken: auth.accessToken } : {}),
                ...(auth.password ? { password: auth.password } : {}),
                accepted,
              });
              if (accepted) return callback(null, { user: auth.username });
              callback(Object.assign(new Error('5.7.3 Authentication unsuccessful'), { responseCode: 535 }));
            },
          }
        : { disabledCommands: ['STARTTLS', 'AUTH'] }),
      onRcptTo: (address, session, callback) => {
        if (!session.envelope.smtpUtf8 && /\P{ASCII}/u.test(address.address.slice(0, address.address.lastIndexOf('@'))))
          return callback(
            Object.assign(new Error('5.6.7 Non-ASCII addresses require the SMTPUTF8 extension'), { responseCode: 553 }),
          );
        if (!this.refuse(address.address)) return callback();
        const permanent = this.refuseCode >= 500;
        callback(
          Object.assign(
            new Error(`Mailbox <${address.address}> ${permanent ? 'does not exist' : 'temporarily unavailable'}`),
            { responseCode: this.refuseCode },
          ),
        );
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            smtpUtf8: Boolean(session.envelope.smtpUtf8),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

export interface MimePart {
  headers: Map<string, string>;
  body: string;
  parts: MimePart[];
}

function unfoldHeaders(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split(/\r\n/)) {
    const i = line.indexOf(':');
    if (i > 0) map.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return map;
}

function decode(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

export function parseMime(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const headers = unfoldHeaders(raw.slice(0, split));
  const rest = raw.slice(split + 4);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const pieces = rest.split(`--${boundary}`).slice(1);
    const parts = pieces.filter((p) => !p.startsWith('--')).map((p) => parseMime(p.replace(/^\r\n/, '')));
    return { headers, body: '', parts };
  }
  return { headers, body: decode(rest, headers.get('content-transfer-encoding')), parts: [] };
}

export function leaves(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leaves);
}

/** Decodes RFC 2047 encoded words in a header (nodemailer uses them for non-ASCII subjects). */
export function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decode(text.replace(/_/g, ' '), 'quoted-printable'),
  );
}
