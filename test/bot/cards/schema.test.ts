/**
 * Every card the bot sends, validated against the official Adaptive Cards 1.5 schema
 * (test/schemas/adaptive-card-1.5.json, vendored from microsoft/AdaptiveCards schemas/1.5.0), with
 * Teams' extensions allowed explicitly and nothing else: `msteams` on the card ({ width: 'Full' })
 * and Teams' chart elements (Chart.*), each of which must carry a schema-valid fallback.
 * The cards are collected from real conversations over HTTP (booking, agenda, absence, summary,
 * outage, help) in German and English, plus the builders' larger variants.
 */
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';
import officialSchema from '../../schemas/adaptive-card-1.5.json';
import { agendaCard, type AgendaItem } from '../../../src/bot/cards/agenda-cards';
import { renderSummaryCard } from '../../../src/bot/cards/summary-card';
import { callCard } from '../../../src/bot/cards/call-cards';
import { computeSummary } from '../../../src/domain/summary';
import { ManualClock } from '../../../src/domain/clock';
import { localDateTime } from '../../../src/domain/time';
import { cardOf, startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';
import { bookThroughCards, command, invokeCard, press } from '../flows/support';
import { summaryInput } from '../../support/summary-fixture';

jest.setTimeout(120_000);

const CHART_TYPES = [
  'Chart.Donut',
  'Chart.Pie',
  'Chart.VerticalBar',
  'Chart.VerticalBar.Grouped',
  'Chart.HorizontalBar',
  'Chart.HorizontalBar.Stacked',
  'Chart.Line',
  'Chart.Gauge',
];

/** The official schema plus exactly Teams' extensions. */
function teamsSchema(): Record<string, unknown> {
  const s = structuredClone(officialSchema) as unknown as {
    definitions: Record<string, { properties?: Record<string, unknown>; anyOf?: unknown[] }>;
  };
  // draft-06 names the schema's id `$id`; the file still uses draft-04's `id`, which Ajv refuses.
  const raw = s as unknown as Record<string, unknown>;
  raw.$id = raw.id;
  delete raw.id;
  s.definitions.AdaptiveCard!.properties!.msteams = {
    type: 'object',
    properties: { width: { enum: ['Full'] } },
    additionalProperties: false,
  };
  s.definitions['Teams.Chart'] = {
    type: 'object',
    required: ['type', 'data', 'fallback'],
    properties: {
      type: { enum: CHART_TYPES },
      title: { type: 'string' },
      data: { type: 'array' },
      fallback: { $ref: '#/definitions/ImplementationsOf.Element' },
    },
  } as never;
  s.definitions['ImplementationsOf.Element']!.anyOf!.push({
    required: ['type'],
    allOf: [{ $ref: '#/definitions/Teams.Chart' }],
  });
  return raw;
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(draft6);
addFormats(ajv);
const validate = ajv.compile(teamsSchema());

/** The most specific errors (anyOf branches produce many; the deepest paths say what is wrong). */
function explain(errors: ErrorObject[] | null | undefined): string[] {
  const list = errors ?? [];
  const depth = Math.max(...list.map((e) => e.instancePath.split('/').length));
  return list.filter((e) => e.instancePath.split('/').length === depth).map((e) => `${e.instancePath} ${e.message}`);
}

function expectValid(name: string, card: unknown): void {
  const ok = validate(card);
  expect({ name, errors: ok ? [] : [...new Set(explain(validate.errors))].slice(0, 10) }).toEqual({ name, errors: [] });
}

describe('cards against the official Adaptive Cards 1.5 schema', () => {
  let h: TeamsHarness;
  const cards: [string, unknown][] = [];
  const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'card-schema', clock, outboxWorker: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('accepts the official schema itself and refuses what it must (an unknown element, a chart without fallback)', () => {
    expect(validate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x' }] })).toBe(true);
    expect(validate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] })).toBe(false);
    expect(validate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Chart.Donut', data: [] }] })).toBe(false);
    expect(validate({ type: 'AdaptiveCard', version: '1.5', body: [], msteams: { width: 'Half' } })).toBe(false);
  });

  it('validates every card of real conversations in German and English', async () => {
    for (const locale of ['de-DE', 'en-US']) {
      const jonas = h.user();
      const anna = h.user('anna-schulz');
      const say = async (text: string, user = jonas) => {
        for (const r of await h.say(text, user, { locale })) {
          const c = cardOf(r);
          if (c) cards.push([`${locale} "${text}"`, c]);
        }
      };
      await say('hilfe');
      await say('hilfe', anna);
      const { confirmation, details } = await bookThroughCards(h, { serviceId: 'kfz', channel: 'phone' });
      cards.push([`${locale} details`, details], [`${locale} confirmation`, confirmation]);
      await say('meine termine');
      await say('meine termine woche');
      const agenda = await command(h, 'meine termine woche');
      cards.push([`${locale} cancel ask`, await press(h, agenda, 'appt.cancelAsk')]);
      await say('abwesend');
      await say('tagesübersicht', anna);
      await say('ausfall', anna);
      const start = await h.invoke({ verb: 'book.start', data: {} }, jonas, { locale });
      cards.push([`${locale} book.start`, invokeCard(start.body)]);
    }
    expect(cards.length).toBeGreaterThan(15);
    for (const [name, card] of cards) expectValid(name, card);
    // A required input says what is missing (the client shows errorMessage; without one it shows nothing useful).
    const required: { name: string; id: unknown; errorMessage: unknown }[] = [];
    const walk = (name: string, n: unknown): void => {
      if (Array.isArray(n)) n.forEach((x) => walk(name, x));
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (o.isRequired === true) required.push({ name, id: o.id, errorMessage: o.errorMessage });
        Object.values(o).forEach((x) => walk(name, x));
      }
    };
    for (const [name, card] of cards) walk(name, card);
    expect(required.length).toBeGreaterThan(0);
    for (const r of required)
      expect({ ...r, hasErrorMessage: typeof r.errorMessage === 'string' && r.errorMessage.trim().length > 0 }).toEqual(
        {
          ...r,
          hasErrorMessage: true,
        },
      );
  });

  it('validates the large variants: a paged week, summaries for a group chat and with open problems', () => {
    const item: AgendaItem = {
      id: 'appt_1',
      sequence: 0,
      start: localDateTime('2026-12-01', '08:00'),
      end: localDateTime('2026-12-01', '08:15'),
      channel: 'video',
      status: 'booked',
      serviceName: 'Auskunft',
      citizenName: 'Erika Mustermann',
      meetingUrl: 'https://meet.example/x',
    };
    const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map((date) => ({
      date,
      items: Array.from({ length: 40 }, (_, i) => ({ ...item, id: `appt_${date}_${i}`, note: 'x'.repeat(100) })),
    }));
    expectValid(
      'paged week',
      agendaCard({
        lang: 'de',
        rangeLabel: 'Woche',
        range: { kind: 'week', offsetWeeks: 0 },
        staffName: 'Jonas',
        self: true,
        days,
        now: item.start,
        today: '2026-11-30',
      }),
    );
    for (const lang of ['de', 'en'] as const)
      expectValid(
        `call card ${lang}`,
        callCard(
          {
            lang,
            appointmentId: 'appt_1',
            sequence: 1,
            tries: 2,
            lastTryAt: item.start,
            event: 'changed',
            cause: 'sms-failed',
            citizenName: 'Ilse Ohnenetz',
            citizenPhone: '05137 12345',
            start: item.start,
            channel: 'phone',
            serviceName: 'Auskunft',
            previousStart: item.start - 86_400_000,
            reference: 'T-4K7Q',
          },
          'notice',
        ),
      );
    const summary = computeSummary(summaryInput());
    for (const lang of ['de', 'en'] as const) {
      expectValid(`summary ${lang}`, renderSummaryCard(summary, lang));
      expectValid(`shared summary ${lang}`, renderSummaryCard(summary, lang, { shared: true }));
      expectValid(
        `summary with open alerts ${lang}`,
        renderSummaryCard(
          {
            ...summary,
            problems: {
              ...summary.problems,
              openCalls: { calls: 3, staff: 2 },
              ignoredReplies: 4,
              undeliveredAlerts: [
                {
                  id: 'absence-alert:x',
                  text: { de: 'Jonas Becker hat eine Abwesenheit gemeldet', en: 'Jonas Becker reported an absence' },
                  at: item.start,
                },
              ],
            },
          },
          lang,
        ),
      );
    }
  });
});
