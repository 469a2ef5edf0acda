/**
 * The sample cards rendered by the real Adaptive Cards renderer in headless Chromium at 360 px, light
 * and dark: no text or button is cut ("Bür…", "Weitere T…") and nothing reaches past the card's edge.
 * The PNGs of the same renders are in docs/cards (scripts/render-cards.ts).
 */
import { existsSync } from 'node:fs';
import { CardRenderer, CHROMIUM } from '../../../scripts/card-renderer';
import { NOT_YET_PHONE_READY, OPENED } from '../../../scripts/render-cards-config';
import { sampleCards } from '../../../scripts/sample-cards';

jest.setTimeout(60_000);

const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;

describeWithChromium('sample cards rendered at 360 px', () => {
  let renderer: CardRenderer;
  beforeAll(async () => {
    renderer = await CardRenderer.start();
  });
  afterAll(async () => {
    await renderer.close();
  });

  it('cut nothing, in the light and the dark theme', async () => {
    const found: Record<string, string[]> = {};
    for (const [name, card] of Object.entries(sampleCards)) {
      if (NOT_YET_PHONE_READY.includes(name)) continue;
      for (const theme of ['light', 'dark'] as const) {
        const { overflows } = await renderer.render(card, { theme, open: OPENED[name] });
        if (overflows.length) found[`${name} ${theme}`] = overflows;
      }
    }
    expect(found).toEqual({});
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
