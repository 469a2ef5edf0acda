/**
 * Poison characters through the whole journey over real HTTP: a citizen's name and note holding lone
 * UTF-16 surrogates, C0/C1 controls, bidi overrides and decomposed letters are booked through the
 * cards, the citizen cancels through the link in their mail, and the nightly retention compacts
 * the appointment. Every step must work, and what is stored is normalised (src/domain/text.ts).
 * JOURNEY_RUNS sets the number of journeys (default 12; at most 25, the citizen pages' rate limit).
 */
import fc from 'fast-check';
import { CitizenLinks } from '../../src/app/citizen-links';
import { ManualClock } from '../../src/domain/clock';
import { isCleanText } from '../../src/domain/text';
import { DAY, localDateTime } from '../../src/domain/time';
import { keys } from '../../src/store/keys';
import { postJson, startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { appointmentsOf, bookThroughCards } from '../bot/flows/support';

const RUNS = Math.min(25, Number(process.env.JOURNEY_RUNS ?? 12));
jest.setTimeout(120_000);

const POISON = [
  '\ud800',
  '\udfff',
  '\ud83d',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u0085',
  '\u009b',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  'e\u0301',
  '😀',
  '\ufeff',
];
const poison = fc.oneof(fc.constantFrom(...POISON), fc.string({ unit: 'binary', maxLength: 4 }));
const poisoned = (word: string) => fc.tuple(poison, poison).map(([a, b]) => `${word}${a} Muster${b}mann`);

describe('poison characters from booking to cancel link to retention', () => {
  let h: TeamsHarness;
  let links: CitizenLinks;
  const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'fuzz-journey', clock, outboxWorker: false });
    links = new CitizenLinks((await h.redis.get(keys.citizenLinkSecret()))!, h.baseUrl);
  });
  afterAll(async () => {
    await h.close();
  });

  it('books, cancels by link and compacts every appointment whatever the citizen name and note hold', async () => {
    const ids: string[] = [];
    await fc.assert(
      fc.asyncProperty(poisoned('Erika'), poisoned('Notiz'), async (name, note) => {
        const before = new Set((await appointmentsOf(h, 'jonas-becker')).map((a) => a.id));
        const { confirmation } = await bookThroughCards(h, {
          serviceId: 'kfz',
          channel: 'phone',
          citizen: {
            citizenName: name,
            citizenEmail: 'erika@example.org',
            citizenPhone: '0511 99887',
            citizenLanguage: 'de',
            note,
          },
        });
        expect(JSON.stringify(confirmation)).not.toMatch(/\\ud[89a-f]/i);
        const a = (await appointmentsOf(h, 'jonas-becker')).find((x) => !before.has(x.id) && x.status === 'booked');
        expect(a).toBeDefined();
        expect(isCleanText(a!.citizen.name)).toBe(true);
        expect(isCleanText(a!.note ?? '')).toBe(true);
        ids.push(a!.id);

        const page = await postJson(`${h.baseUrl}/c/${links.token(a!.id)}/cancel`, '', {
          'content-type': 'application/x-www-form-urlencoded',
        });
        expect(page.status).toBe(200);
        expect((await h.app.services.staff.appointments.get(a!.id))!.status).toBe('cancelled');
      }),
      { numRuns: RUNS },
    );

    const result = await h.app.jobs.retention(clock.now() + 120 * DAY);
    expect(result).toMatchObject({ compacted: ids.length });
    expect(result).not.toHaveProperty('unreadable');
    for (const id of ids) expect(await h.app.services.staff.appointments.get(id)).toBeNull();
  });
});
