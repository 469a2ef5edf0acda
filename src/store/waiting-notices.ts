/**
 * Teams notices for colleagues the bot cannot reach in Teams (they never opened it and the app could
 * not be installed for them, or they removed it). The outbox mails each one to the colleague and
 * keeps it here; their next turn shows them all (`take`), and until then the supervisors' summary
 * counts them (`count`). HASH keys.waitingNotices(): field `<staffId> <outbox dedupe key>`, value
 * JSON `{ message, at }` — the rendered notice (text and card, in the colleague's language).
 *
 * `take` deletes field by field and returns only the fields its own HDEL removed, so two instances
 * serving turns of the same person at once never show a notice twice.
 */
import { z } from 'zod';
import type { TeamsMessage } from '../app/ports';
import { keys } from './keys';
import type { RedisClient } from './redis-client';

const stored = z.object({
  message: z.object({ text: z.string(), card: z.record(z.string(), z.unknown()).optional() }),
  at: z.number(),
});

export interface WaitingNotice {
  message: TeamsMessage;
  at: number;
}

export interface TakenNotice extends WaitingNotice {
  /** The id it was added with (to put it back when showing it failed). */
  id: string;
}

const SEP = ' ';
const field = (staffId: string, id: string) => `${staffId}${SEP}${id}`;

export class RedisWaitingNotices {
  constructor(private readonly redis: RedisClient) {}

  /** Keeps a notice for the staff member's next turn (again with the same id: keeps the first). */
  async add(staffId: string, id: string, notice: WaitingNotice): Promise<void> {
    await this.redis.hsetnx(keys.waitingNotices(), field(staffId, id), JSON.stringify(notice));
  }

  /** Whether any notice waits for the staff member (read only; `take` hands them over). */
  async any(staffId: string): Promise<boolean> {
    const prefix = field(staffId, '');
    return (await this.redis.hkeys(keys.waitingNotices())).some((f) => f.startsWith(prefix));
  }

  /** Hands the staff member's waiting notices, oldest first, to exactly one caller. Unreadable ones are dropped. */
  async take(staffId: string): Promise<TakenNotice[]> {
    const prefix = field(staffId, '');
    const mine = (await this.redis.hkeys(keys.waitingNotices())).filter((f) => f.startsWith(prefix));
    if (mine.length === 0) return [];
    const values = await this.redis.hmget(keys.waitingNotices(), ...mine);
    const taken: TakenNotice[] = [];
    for (const [i, f] of mine.entries()) {
      if ((await this.redis.hdel(keys.waitingNotices(), f)) !== 1) continue;
      try {
        const parsed = stored.safeParse(JSON.parse(values[i] ?? ''));
        if (parsed.success) taken.push({ id: f.slice(prefix.length), ...parsed.data });
      } catch {
        // unreadable: dropped with its field
      }
    }
    return taken.sort((a, b) => a.at - b.at);
  }

  /** For the summary: how many notices wait, per staff id. */
  async countByStaff(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const f of await this.redis.hkeys(keys.waitingNotices())) {
      const staffId = f.slice(0, f.indexOf(SEP));
      counts[staffId] = (counts[staffId] ?? 0) + 1;
    }
    return counts;
  }
}
