/**
 * Use case: push each supervisor the summary of their teams (the 07:00 job), and hand a summary
 * that could not be pushed to the supervisor when they next open the bot.
 *
 * Rate limits, Retry-After and dropping dead conversation references are the ProactiveSender's
 * business; here every supervisor gets exactly one send attempt per run, and one failing send never
 * keeps the others from getting theirs.
 */
import type { Summary } from '../domain/summary-types';
import { indexDirectory } from '../domain/directory-index';
import { isSupervisor, supervisedTeams } from '../domain/supervision';
import { localDateOf } from '../domain/time';
import type { Language, LocalDate, Staff } from '../domain/types';
import { safeError } from '../domain/safe-error';
import { buildSummary, type BuildSummaryDeps } from './build-summary';
import type { LogPort, ProactiveSender, TeamsMessage } from './ports';

/** Summaries waiting for supervisors who could not be reached (implemented in store/ on Redis). */
export interface PendingSummaries {
  /** Remember that `staffId` still gets the summary of `day` (until that day is over, seen from `now`). */
  mark(staffId: string, day: LocalDate, now: number): Promise<void>;
  /** The waiting day, removed atomically so only one instance delivers it; null when none. */
  take(staffId: string): Promise<LocalDate | null>;
}

/** Renders a summary for Teams; bot/cards/summary-card's `renderSummaryMessage` in production. */
/** `shared`: for a group chat or channel — team figures only, no names. */
export type RenderSummary = (summary: Summary, language: Language, options?: { shared?: boolean }) => TeamsMessage;

export interface SendSummariesDeps extends BuildSummaryDeps {
  sender: ProactiveSender;
  pending: PendingSummaries;
  render: RenderSummary;
  logger: LogPort;
}

export interface SendSummariesResult {
  day: LocalDate;
  sent: string[];
  /** Not reachable now (no reference, reference gone, or the send failed): delivered on their next visit. */
  pending: string[];
  failed: string[];
}

export function supervisorsOf(deps: Pick<BuildSummaryDeps, 'directory'>): Staff[] {
  return deps.directory.staff.filter(isSupervisor);
}

/** Sends every supervisor the summary of the day of `now` for the teams they supervise. */
export async function sendDailySummaries(deps: SendSummariesDeps, now: number): Promise<SendSummariesResult> {
  const day = localDateOf(now);
  const result: SendSummariesResult = { day, sent: [], pending: [], failed: [] };
  // Supervisors of the same teams share one computation.
  const summaries = new Map<string, Promise<Summary>>();
  const summaryFor = (teamIds: string[]) => {
    const key = [...teamIds].sort().join(',');
    let s = summaries.get(key);
    if (!s) {
      s = buildSummary({ ...deps, clock: { now: () => now } }, { day, teamIds });
      summaries.set(key, s);
    }
    return s;
  };

  for (const supervisor of supervisorsOf(deps)) {
    try {
      const message = deps.render(await summaryFor(supervisedTeams(supervisor, deps.directory)), supervisor.language);
      const outcome = await deps.sender.sendToStaff(supervisor.id, message);
      if (outcome === 'sent') {
        result.sent.push(supervisor.id);
        continue;
      }
      // 'no-reference': never opened the bot; 'gone': Teams refused (403/404), the sender dropped it.
      await deps.pending.mark(supervisor.id, day, now);
      result.pending.push(supervisor.id);
      deps.logger.info(
        { staffId: supervisor.id, outcome, day },
        'daily summary kept until the supervisor opens the bot',
      );
    } catch (err) {
      result.failed.push(supervisor.id);
      deps.logger.error({ staffId: supervisor.id, day, err: safeError(err) }, 'daily summary could not be sent');
      await deps.pending.mark(supervisor.id, day, now).catch(() => undefined);
    }
  }
  deps.logger.info(
    { day, sent: result.sent.length, pending: result.pending.length, failed: result.failed.length },
    'daily summaries done',
  );
  return result;
}

/**
 * For the bot, on any turn of a supervisor: the summary they missed today, freshly built, or null.
 * Takes the pending marker, so it is delivered once, on one instance.
 */
export async function takePendingSummary(
  deps: BuildSummaryDeps & Pick<SendSummariesDeps, 'pending' | 'render'>,
  aadObjectId: string,
): Promise<TeamsMessage | null> {
  const supervisor = indexDirectory(deps.directory).staffByAad(aadObjectId);
  if (!supervisor || !isSupervisor(supervisor)) return null;
  const day = await deps.pending.take(supervisor.id);
  if (!day || day !== localDateOf(deps.clock.now())) return null;
  const summary = await buildSummary(deps, { day, teamIds: supervisedTeams(supervisor, deps.directory) });
  return deps.render(summary, supervisor.language);
}
