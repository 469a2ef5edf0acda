/**
 * Bad input to the bot over real HTTP (Teams harness): mutated and random card submissions (as
 * Action.Execute invokes and as Action.Submit messages), random message texts, and random bodies
 * posted to /api/messages. Every case must get an answer (a card or a readable message; a 4xx for a
 * body that is not an activity), no unhandled rejection may occur, and an input that does not parse
 * must not write anything (Redis snapshot under the harness prefix before/after, minus the dedupe
 * claims and conversation references every turn writes).
 * FUZZ_RUNS sets the number of cases per property (default 400 over HTTP).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { parseAction } from '../../src/bot/cards/actions';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { postJson, startTeamsHarness, textOf, type TeamsHarness, type TeamsUser } from '../support/teams-harness';
import { changedKeys, snapshotKeys } from '../reliability/support';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
jest.setTimeout(120_000);

const DAY = '2026-12-09';
const at = (hhmm: string) => localDateTime(DAY, hhmm);
const flow = { forStaffId: 'jonas-becker', serviceId: 'kfz', channel: 'phone' };
const held = {
  ...flow,
  start: at('09:00'),
  holdToken: 'hold_0123456789abcdef',
  clientKey: 'ck_0123456789abcdef',
  holdExpiresAt: at('09:00'),
};
const citizen = {
  citizenName: 'Fuzz Test',
  citizenEmail: 'fuzz@example.org',
  citizenPhone: '0511 1234',
  citizenLanguage: 'de',
};

/** One plausible submission per verb (cards/actions.ts); the fuzzer mutates these. */
const SEEDS: Record<string, unknown>[] = [
  { verb: 'book.start' },
  { verb: 'book.service', forStaffId: 'jonas-becker', serviceId: 'kfz' },
  { verb: 'book.channel', ...flow },
  { verb: 'book.slots', ...flow, day: DAY },
  { verb: 'book.hold', ...flow, start: at('09:00') },
  { verb: 'book.details', ...held, ...citizen },
  { verb: 'book.confirm', ...held, ...citizen },
  { verb: 'book.edit', ...held, ...citizen },
  { verb: 'book.abort', holdToken: 'hold_0123456789abcdef' },
  { verb: 'book.retryMeeting', appointmentId: 'appt_0123456789' },
  { verb: 'agenda.show', range: { kind: 'week', offsetWeeks: 0 } },
  { verb: 'appt.reschedule', appointmentId: 'appt_0123456789', sequence: 0 },
  { verb: 'appt.move', appointmentId: 'appt_0123456789', sequence: 0, start: at('10:00') },
  { verb: 'appt.cancelAsk', appointmentId: 'appt_0123456789', sequence: 0 },
  { verb: 'appt.cancel', appointmentId: 'appt_0123456789', sequence: 0, reason: 'other' },
  { verb: 'appt.outcome', appointmentId: 'appt_0123456789', sequence: 0, outcome: 'completed' },
  { verb: 'absence.form' },
  { verb: 'absence.submit', kind: 'sick', from: DAY, to: DAY },
  { verb: 'command', text: 'hilfe' },
  { verb: 'outage.form' },
  { verb: 'summary.show' },
];
const FIELDS = [...new Set(SEEDS.flatMap((s) => Object.keys(s)))];
const VERBS = SEEDS.map((s) => String(s.verb));

const weird = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    null,
    '',
    ' ',
    -1,
    0,
    1e308,
    '9999-99-99',
    '2026-02-30',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '{{$root}}',
    '${citizenName}',
    'Erika \ud800',
    '\u202eakirE\u0000\u009b',
    'a'.repeat(5000),
    '__proto__',
    { __proto__: { admin: true } },
    [],
    {},
  ),
  fc.constantFrom(...VERBS, 'book.*', 'appt.', '', 'BOOK.CONFIRM'),
);

type Op = { kind: 'drop' | 'set' | 'verb'; field: string; value: unknown };
const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('drop', 'set', 'set', 'verb'),
  field: fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })),
  value: weird,
});

const submission: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  // A seed with a few mutations.
  fc.tuple(fc.constantFrom(...SEEDS), fc.array(op, { minLength: 1, maxLength: 4 })).map(([seed, ops]) => {
    const data: Record<string, unknown> = { ...seed };
    for (const o of ops) {
      if (o.kind === 'drop') delete data[o.field];
      else if (o.kind === 'verb') data.verb = o.value;
      else data[o.field] = o.value;
    }
    return data;
  }),
  // Anything at all.
  fc.dictionary(fc.string({ maxLength: 12 }), weird, { maxKeys: 8 }),
);

describe('fuzzing the bot over HTTP', () => {
  let h: TeamsHarness;
  let users: TeamsUser[];
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => rejections.push(e);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    h = await startTeamsHarness({
      label: 'fuzz-bot',
      clock: new ManualClock(localDateTime('2026-12-08', '07:30')),
      outboxWorker: false,
    });
    users = [h.user('jonas-becker'), h.user('peter-klein'), h.user('anna-schulz'), h.stranger()];
  });
  afterAll(async () => {
    await h.close();
    process.off('unhandledRejection', onRejection);
  });
  afterEach(() => {
    expect(rejections).toEqual([]);
  });

  it('answers every mutated or random card submission, and writes nothing for one that does not parse', async () => {
    await fc.assert(
      fc.asyncProperty(submission, fc.nat(users.length - 1), fc.boolean(), async (data, u, asExecute) => {
        const user = users[u]!;
        const before = await snapshotKeys(h.redis);
        let answered: string;
        if (asExecute) {
          const { verb, ...rest } = data;
          const res = await h.send(
            h.activity(user, {
              type: 'invoke',
              name: 'adaptiveCard/action',
              value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data: rest }, trigger: 'manual' },
            }),
          );
          expect(res.status).toBe(200);
          const body = res.body as { statusCode?: number; type?: string; value?: unknown };
          expect(body.statusCode).toBe(200);
          expect(['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.activity.message']).toContain(
            body.type,
          );
          answered = typeof body.value === 'string' ? body.value : JSON.stringify(body.value);
          // What the bot parses: the invoke's data with the verb (bot/teams-bot.ts).
          data = { ...(rest as Record<string, unknown>), verb };
        } else {
          const res = await h.send(h.activity(user, { type: 'message', value: data }));
          expect(res.status).toBe(200);
          answered = res.replies.map(textOf).join('\n');
        }
        expect(answered.trim().length).toBeGreaterThan(0);
        if (!parseAction(data).ok) expect(changedKeys(before, await snapshotKeys(h.redis))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers every random message text with a readable reply and writes nothing', async () => {
    const words = fc.constantFrom(
      'termin',
      'buchen',
      'meine',
      'termine',
      'hilfe',
      'abwesend',
      'krank',
      'morgen',
      'übersicht',
      'absagen',
      '<at>Sprechstunde</at>',
      '@bot',
      '\u0000',
      '\u202e',
      '\ud800',
      '\udfff',
      '\u0085',
      '\u2066',
      'e\u0301',
      '😀',
      'ß',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.array(words, { maxLength: 6 }).map((w) => w.join(' ')),
    );
    await fc.assert(
      fc.asyncProperty(text, fc.nat(users.length - 1), async (t, u) => {
        const before = await snapshotKeys(h.redis);
        const res = await h.send(h.activity(users[u]!, { type: 'message', text: t, textFormat: 'plain' }));
        expect(res.status).toBe(200);
        expect(res.replies.map(textOf).join('').trim().length).toBeGreaterThan(0);
        expect(changedKeys(before, await snapshotKeys(h.redis))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers random bodies on /api/messages with a status below 500, writes nothing and keeps serving', async () => {
    const activityLike = fc.record(
      {
        type: fc.oneof(
          fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'typing', 'event'),
          weird,
        ),
        id: weird,
        text: weird,
        value: weird,
        from: weird,
        conversation: weird,
        channelData: weird,
        serviceUrl: weird,
        name: weird,
        channelId: weird,
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.json({ maxDepth: 4 }),
      activityLike.map((a) => JSON.stringify(a)),
      fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (raw, type) => {
          const before = await snapshotKeys(h.redis);
          const res = await postJson(`${h.baseUrl}/api/messages`, raw, { 'content-type': type });
          expect(res.status).toBeLessThan(500);
          expect(changedKeys(before, await snapshotKeys(h.redis))).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
    // Still healthy and still answering a real turn.
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    expect((await h.say('hilfe')).length).toBeGreaterThan(0);
  });
});
