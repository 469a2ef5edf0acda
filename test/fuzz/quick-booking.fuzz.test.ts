/**
 * One-sentence bookings never book or hold by themselves: random sentences built from the booking
 * vocabulary (services, synonyms with typos, channels, days, impossible dates, times, colleagues,
 * "bei mir") and random text are sent as messages over the real HTTP harness, as staff members and
 * a supervisor, in German and English. Every turn is answered (no crash), and afterwards Redis holds
 * exactly what it held before (minus the dedupe claims and conversation references every turn
 * writes): no appointment, no hold, no outbox entry. FUZZ_RUNS sets the number of sentences.
 */
import fc from 'fast-check';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { startTeamsHarness, textOf, type TeamsHarness, type TeamsUser } from '../support/teams-harness';
import { changedKeys, snapshotKeys } from '../reliability/support';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
jest.setTimeout(180_000);

const WORDS = [
  'Kfz',
  'Kfz-Zulassung',
  'Kfzz',
  'Auto',
  'car',
  'Personalausweis',
  'Personalauswies',
  'Perso',
  'Reisepass',
  'ID card',
  'Ummeldung',
  'registration',
  'Auskunft',
  'Wohngeld',
  'Beratung',
  'Sozialberatung',
  'Bauberatung',
  'Fischereischein',
  'vor Ort',
  'persönlich',
  'in person',
  'Telefon',
  'telefonisch',
  'phone',
  'anrufen',
  'Video',
  'online',
  'heute',
  'morgen',
  'übermorgen',
  'ubermorgen',
  'today',
  'tomorrow',
  'Montag',
  'Freitag',
  'Samstag',
  'nächsten',
  'next',
  'Friday',
  'Woche',
  'am',
  'um',
  'at',
  '03.12.2026',
  '31.02.',
  '29.02.',
  '3.12',
  '2026-12-10',
  '2027-05-01',
  '3. Dezember',
  'December 3rd',
  '10 Uhr',
  '10:00',
  '10.30 Uhr',
  '25 Uhr',
  '10:75',
  '7am',
  '3 pm',
  '22 Uhr',
  'vormittags',
  'nachmittags',
  'morgens',
  'abends',
  'afternoon',
  'morning',
  'bei mir',
  'with me',
  'bei Katrin',
  'Katrin Hoffmann',
  'bei Peter Klein',
  'egal bei wem',
  'Termin',
  'buchen',
  'book',
  'bitte',
  'stornieren',
  'absagen',
  'meine',
  'Termine',
  'krank',
  'hilfe',
  '?',
  ',',
  '.',
  '!',
];

describe('quick booking sentences over HTTP', () => {
  let h: TeamsHarness;
  let users: TeamsUser[];
  beforeAll(async () => {
    h = await startTeamsHarness({
      label: 'fuzz-quick',
      clock: new ManualClock(localDateTime('2026-12-08', '07:30')),
      outboxWorker: false,
    });
    users = [h.user('jonas-becker'), h.user('anna-schulz'), h.user('maria-lange'), h.user('peter-klein')];
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers every sentence and never books or holds anything by itself', async () => {
    const sentence = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 6 })
          .map((w) => w.join(' ')),
      },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 120 }) },
    );
    const before = await snapshotKeys(h.redis);
    await fc.assert(
      fc.asyncProperty(sentence, fc.nat(users.length - 1), fc.boolean(), async (text, u, english) => {
        const res = await h.send(
          h.activity(users[u]!, { type: 'message', text }, { locale: english ? 'en-US' : 'de-DE' }),
        );
        expect(res.status).toBe(200);
        expect(res.replies.length).toBeGreaterThan(0);
        expect(res.replies.map(textOf).join('\n').trim().length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
    expect(changedKeys(before, await snapshotKeys(h.redis))).toEqual([]);
  });
});
