/**
 * REPLY_DIR: the local stand-in for the organisation mailbox (the mirror of MAIL_DIR). Every `.eml`
 * file dropped there is judged like a mail from IMAP; once handled it is moved (never deleted): an
 * answer that counted, and mail for people, to `processed/`; an answer that was ignored (unknown UID,
 * older SEQUENCE, another attendee, unreadable) to `ignored/`, where a person sees it apart from the
 * rest. A file another instance is reading stays for the next pass.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Disposition, MailSource, PassStats } from './poller';
import { MAX_MAIL_BYTES } from './mail';

export class DirMailSource implements MailSource {
  readonly kind = 'dir' as const;

  constructor(private readonly dir: string) {}

  async pass(handle: Parameters<MailSource['pass']>[0]): Promise<PassStats> {
    const stats: PassStats = { seen: 0, processed: 0, ignored: 0, untouched: 0, busy: 0 };
    await mkdir(join(this.dir, 'processed'), { recursive: true });
    const names = (await readdir(this.dir)).filter((n) => n.toLowerCase().endsWith('.eml')).sort();
    for (const name of names) {
      const path = join(this.dir, name);
      let size: number;
      try {
        const s = await stat(path);
        if (!s.isFile()) continue;
        size = s.size;
      } catch {
        continue; // moved away by another instance meanwhile
      }
      let content: Buffer | undefined;
      const load = async () => (content ??= await readFile(path));
      // The content decides the identity: the same mail dropped twice counts once.
      const identity =
        size <= MAX_MAIL_BYTES
          ? `dir|${createHash('sha256')
              .update(await load())
              .digest('hex')}`
          : `dir|${name}|${size}`;
      stats.seen++;
      const disposition: Disposition = await handle({ identity, size, mayHaveCalendar: true, source: load });
      stats[disposition]++;
      if (disposition === 'busy') continue;
      const folder = disposition === 'ignored' ? 'ignored' : 'processed';
      if (folder === 'ignored') await mkdir(join(this.dir, folder), { recursive: true });
      await rename(path, join(this.dir, folder, name)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    return stats;
  }
}
