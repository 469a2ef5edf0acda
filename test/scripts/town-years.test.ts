/**
 * A Redis that does not grow forever, scaled down: a town books every week through the
 * real booking path and retention compacts what ended more than 28 days ago. Once the retention
 * period has passed, what Redis holds besides the facts for reports stays the same size week after
 * week, the only growth is the facts (one small hash field per appointment), and the figures of the
 * first weeks are the same at the end as before anything was compacted. The full two years of a
 * 200-staff town, with Redis' memory, are bench/retention-plateau.ts.
 */
import { teamOfStaff } from '../../src/domain/appointment-facts';
import { computeFigures } from '../../src/domain/figures';
import { addDays, DAY } from '../../src/domain/time';
import { readAppointmentFacts } from '../../src/store/appointment-facts';
import { keys } from '../../src/store/keys';
import { simulateTownYears, type TownWeek } from '../../scripts/seed/town-years';
import { exampleDirectory } from '../support/summary-fixture';
import { testRedis } from '../support/redis';

jest.setTimeout(240_000);

const FIRST_MONDAY = '2026-01-05';
const WEEKS = 14;
const RETENTION_DAYS = 28;

describe('two years of a town, scaled down: retention keeps Redis at a plateau', () => {
  const t = testRedis('town-years');
  afterAll(() => t.cleanup());
  const directory = exampleDirectory();
  const teamOf = teamOfStaff(directory.staff);

  /** Keys and their bytes (MEMORY USAGE) of this key space, apart from the facts for reports. */
  async function footprint(): Promise<{ keys: number; bytes: number; facts: number }> {
    const raw = t.connect();
    const keyPrefix = raw.options.keyPrefix ?? '';
    raw.options.keyPrefix = '';
    const factsPrefix = `${keyPrefix}${keys.facts('', '')}`.slice(0, -1);
    let count = 0;
    let bytes = 0;
    let facts = 0;
    let cursor = '0';
    do {
      const [next, found] = await raw.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of found) {
        if (key.startsWith(factsPrefix)) {
          facts += await raw.hlen(key);
          continue;
        }
        if (key.startsWith(`${keyPrefix}${keys.factsStaff('')}`)) continue;
        count++;
        bytes += Number(await raw.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
      }
    } while (cursor !== '0');
    raw.disconnect();
    return { keys: count, bytes, facts };
  }

  it('holds the same besides the facts once the retention period has passed, and counts old weeks alike', async () => {
    const weeks: (TownWeek & { live: number; oldest: number; footprint: Awaited<ReturnType<typeof footprint>> })[] = [];
    const firstWeeks = { from: FIRST_MONDAY, to: addDays(FIRST_MONDAY, 27) };
    let figuresBefore: ReturnType<typeof computeFigures> | undefined;
    let figuresNow = 0;
    const figures = async () =>
      computeFigures({
        directory,
        ...firstWeeks,
        facts: await readAppointmentFacts(t.redis, { ...firstWeeks, teamOf }),
        absences: [],
        now: figuresNow,
      });

    const total = await simulateTownYears(t.redis, directory, {
      firstMonday: FIRST_MONDAY,
      weeks: WEEKS,
      perDay: 10,
      retentionDays: RETENTION_DAYS,
      afterWeek: async (w) => {
        const oldest = await t.redis.zrange(keys.byStart(), '0', '0', 'WITHSCORES');
        weeks.push({
          ...w,
          live: await t.redis.zcard(keys.byStart()),
          oldest: oldest[1] === undefined ? Infinity : Number(oldest[1]),
          footprint: await footprint(),
        });
        // The first four weeks are complete and nothing is compacted yet: their figures as they were.
        if (w.week === 4) {
          figuresNow = w.now;
          figuresBefore = await figures();
        }
      },
    });

    expect(total.booked).toBeGreaterThan(WEEKS * 40);
    expect(weeks[3]!.compacted).toBe(0);
    // Nothing older than the retention period stays live (appointments last less than a day).
    for (const w of weeks) expect(w.oldest).toBeGreaterThanOrEqual(w.now - RETENTION_DAYS * DAY - DAY);
    // From then on, the same number of live appointments and the same keys and bytes besides the facts…
    const plateau = weeks.slice(RETENTION_DAYS / 7 + 2);
    const live = plateau.map((w) => w.live);
    expect(Math.max(...live)).toBeLessThanOrEqual(Math.min(...live) * 1.2);
    const bytes = plateau.map((w) => w.footprint.bytes);
    expect(Math.max(...bytes)).toBeLessThanOrEqual(Math.min(...bytes) * 1.25);
    const keyCounts = plateau.map((w) => w.footprint.keys);
    expect(Math.max(...keyCounts)).toBeLessThanOrEqual(Math.min(...keyCounts) * 1.2);
    // …and every appointment is either live or a fact.
    const last = weeks[weeks.length - 1]!;
    expect(last.live + last.footprint.facts).toBe(total.booked);
    expect(last.footprint.facts).toBe(total.compacted);

    // The reports count the first weeks as before anything was compacted.
    expect(figuresBefore!.total.booked).toBeGreaterThan(0);
    expect(await figures()).toEqual(figuresBefore);
    const all = await readAppointmentFacts(t.redis, { from: FIRST_MONDAY, to: last.today, teamOf });
    expect(all).toHaveLength(total.booked);
  });
});
