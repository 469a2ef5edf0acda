/**
 * Renders the staff cards with sample data through the real `adaptivecards` renderer in headless
 * Chromium, at phone width, to docs/cards/*.png, and writes each card's JSON to cards/*.json (paste
 * into https://adaptivecards.microsoft.com/designer to inspect one).
 *
 *   tsx scripts/render-cards.ts            (needs /usr/bin/chromium: apt-get install -y chromium)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as AdaptiveCardsLib from 'adaptivecards';
import { chromium } from 'playwright-core';
import { cardBytes } from '../src/bot/cards/ac';
import { cardFileText, sampleCards } from './sample-cards';

/** The part of the browser's document the page script uses (the project compiles without the DOM lib). */
interface PageDocument {
  getElementById(id: string): { innerHTML: string; appendChild(child: unknown): unknown } | null;
}

const root = resolve(__dirname, '..');

/** Teams-like host config: Segoe-ish font, Teams purple accent, compact spacing. */
const hostConfig = {
  fontFamily: "'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  actions: {
    maxActions: 6,
    buttonSpacing: 8,
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    showCard: { actionMode: 'inline', inlineTopMargin: 8 },
  },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#5B5FC7' },
        attention: { default: '#C4314B', subtle: '#C4314B' },
        good: { default: '#237B4B', subtle: '#237B4B' },
        warning: { default: '#835C00', subtle: '#835C00' },
      },
    },
    emphasis: { backgroundColor: '#F5F5F5' },
    good: { backgroundColor: '#E7F2DA' },
    attention: { backgroundColor: '#FCF4F6' },
    warning: { backgroundColor: '#FBF6D9' },
  },
};

async function main(): Promise<void> {
  const outDir = join(root, 'docs/cards');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(join(root, 'cards'), { recursive: true });
  const lib = readFileSync(join(root, 'node_modules/adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const css = readFileSync(join(root, 'node_modules/adaptivecards/dist/adaptivecards.css'), 'utf8');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 420, height: 800 },
      deviceScaleFactor: 2,
      locale: 'de-DE',
    });
    await page.setContent(`<html><head><style>${css} body{margin:0;background:#EBEBEB;font-family:'Segoe UI','Noto Sans','DejaVu Sans',sans-serif} #host{margin:12px;border-radius:8px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.2);background:#fff}
      .ac-pushButton{border:1px solid #D1D1D1;border-radius:4px;background:#fff;padding:6px 12px;font-weight:600;color:#242424;min-height:32px} .ac-pushButton.style-positive{background:#5B5FC7;color:#fff;border-color:#5B5FC7} .ac-pushButton.style-destructive{background:#fff;color:#C4314B;border-color:#C4314B}
      .ac-input{font-size:14px;padding:6px;border:1px solid #D1D1D1;border-radius:4px}</style></head><body><div id="host"></div></body></html>`);
    await page.addScriptTag({ content: lib });
    for (const [name, c] of Object.entries(sampleCards)) {
      writeFileSync(join(root, 'cards', `${name}.json`), cardFileText(c));
      const warnings = await page.evaluate(
        ({ card, host }) => {
          // Runs in the browser page: the library's own types, and the little of the DOM used here.
          const g = globalThis as unknown as { AdaptiveCards: typeof AdaptiveCardsLib; document: PageDocument };
          const AC = g.AdaptiveCards;
          const ac = new AC.AdaptiveCard();
          ac.hostConfig = new AC.HostConfig(host);
          const errors: string[] = [];
          ac.parse(card, new AC.SerializationContext());
          const el: unknown = ac.render();
          const hostEl = g.document.getElementById('host');
          if (hostEl) {
            hostEl.innerHTML = '';
            hostEl.appendChild(el);
          }
          const validation = ac.validateProperties();
          for (const e of validation.validationEvents) errors.push(e.message);
          return errors;
        },
        { card: c, host: hostConfig },
      );
      // Show the agenda with one appointment opened, as a staff member sees it after a tap.
      if (name === '7-agenda') await page.locator('.ac-columnSet').nth(1).click();
      await page.locator('#host').screenshot({ path: join(outDir, `${name}.png`) });
      console.log(
        `${name}: ${cardBytes(c)} bytes${warnings.length ? `, renderer warnings: ${JSON.stringify(warnings)}` : ''}`,
      );
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
