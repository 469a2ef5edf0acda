/**
 * Read side of the search index and the search audit. The index itself is written only by
 * the booking scripts (lua/includes/search.lua: confirm, move, retention, backfill), in the same
 * atomic step as the appointment, so it cannot lag behind or miss a write.
 *
 *   ix:<entry>   SET of appointment ids ('n:<word>', 'p:<digits>', 'e:<email>')
 *   ixn / ixr    ZSETs of the indexed name words / the words reversed (lexicographic ranges)
 *   refs         HASH reference → appointment id
 *   search:audit STREAM of searches: actor, kind of key, hits (never the text)
 */
import type { SearchAudit, SearchIndexReader } from '../app/ports';
import { reversed, searchEntriesOf } from '../domain/search-keys';
import type { Appointment } from '../domain/types';
import { appointmentSchema } from './appointments';
import { keys } from './keys';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

/** At most this many name words per prefix or bucket are read (a prefix of three letters is narrow enough). */
const WORDS_PER_RANGE = 400;

/** The end of a lexicographic range of everything starting with `prefix` (ZRANGEBYLEX bounds). */
const lexRange = (prefix: string): [string, string] => [`[${prefix}`, `[${prefix}\u{10FFFF}`];

export class RedisSearchIndex implements SearchIndexReader, SearchAudit {
  constructor(
    private readonly redis: RedisClient,
    /** How long search audit entries are kept (AUDIT_RETENTION_DAYS), in ms. */
    private readonly auditKeepMs: number,
  ) {}

  async byReference(code: string): Promise<string | null> {
    return this.redis.hget(keys.references(), code);
  }

  /** Ids under each entry, in one round trip. */
  async idsUnder(entries: readonly string[]): Promise<string[][]> {
    if (entries.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const e of entries) pipeline.smembers(keys.searchEntry(e));
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([err, ids]) => {
      if (err) throw err;
      return ids as string[];
    });
  }

  async namesStartingWith(prefix: string): Promise<string[]> {
    const [min, max] = lexRange(prefix);
    return this.redis.zrangebylex(keys.searchNames(), min, max, 'LIMIT', 0, WORDS_PER_RANGE);
  }

  async namesEndingWith(suffix: string): Promise<string[]> {
    const [min, max] = lexRange(reversed(suffix));
    const words = await this.redis.zrangebylex(keys.searchNamesReversed(), min, max, 'LIMIT', 0, WORDS_PER_RANGE);
    return words.map(reversed);
  }

  async idsOnDay(date: string): Promise<string[]> {
    return this.redis.smembers(keys.day(date));
  }

  async record(entry: { at: number; actor: string; kind: string; hits: number }): Promise<void> {
    await this.redis.xadd(
      keys.searchAudit(),
      'MINID',
      '~',
      String(Math.max(0, entry.at - this.auditKeepMs)),
      '*',
      'at',
      String(entry.at),
      'actor',
      entry.actor,
      'kind',
      entry.kind,
      'hits',
      String(entry.hits),
    );
  }

  /** The search audit, oldest first (for supervisors' questions and the tests). */
  async audit(): Promise<{ at: number; actor: string; kind: string; hits: number }[]> {
    const rows = await this.redis.xrange(keys.searchAudit(), '-', '+');
    return rows.map(([, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      return { at: Number(f.at), actor: f.actor ?? '', kind: f.kind ?? '', hits: Number(f.hits) };
    });
  }

  /**
   * Indexes appointments booked before the search index existed (and reserves nothing: their mails
   * carried no reference). Idempotent and safe beside live bookings: the script indexes an
   * appointment only when it has no entries yet and is not anonymised. Runs once per deployment
   * (marker key); returns how many were indexed.
   */
  async backfill(): Promise<number> {
    if (await this.redis.get(keys.searchBackfilled())) return 0;
    let indexed = 0;
    const PAGE = 500;
    for (let offset = 0; ; offset += PAGE) {
      const ids = await this.redis.zrange(keys.byStart(), String(offset), String(offset + PAGE - 1));
      if (ids.length === 0) break;
      const raws = await this.redis.mget(...ids.map((id) => keys.appointment(id)));
      const args: string[] = [];
      raws.forEach((raw, i) => {
        if (raw === null) return;
        const parsed = appointmentSchema.safeParse(JSON.parse(raw));
        if (!parsed.success) return;
        const a: Appointment = parsed.data;
        const entries = searchEntriesOf(a);
        if (entries.length > 0) args.push(ids[i]!, JSON.stringify(entries));
      });
      if (args.length > 0) indexed += await runScript<number>(this.redis, 'indexAppointments', [keys.bookBase()], args);
      if (ids.length < PAGE) break;
    }
    await this.redis.set(keys.searchBackfilled(), String(indexed));
    return indexed;
  }
}
