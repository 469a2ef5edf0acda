/**
 * What a summary reads (the supervised staff's appointments of the day, the previous working day and
 * the lead-time week, the next free slots, absences, replannings, calendar blocks), kept in memory
 * while the book's version is unchanged (the booking scripts, absences, replannings and the calendar
 * sync count it up in the same step as their change) and for at most `maxAgeMs` (the next free slot
 * moves with the clock). Sixteen supervisors asking at once, or the 07:00 push to every supervisor of a
 * team, cost one read; concurrent asks for the same day and teams share it while it runs.
 *
 * Open problems and "now" are not kept: the summary is computed from these reads on every request
 * (computeSummary takes a few milliseconds), so an alert marked done disappears at once.
 */
import type { Directory } from '../domain/types';

interface Entry<T> {
  directory: Directory;
  version: string;
  readAt: number;
  reads: Promise<T>;
}

export interface SummaryReadsOptions {
  /** How long reads are kept at most (default 60 s). */
  maxAgeMs?: number;
  /** How many day/team combinations are kept (default 8; the oldest goes first). */
  maxEntries?: number;
}

export class SummaryReadCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;

  constructor(
    /** The book's version (AppointmentStore.version). */
    private readonly version: () => Promise<string>,
    options: SummaryReadsOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 8;
  }

  /** The reads for `key`: kept ones when the version, the directory and their age allow, else `read()`. */
  async get(key: string, directory: Directory, now: number, read: () => Promise<T>): Promise<T> {
    const version = await this.version();
    const kept = this.entries.get(key);
    if (kept && kept.version === version && kept.directory === directory && now - kept.readAt < this.maxAgeMs)
      return kept.reads;
    const entry: Entry<T> = { directory, version, readAt: now, reads: read() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // A failed read is not kept: the next request reads again.
    entry.reads.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.reads;
  }
}
