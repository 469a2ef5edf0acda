/**
 * Teams notices for colleagues the bot cannot reach in Teams (they never opened it and the app could
 * not be installed for them, or they removed it). The outbox mails each one to the colleague and
 * keeps it here; their next turn shows them all (`take`), and until then the supervisors' summary
 * counts them (`countByStaff`). HASH keys.waitingNoticesOf(staffId) per colleague: field = outbox
 * dedupe key, value JSON `{ message, at }` — the rendered notice (text and card, in their language).
 *
 * One hash per colleague, so a turn's check (`any`, on every turn of every colleague) and `take` cost
 * what that person has waiting, not what waits for everyone. `take` reads and deletes the hash in one
 * script, so two instances serving turns of the same person at once never show a notice twice.
 * Earlier versions kept everyone's in one hash (keys.waitingNoticesShared()): `any` sees it, and the
 * first take or count moves it into the per-colleague hashes (lua/includes/notices.lua).
 */
import { z } from 'zod';
import type { TeamsMessage } from '../app/ports';
import { keys } from './keys';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

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

function parse(id: string, raw: string): TakenNotice | null {
  try {
    const parsed = stored.safeParse(JSON.parse(raw));
    return parsed.success ? { id, ...parsed.data } : null;
  } catch {
    return null;
  }
}

export class RedisWaitingNotices {
  constructor(private readonly redis: RedisClient) {}

  /** Keeps a notice for the staff member's next turn (again with the same id: keeps the first). */
  async add(staffId: string, id: string, notice: WaitingNotice): Promise<void> {
    await this.redis.hsetnx(keys.waitingNoticesOf(staffId), id, JSON.stringify(notice));
  }

  /**
   * Whether any notice waits for the staff member (read only; `take` hands them over). While an
   * earlier version's shared hash exists it answers yes for everyone, so the next turn's `take` moves it.
   */
  async any(staffId: string): Promise<boolean> {
    return (await this.redis.exists(keys.waitingNoticesOf(staffId), keys.waitingNoticesShared())) > 0;
  }

  /** Hands the staff member's waiting notices, oldest first, to exactly one caller. Unreadable ones are dropped. */
  async take(staffId: string): Promise<TakenNotice[]> {
    const flat = await runScript<string[]>(this.redis, 'takeWaitingNotices', [keys.noticesBase()], [staffId]);
    const taken: TakenNotice[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const notice = parse(flat[i]!, flat[i + 1]!);
      if (notice) taken.push(notice);
    }
    return taken.sort((a, b) => a.at - b.at);
  }

  /** For the summary: how many notices wait for each of these staff members (only those with any). */
  async countByStaff(staffIds: readonly string[]): Promise<Record<string, number>> {
    if (staffIds.length === 0) return {};
    const counts = await runScript<number[]>(this.redis, 'countWaitingNotices', [keys.noticesBase()], [...staffIds]);
    const out: Record<string, number> = {};
    staffIds.forEach((id, i) => {
      if ((counts[i] ?? 0) > 0) out[id] = counts[i]!;
    });
    return out;
  }
}
