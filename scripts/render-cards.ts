/**
 * Renders the sample cards through the real `adaptivecards` renderer in headless Chromium at phone
 * width (360 px), in Teams' light and dark theme, to docs/cards/<name>.png and <name>-dark.png, and
 * writes each card's JSON to cards/*.json (paste into https://adaptivecards.microsoft.com/designer to
 * inspect one). Lists whatever is cut off or reaches past the card's edge, and fails if anything is.
 *
 *   tsx scripts/render-cards.ts            (needs /usr/bin/chromium: apt-get install -y chromium)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cardBytes } from '../src/bot/cards/ac';
import { CardRenderer } from './card-renderer';
import { OPENED } from './render-cards-config';
import { cardFileText, sampleCards } from './sample-cards';

const root = resolve(__dirname, '..');

async function main(): Promise<void> {
  const outDir = join(root, 'docs/cards');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(join(root, 'cards'), { recursive: true });
  const renderer = await CardRenderer.start();
  let problems = 0;
  try {
    for (const [name, c] of Object.entries(sampleCards)) {
      writeFileSync(join(root, 'cards', `${name}.json`), cardFileText(c));
      for (const theme of ['light', 'dark'] as const) {
        const file = join(outDir, `${name}${theme === 'dark' ? '-dark' : ''}.png`);
        const { overflows, warnings } = await renderer.render(c, { theme, screenshot: file, open: OPENED[name] });
        problems += overflows.length;
        if (theme === 'light')
          console.log(
            `${name}: ${cardBytes(c)} bytes${warnings.length ? `, renderer warnings: ${JSON.stringify(warnings)}` : ''}`,
          );
        for (const o of overflows) console.log(`  ${theme}: ${o}`);
      }
    }
  } finally {
    await renderer.close();
  }
  if (problems > 0) {
    console.error(`${problems} element(s) do not fit at phone width`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
