/**
 * The first turn of a colleague after notices could not reach them in Teams (src/store/waiting-notices.ts,
 * written by the outbox, which also mailed them): before the answer to what they wrote, one line and
 * the notices themselves (text and card, buttons working), newest last. What cannot be shown now
 * (Teams refused a send) is put back for the next turn.
 */
import type { TeamsMessage } from '../../app/ports';
import { safeError } from '../../domain/safe-error';
import { activityOf } from '../proactive';
import type { BotTurn } from '../command-router';
import { staffTexts } from './texts';

/** At most this many notices are shown in one turn (the older ones were mailed). */
export const MAX_WAITING_SHOWN = 10;

export interface WaitingNoticesPort {
  take(staffId: string): Promise<{ id: string; message: TeamsMessage; at: number }[]>;
  add(staffId: string, id: string, notice: { message: TeamsMessage; at: number }): Promise<void>;
}

export async function deliverWaitingNotices(turn: BotTurn, notices: WaitingNoticesPort): Promise<void> {
  /** Taken but not shown yet: put back if the turn cannot show them. */
  let pending: Awaited<ReturnType<WaitingNoticesPort['take']>> = [];
  try {
    const waiting = await notices.take(turn.staff.id);
    if (waiting.length === 0) return;
    pending = waiting.slice(-MAX_WAITING_SHOWN);
    await turn.context.sendActivity(
      staffTexts[turn.lang].waitingNotices(waiting.length, waiting.length - pending.length),
    );
    while (pending.length) {
      await turn.context.sendActivity(activityOf(pending[0]!.message));
      pending.shift();
    }
    turn.log.info({ count: waiting.length }, 'waiting notices shown');
  } catch (e) {
    turn.log.warn({ err: safeError(e) }, 'waiting notices could not be shown; kept for the next turn');
    for (const n of pending) await notices.add(turn.staff.id, n.id, n).catch(() => undefined);
  }
}
