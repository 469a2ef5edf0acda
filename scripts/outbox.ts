/**
 * `npm run outbox -- <command>`: the outbox's dead letters, for operations.
 *
 *   npm run outbox -- list                 entry id, kind, appointment id, attempts, time, last error
 *                                          (no citizen names or addresses)
 *   npm run outbox -- replay <entryId>…    puts these dead letters back into the outbox
 *   npm run outbox -- replay --all         puts every readable dead letter back
 *
 * Replay once the cause is fixed (e.g. SMTP credentials); the running bot's outbox worker then
 * delivers the entries — what had been delivered already is not sent again. Configuration as for
 * the bot (REDIS_URL, REDIS_KEY_PREFIX, …; .env is read when present). Exit code 1 when an id was
 * not found or an entry was refused, 2 for a usage mistake.
 * The logic lives in src/store/outbox/dead-letters.ts.
 */
import { RedisDeadLetters, describeReplay, formatDeadLetters } from '../src/store/outbox';
import { runOperatorCommand, withOperatorRedis } from './operator-command';

const USAGE = 'usage: npm run outbox -- list | replay <entryId>… | replay --all';

type Command =
  { command: 'list' } | { command: 'replay'; all: true } | { command: 'replay'; all: false; ids: string[] };

function parseArgs(args: string[]): Command | null {
  const [command, ...rest] = args;
  if (command === 'list' && rest.length === 0) return { command };
  if (command !== 'replay' || rest.length === 0) return null;
  if (rest.length === 1 && rest[0] === '--all') return { command, all: true };
  return rest.some((a) => a.startsWith('-')) ? null : { command, all: false, ids: rest };
}

async function run(cmd: Command, dead: RedisDeadLetters): Promise<number> {
  if (cmd.command === 'list') {
    for (const line of formatDeadLetters(await dead.list())) console.log(line);
    return 0;
  }
  const results = cmd.all ? await dead.replayAll() : [];
  if (!cmd.all) for (const id of cmd.ids) results.push(await dead.replay(id));
  if (results.length === 0) console.log('No dead letters.');
  for (const r of results) console.log(describeReplay(r));
  return results.every((r) => r.outcome === 'replayed') ? 0 : 1;
}

async function main(): Promise<number> {
  const cmd = parseArgs(process.argv.slice(2));
  if (!cmd) {
    console.error(USAGE);
    return 2;
  }
  return withOperatorRedis((_env, redis) => run(cmd, new RedisDeadLetters(redis)));
}

runOperatorCommand('outbox', main);
