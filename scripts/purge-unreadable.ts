/**
 * `npm run purge-unreadable -- <command>`: appointments the nightly retention cannot read (DSGVO).
 * Retention skips such a record and alerts the supervisors once ("Bitte die IT informieren"); without
 * this command its citizen data would stay for ever.
 *
 *   npm run purge-unreadable -- list              the reported appointment ids and what is unreadable now:
 *                                                 record | audit (only audit entries) | gone | readable
 *   npm run purge-unreadable -- purge <id>…       an unreadable record: deleted with everything that holds
 *                                                 or finds it (no facts for reports: they cannot be read);
 *                                                 a readable one: only its unreadable audit entries
 *
 * Look at the record first if it may be repaired (`GET <prefix>book:appt:<id>`); a purge cannot be undone.
 * Configuration as for the bot (REDIS_URL, REDIS_KEY_PREFIX, DIRECTORY_FILE, …; .env is read when
 * present). Prints appointment ids only. Exit code 1 when a record changed meanwhile (run it again),
 * 2 for a usage mistake. The logic lives in src/store/retention.ts and src/store/lua/purge-unreadable-3.lua.
 */
import { loadDirectoryFile } from '../src/config/directory';
import { RedisRetentionStore } from '../src/store/retention';
import { runOperatorCommand, withOperatorRedis } from './operator-command';

const USAGE = 'usage: npm run purge-unreadable -- list | purge <appointmentId>…';

type Command = { command: 'list' } | { command: 'purge'; ids: string[] };

function parseArgs(args: string[]): Command | null {
  const [command, ...rest] = args;
  if (command === 'list' && rest.length === 0) return { command };
  if (command === 'purge' && rest.length > 0 && rest.every((a) => /^[A-Za-z0-9_-]{1,80}$/.test(a)))
    return { command, ids: rest };
  return null;
}

async function run(cmd: Command, store: RedisRetentionStore, staffIds: readonly string[]): Promise<number> {
  if (cmd.command === 'list') {
    const rows = await store.listUnreadable();
    if (rows.length === 0) console.log('No unreadable records reported.');
    for (const r of rows) console.log(`${r.appointmentId}\t${r.state}`);
    return 0;
  }
  let code = 0;
  for (const id of cmd.ids) {
    const r = await store.purgeUnreadable(id, staffIds);
    if (r.outcome === 'purged') console.log(`${id}: purged (record, indexes, audit, call, SMS records)`);
    else if (r.outcome === 'audit')
      console.log(
        `${id}: record readable, kept for retention; ${r.auditEntriesRemoved} unreadable audit entries removed`,
      );
    else {
      console.log(`${id}: changed while reading, nothing done; run it again`);
      code = 1;
    }
  }
  return code;
}

async function main(): Promise<number> {
  const cmd = parseArgs(process.argv.slice(2));
  if (!cmd) {
    console.error(USAGE);
    return 2;
  }
  // The team is not needed: nothing is compacted into facts here.
  return withOperatorRedis((env, redis) =>
    run(
      cmd,
      new RedisRetentionStore(redis, () => undefined),
      loadDirectoryFile(env.DIRECTORY_FILE).staff.map((s) => s.id),
    ),
  );
}

runOperatorCommand('purge-unreadable', main);
