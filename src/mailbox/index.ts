/**
 * The organisation mailbox, wired from the environment: IMAP when MAILBOX_URL is set (password or
 * XOAUTH2 for Exchange Online), otherwise the local folder REPLY_DIR. `poll()` is the body of the
 * mailbox job (src/jobs/scheduler.ts), run once per fire across instances.
 */
import type { Env } from '../config/env';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logger';
import { exchangeOnlineToken } from '../meetings/client-credentials';
import type { RedisReplyStore } from '../store/replies';
import { DirMailSource } from './dir-source';
import { ImapMailSource, parseMailboxUrl, type ImapSettings } from './imap-source';
import { pollMailbox, ReplyProcessor, type MailSource, type PassStats } from './poller';

export interface Mailbox {
  source: MailSource;
  poll(): Promise<PassStats>;
}

export function createMailbox(
  env: Env,
  deps: { store: RedisReplyStore; clock: Clock; logger: Logger; ownAddresses: readonly string[] },
): Mailbox {
  const processor = new ReplyProcessor({ store: deps.store, logger: deps.logger, ownAddresses: deps.ownAddresses });
  let source: MailSource;
  if (env.MAILBOX_URL) {
    const url = parseMailboxUrl(env.MAILBOX_URL);
    let auth: ImapSettings['auth'];
    if (env.MAILBOX_AUTH === 'xoauth2') {
      const token = exchangeOnlineToken(env, deps.clock);
      auth = { kind: 'xoauth2', token: () => token.get() };
    } else auth = { kind: 'password', password: env.MAILBOX_PASSWORD ?? '' };
    source = new ImapMailSource(
      { ...url, auth, ...(env.MAILBOX_PROCESSED_FOLDER ? { processedFolder: env.MAILBOX_PROCESSED_FOLDER } : {}) },
      deps.store,
      deps.logger,
    );
  } else source = new DirMailSource(env.REPLY_DIR);
  return { source, poll: () => pollMailbox(source, processor) };
}

/** node-cron expression (with seconds) for MAILBOX_POLL_SECONDS (validated in env.ts to divide a minute or an hour). */
export function pollCron(seconds: number): string {
  return seconds < 60 ? `*/${seconds} * * * * *` : `0 */${seconds / 60} * * * *`;
}
