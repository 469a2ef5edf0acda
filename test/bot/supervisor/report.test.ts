/**
 * "auswertung <Zeitraum>" in the bot, over real HTTP as Teams sends it: Anna (supervisor) gets the
 * report card with the headline figures and three links that work; Jonas (staff) a polite refusal;
 * a group chat an answer in the personal chat; a period that cannot be one its reason.
 */
import { request } from 'node:http';
import { ManualClock } from '../../../src/domain/clock';
import { localDateTime } from '../../../src/domain/time';
import type { AppointmentStore } from '../../../src/store/appointments';
import { book } from '../../delivery/book';
import { HARNESS_TENANT_ID, startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';

function status(url: string): Promise<{ status: number; disposition?: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ...(res.headers['content-disposition'] ? { disposition: res.headers['content-disposition'] } : {}),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

interface CardJson {
  body: { type: string; text?: string; items?: { text: string }[] }[];
  actions: { type: string; title: string; url: string }[];
}
const cardOf = (activity: { attachments?: { content?: unknown }[] } | undefined) =>
  activity?.attachments?.[0]?.content as CardJson | undefined;

describe('auswertung in the bot', () => {
  const clock = new ManualClock(localDateTime('2026-12-07', '09:00'));
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'bot-report', clock });
    const store = h.app.services.staff.appointments as AppointmentStore;
    await book(store, {
      start: localDateTime('2026-11-03', '09:00'),
      channel: 'in-person',
      staffId: 'jonas-becker',
      serviceId: 'ausweis',
    });
    await book(store, {
      start: localDateTime('2026-11-04', '10:00'),
      channel: 'video',
      staffId: 'katrin-hoffmann',
      serviceId: 'meldewesen',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  /** The app's own address for a link the card carries (PUBLIC_BASE_URL may name another port). */
  const local = (url: string) => h.baseUrl + new URL(url).pathname + new URL(url).search;

  it('gives Anna the card of her teams with the headline figures and three working links', async () => {
    const [reply] = await h.say('auswertung november', h.user('anna-schulz'));
    const card = cardOf(reply)!;
    const text = JSON.stringify(card.body);
    expect(text).toContain('Auswertung November 2026');
    expect(text).toContain('Bürgerbüro Team A, Bürgerbüro Team B');
    expect(text).toContain('Gebucht: 2');
    expect(card.actions.map((a) => [a.type, a.title])).toEqual([
      ['Action.OpenUrl', 'Bericht'],
      ['Action.OpenUrl', 'Excel'],
      ['Action.OpenUrl', 'CSV'],
    ]);
    const [page, xlsx, csv] = card.actions.map((a) => a.url);
    expect((await status(local(page!))).status).toBe(200);
    expect(await status(local(xlsx!))).toEqual({
      status: 200,
      disposition: 'attachment; filename="Sprechstunde-Auswertung-2026-11.xlsx"',
    });
    expect((await status(local(csv!))).disposition).toBe('attachment; filename="Sprechstunde-Auswertung-2026-11.csv"');
    // A day later the links are gone.
    clock.advance(24 * 3_600_000);
    try {
      expect((await status(local(page!))).status).toBe(410);
    } finally {
      clock.advance(-24 * 3_600_000);
    }
  });

  it('takes the last full month without a period, and "report" in English', async () => {
    const [de] = await h.say('Auswertung', h.user('anna-schulz'));
    expect(JSON.stringify(cardOf(de)!.body)).toContain('Auswertung November 2026');
    const [en] = await h.say('report last week', h.user('anna-schulz'), { locale: 'en-GB' });
    expect(JSON.stringify(cardOf(en)!.body)).toContain('Report Week 49/2026');
    expect(cardOf(en)!.actions[0]!.url).toMatch(/&lang=en$/);
  });

  it('refuses Jonas politely: reports are for supervisors', async () => {
    const [de] = await h.say('auswertung november', h.user('jonas-becker'));
    expect(de!.text).toBe(
      'Auswertungen stehen Teamleitungen zur Verfügung. Ihre eigenen Termine sehen Sie mit „Meine Termine“.',
    );
    const [en] = await h.say('report', h.user('jonas-becker'), { locale: 'en-US' });
    expect(en!.text).toBe('Reports are for supervisors. To see your own appointments, type “my appointments”.');
  });

  it('says why a period cannot be one', async () => {
    const say = async (text: string) => (await h.say(text, h.user('anna-schulz')))[0]!.text;
    expect(await say('auswertung 30.11.2026 bis 01.11.2026')).toBe(
      'Der Zeitraum endet (1. November 2026) vor seinem Beginn (30. November 2026). Bitte nennen Sie zuerst das frühere Datum.',
    );
    expect(await say('auswertung 01.01.2024 – 31.12.2026')).toBe(
      'Eine Auswertung umfasst höchstens 24 Monate. Bitte wählen Sie einen kürzeren Zeitraum.',
    );
    expect(await say('auswertung 2027')).toBe(
      'Der Zeitraum beginnt erst am 1. Januar 2027 – dafür gibt es noch keine Zahlen. Bitte wählen Sie einen Zeitraum, der schon begonnen hat.',
    );
    expect(await say('auswertung 31.02.2026')).toBe('Den 31.02.2026 gibt es nicht. Bitte prüfen Sie das Datum.');
    expect(await say('auswertung irgendwann')).toContain('„irgendwann“ verstehe ich nicht als Zeitraum.');
  });

  it('answers a request in a group chat in the personal chat (the links are the supervisor’s alone)', async () => {
    const GROUP = '19:group-chat-of-the-buergerbuero@thread.v2';
    const anna = h.user('anna-schulz');
    const a = h.activity(anna, { type: 'message', text: 'auswertung november' });
    a.conversation = { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: HARNESS_TENANT_ID, name: '' };
    const sent = h.connector.activities.length;
    await h.send(a);
    const after = h.connector.activities.slice(sent);
    const inGroup = after.filter((x) => x.conversationId === GROUP);
    expect(inGroup.some((x) => cardOf(x))).toBe(false);
    expect(inGroup.map((x) => x.text).join('\n')).toMatch(/persönlichen Chat/);
    const personal = after.filter((x) => x.conversationId === `a:personal-${anna.aadObjectId}`);
    expect(JSON.stringify(cardOf(personal[0])?.body)).toContain('Auswertung November 2026');
  });
});
