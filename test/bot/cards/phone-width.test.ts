/**
 * The sample cards rendered by the real Adaptive Cards renderer in headless Chromium at 360 px, light
 * and dark: no text or button is cut ("Bür…", "Weitere T…") and nothing reaches past the card's edge.
 * The PNGs of the same renders are in docs/cards (scripts/render-cards.ts).
 */
import { existsSync } from 'node:fs';
import { CardRenderer, CHROMIUM } from '../../../scripts/card-renderer';
import { OPENED } from '../../../scripts/render-cards-config';
import { sampleCards } from '../../../scripts/sample-cards';
import { agendaCard } from '../../../src/bot/cards/agenda-cards';
import { localDateTime } from '../../../src/domain/time';

jest.setTimeout(60_000);

describe('sample cards rendered at 360 px', () => {
  let renderer: CardRenderer;
  beforeAll(async () => {
    // A missing browser fails the suite with what to do, rather than passing it unseen.
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    renderer = await CardRenderer.start();
  });
  afterAll(async () => {
    await renderer.close();
  });

  it('cut nothing, in the light and the dark theme', async () => {
    const found: Record<string, string[]> = {};
    for (const [name, card] of Object.entries(sampleCards)) {
      for (const theme of ['light', 'dark'] as const) {
        const { overflows } = await renderer.render(card, { theme, open: OPENED[name] });
        if (overflows.length) found[`${name} ${theme}`] = overflows;
      }
    }
    expect(found).toEqual({});
  });

  it('keeps an opened appointment with a long meeting link, e-mail address and name inside the card', async () => {
    const start = localDateTime('2026-12-01', '09:00');
    const card = agendaCard({
      lang: 'de',
      rangeLabel: 'Heute',
      range: { kind: 'today' },
      staffName: 'Jonas Becker',
      self: true,
      now: start - 1,
      today: '2026-12-01',
      days: [
        {
          date: '2026-12-01',
          items: [
            {
              id: 'a1',
              sequence: 0,
              start,
              end: start + 30 * 60_000,
              channel: 'video',
              status: 'booked',
              serviceName: 'Allgemeine Auskunft',
              citizenName: 'Erika Mustermann-Schnarrenberger',
              citizenEmail: 'erika.mustermann-schnarrenberger@beispiel-verwaltung.example.org',
              meetingUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${'N'.repeat(120)}%40thread.v2/0`,
              note: 'Unterlagen: Personalausweis, Meldebescheinigung, Vollmacht',
            },
          ],
        },
      ],
    });
    for (const theme of ['light', 'dark'] as const)
      expect((await renderer.render(card, { theme, open: 0 })).overflows).toEqual([]);
  });

  it('finds a cut button when there is one (a row of four long titles)', async () => {
    const title = 'Weitere Termine';
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x' }],
      actions: [1, 2, 3, 4].map((i) => ({ type: 'Action.Execute', title: `${title} ${i}`, verb: 'x' })),
    };
    const { overflows } = await renderer.render(card);
    expect(overflows.join('\n')).toContain('cut: Weitere');
  });
});
