/**
 * A real IMAP server for the tests: Debian's Dovecot (`dovecot-imapd`), started on a free loopback
 * port with a temporary configuration (`dovecot -c <tmp>/dovecot.conf`): base_dir and state in the
 * temp dir, maildir in the temp dir, a passwd-file with a plain password, ssl=no, IMAP only.
 *
 *   const imap = await startDovecot();               // imap.url = imap://termine%40seelze.example@127.0.0.1:<port>/INBOX
 *   const uid = await imap.append(rawMail);          // delivered by IMAP APPEND
 *   (await imap.messages()).find((m) => m.uid === uid)?.flags
 *   await imap.stop();
 *
 * Dovecot refuses to run its login and mail processes as root: when the tests run as root (CI
 * containers), the login process runs as `dovenull` and mail as `dovecot` (both created by the
 * package), and the maildir belongs to `dovecot`; otherwise everything runs as the current user.
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { freeLoopbackPort } from '../reliability/support';

const run = promisify(execFile);
export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
export const IMAP_USER = 'termine@seelze.example';
export const IMAP_PASSWORD = 'geheim-für-tests';

async function idOf(name: string): Promise<{ uid: number; gid: number } | null> {
  try {
    const uid = Number((await run('id', ['-u', name])).stdout.trim());
    const gid = Number((await run('id', ['-g', name])).stdout.trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

export interface ImapMessage {
  uid: number;
  flags: Set<string>;
}

export class Dovecot {
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** MAILBOX_URL for the app. */
  get url(): string {
    return `imap://${encodeURIComponent(IMAP_USER)}@127.0.0.1:${this.port}/INBOX`;
  }

  client(): ImapFlow {
    return new ImapFlow({
      host: '127.0.0.1',
      port: this.port,
      secure: false,
      auth: { user: IMAP_USER, pass: IMAP_PASSWORD },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
    });
  }

  private async with<T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> {
    const c = this.client();
    c.on('error', () => undefined);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  }

  /** IMAP APPEND into a folder (created when missing); returns the new UID. */
  async append(raw: Buffer | string, folder = 'INBOX', flags: string[] = []): Promise<number> {
    return this.with(async (c) => {
      if (folder !== 'INBOX') await c.mailboxCreate(folder).catch(() => undefined);
      const r = await c.append(folder, raw, flags);
      if (!r || !r.uid) throw new Error('APPEND returned no UID');
      return r.uid;
    });
  }

  /** UIDs and flags of every message in a folder. */
  async messages(folder = 'INBOX'): Promise<ImapMessage[]> {
    return this.with(async (c) => {
      const lock = await c.getMailboxLock(folder);
      try {
        const out: ImapMessage[] = [];
        if ((c.mailbox && c.mailbox.exists) === 0) return out;
        for await (const m of c.fetch('1:*', { uid: true, flags: true }))
          out.push({ uid: m.uid, flags: m.flags ?? new Set() });
        return out.sort((a, b) => a.uid - b.uid);
      } finally {
        lock.release();
      }
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      const child = spawn(DOVECOT_BIN, ['-c', join(this.dir, 'dovecot.conf'), 'stop'], { stdio: 'ignore' });
      child.on('error', () => resolve());
      child.on('exit', () => resolve());
    });
    // Wait for the master to go (it removes its pid file), then remove the temp dir.
    for (let i = 0; i < 50; i++) {
      const pid = await readFile(join(this.dir, 'run', 'master.pid'), 'utf8').catch(() => '');
      if (!pid) break;
      try {
        process.kill(Number(pid.trim()), 0);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'sprech-dovecot-'));
  // Dovecot's auth and mail processes (dovecot, dovenull when root) must be able to enter it.
  await chmod(dir, 0o755);
  const port = await freeLoopbackPort();
  const me = userInfo();
  const root = me.uid === 0;
  const mailUser = root ? 'dovecot' : me.username;
  const loginUser = root ? 'dovenull' : me.username;
  await mkdir(join(dir, 'run'), { recursive: true });
  await mkdir(join(dir, 'state'), { recursive: true });
  await mkdir(join(dir, 'mail'), { recursive: true });
  if (root) {
    const ids = await idOf(mailUser);
    if (!ids) throw new Error('the dovecot user is missing: apt-get install dovecot-imapd');
    await chown(join(dir, 'mail'), ids.uid, ids.gid);
  }
  await writeFile(join(dir, 'passwd'), `${IMAP_USER}:{PLAIN}${IMAP_PASSWORD}\n`);
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
default_login_user = ${loginUser}
default_internal_user = ${root ? 'dovecot' : me.username}
default_internal_group = ${root ? 'dovecot' : (await run('id', ['-gn'])).stdout.trim()}
first_valid_uid = 1
mail_uid = ${mailUser}
mail_gid = ${root ? 'dovecot' : (await run('id', ['-gn'])).stdout.trim()}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${root ? 'dovecot' : (await run('id', ['-gn'])).stdout.trim()} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
  await writeFile(join(dir, 'dovecot.conf'), conf);
  // The master daemonises; its inherited pipes would keep execFile waiting, so no stdio at all.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(DOVECOT_BIN, ['-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited with ${code}`))));
  });
  const d = new Dovecot(dir, port);
  // Ready when a login works.
  for (let i = 0; ; i++) {
    try {
      await d.messages();
      return d;
    } catch (e) {
      if (i >= 50) {
        const log = await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '');
        await d.stop();
        throw new Error(`dovecot did not start: ${(e as Error).message}\n${log.slice(-2000)}`, { cause: e });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
