/**
 * The organisation mailbox over IMAP (imapflow), configured by MAILBOX_URL:
 *
 *   imaps://termine%40seelze.de@imap.example.org/INBOX        TLS on 993 (default port)
 *   imap://termine%40seelze.de@imap.example.org:143/INBOX     STARTTLS required (plain only on loopback)
 *
 * Authentication: the password (MAILBOX_PASSWORD, on-premises Exchange, Dovecot, …) or an OAuth 2.0
 * access token as XOAUTH2 (MAILBOX_AUTH=xoauth2, Exchange Online: a client-credentials token for
 * https://outlook.office365.com/.default from the same app registration as Graph).
 *
 * One pass: connect, open the folder, list the UIDs above this mailbox's cursor (per UIDVALIDITY)
 * that do not carry the processed keyword, read their size, headers and structure (not the body),
 * let the handler judge each one (it downloads only candidate replies), then mark processed replies:
 * `\Seen` + the keyword `$SprechstundeProcessed`, or moved to MAILBOX_PROCESSED_FOLDER. An answer that
 * was ignored (unknown UID, older SEQUENCE, another attendee, unreadable) stays unseen and gets the
 * keyword `$SprechstundeIgnored`, so a person can find it (a search folder or rule on that keyword).
 * Nothing is ever deleted or expunged; mail for people keeps its flags.
 */
import { createHash } from 'node:crypto';
import type { FetchMessageObject, ImapFlow, MessageStructureObject } from 'imapflow';
import type { Logger } from '../logger';
import { MAX_MAIL_BYTES } from './mail';
import type { Disposition, MailboxMessage, MailSource, PassStats } from './poller';

/** imapflow is loaded at the first IMAP connection (MAILBOX_URL set), not at start-up: ~18 MB less otherwise. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const imapflow = () => require('imapflow') as typeof import('imapflow');

export const PROCESSED_KEYWORD = '$SprechstundeProcessed';
export const IGNORED_KEYWORD = '$SprechstundeIgnored';
const BATCH = 200;

export interface ImapSettings {
  host: string;
  port: number;
  /** TLS from the start (imaps://). */
  secure: boolean;
  user: string;
  folder: string;
  auth: { kind: 'password'; password: string } | { kind: 'xoauth2'; token: () => Promise<string> };
  /** Move processed replies here instead of flagging them (created when missing). */
  processedFolder?: string;
  /** Per-connection timeouts (ms). */
  timeoutMs?: number;
}

/** The parts of MAILBOX_URL; throws a RangeError naming what is wrong. */
export function parseMailboxUrl(url: string): Pick<ImapSettings, 'host' | 'port' | 'secure' | 'user' | 'folder'> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RangeError('must be a URL like imaps://user@host/INBOX');
  }
  if (u.protocol !== 'imaps:' && u.protocol !== 'imap:') throw new RangeError('must start with imaps:// or imap://');
  if (!u.username) throw new RangeError('must name the mailbox user (imaps://user@host/INBOX)');
  if (u.password) throw new RangeError('must not contain the password (use MAILBOX_PASSWORD)');
  const secure = u.protocol === 'imaps:';
  const folder = decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    folder,
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** True when the structure has a part that may carry a calendar (text/calendar, application/ics, *.ics, a forwarded mail). */
export function mayHaveCalendar(node: MessageStructureObject | undefined): boolean {
  if (!node) return true; // unknown: look at it
  const type = (node.type ?? '').toLowerCase();
  const name = String(node.dispositionParameters?.filename ?? node.parameters?.name ?? '');
  if (type === 'text/calendar' || type === 'application/ics' || type === 'message/rfc822' || /\.ics$/i.test(name))
    return true;
  return (node.childNodes ?? []).some(mayHaveCalendar);
}

export class ImapMailSource implements MailSource {
  readonly kind = 'imap' as const;
  /** Identifies the mailbox in Redis keys and claims without naming it. */
  readonly mailboxKey: string;

  constructor(
    private readonly settings: ImapSettings,
    private readonly cursor: {
      cursor(mailbox: string, uidValidity: string): Promise<number>;
      advanceCursor(mailbox: string, uidValidity: string, uid: number): Promise<number>;
    },
    private readonly logger: Logger,
  ) {
    this.mailboxKey = createHash('sha256')
      .update(`${settings.host}:${settings.port}/${settings.user}/${settings.folder}`)
      .digest('hex')
      .slice(0, 16);
  }

  private async client(): Promise<ImapFlow> {
    const s = this.settings;
    const auth =
      s.auth.kind === 'password'
        ? { user: s.user, pass: s.auth.password }
        : { user: s.user, accessToken: await s.auth.token() };
    const client = new (imapflow().ImapFlow)({
      host: s.host,
      port: s.port,
      secure: s.secure,
      // imap:// means STARTTLS; only a loopback server (tests, a local relay) may do without.
      ...(s.secure ? {} : LOOPBACK.has(s.host) ? {} : { doSTARTTLS: true }),
      auth,
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: s.timeoutMs ?? 30_000,
      greetingTimeout: s.timeoutMs ?? 30_000,
      socketTimeout: (s.timeoutMs ?? 30_000) * 4,
    });
    // Socket errors after connect surface here; the pass in progress fails and the next one reconnects.
    client.on('error', (e: Error) => this.logger.warn({ error: e.name }, 'mailbox: connection error'));
    await client.connect();
    return client;
  }

  async pass(handle: (m: MailboxMessage) => Promise<Disposition>): Promise<PassStats> {
    const stats: PassStats = { seen: 0, processed: 0, ignored: 0, untouched: 0, busy: 0 };
    const client = await this.client();
    try {
      const lock = await client.getMailboxLock(this.settings.folder);
      try {
        const box = client.mailbox;
        if (!box) throw new Error('mailbox not open');
        const uidValidity = String(box.uidValidity);
        const from = (await this.cursor.cursor(this.mailboxKey, uidValidity)) + 1;
        // Servers that cannot store keywords (no "\\*" in PERMANENTFLAGS, e.g. Exchange Online) may also
        // refuse to search for them: then the cursor and the done markers alone keep mail from being read twice.
        const keywords = box.permanentFlags?.has('\\*') ?? false;
        const found = await client.search(
          keywords ? { uid: `${from}:*`, unKeyword: PROCESSED_KEYWORD } : { uid: `${from}:*` },
          { uid: true },
        );
        // imapflow answers a refused SEARCH with false: an error, never "no new mail".
        if (!found) throw new Error('the IMAP server refused the search for new mail');
        // "n:*" also matches the highest UID when it is below n.
        const uids = found.filter((u) => u >= from).sort((a, b) => a - b);
        let advance = true;
        for (let i = 0; i < uids.length; i += BATCH) {
          const batch = uids.slice(i, i + BATCH);
          const metas: FetchMessageObject[] = [];
          // Read headers and structure first; downloading inside the fetch loop would deadlock the connection.
          const wanted = new Set(batch);
          for await (const m of client.fetch(
            batch.join(','),
            { uid: true, size: true, headers: true, bodyStructure: true },
            { uid: true },
          ))
            // Another instance flagging mail meanwhile makes the server send unsolicited FETCH (FLAGS)
            // responses on this connection too: only the answers to this request count.
            if (typeof m.uid === 'number' && wanted.has(m.uid) && m.headers) metas.push(m);
          metas.sort((a, b) => a.uid - b.uid);
          for (const meta of metas) {
            stats.seen++;
            const disposition = await handle({
              identity: `imap|${this.mailboxKey}|${uidValidity}|${meta.uid}`,
              size: meta.size ?? 0,
              headers: meta.headers?.toString('latin1') ?? '',
              mayHaveCalendar: mayHaveCalendar(meta.bodyStructure),
              source: async () => {
                // Never more than the bound plus one byte, whatever size the server announced before.
                const one = await client.fetchOne(
                  String(meta.uid),
                  { source: { maxLength: MAX_MAIL_BYTES + 1 } },
                  { uid: true },
                );
                if (!one || !one.source) throw new Error('mail vanished while reading it');
                return one.source;
              },
            });
            stats[disposition]++;
            if (disposition === 'processed') await this.markProcessed(client, meta.uid);
            // Left unseen for a person to look at; the keyword lets them find it (when the server keeps keywords).
            if (disposition === 'ignored' && keywords)
              await client.messageFlagsAdd(String(meta.uid), [IGNORED_KEYWORD], { uid: true });
            // The cursor stays before a mail another instance is still reading (it may fail and leave it).
            if (disposition === 'busy') advance = false;
            if (advance) await this.cursor.advanceCursor(this.mailboxKey, uidValidity, meta.uid);
          }
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return stats;
  }

  private async markProcessed(client: ImapFlow, uid: number): Promise<void> {
    const folder = this.settings.processedFolder;
    await client.messageFlagsAdd(String(uid), ['\\Seen', PROCESSED_KEYWORD], { uid: true });
    if (!folder) return;
    // imapflow answers false (not an error) when the folder is missing: create it once and move again.
    if (await client.messageMove(String(uid), folder, { uid: true })) return;
    await client.mailboxCreate(folder).catch(() => undefined);
    if (!(await client.messageMove(String(uid), folder, { uid: true })))
      throw new Error('could not move a processed reply to MAILBOX_PROCESSED_FOLDER');
  }
}
