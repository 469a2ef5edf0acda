/**
 * Renders Adaptive Cards through the real `adaptivecards` renderer in headless Chromium, the way a
 * Teams phone shows them: 360 px wide, light or dark theme. For every card it reports what does not
 * fit — a text or button cut off with an ellipsis, or anything reaching past the card's edge — and
 * can take a screenshot. Used by scripts/render-cards.ts (PNGs in docs/cards) and by the phone-width
 * test (test/bot/cards/phone-width.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as AdaptiveCardsLib from 'adaptivecards';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** A common phone's CSS width; the card fills it minus Teams' chat margins. */
export const PHONE_WIDTH = 360;
const MARGIN = 8;

export type Theme = 'light' | 'dark';

const root = resolve(__dirname, '..');

type Colors = Record<'default' | 'accent' | 'attention' | 'good' | 'warning', string>;

/** Teams-like host config: Segoe-ish font, Teams purple accent, Teams' spacing and its light/dark palettes. */
function hostConfig(theme: Theme): Record<string, unknown> {
  const light = theme === 'light';
  const fg: Colors = light
    ? { default: '#242424', accent: '#5B5FC7', attention: '#C4314B', good: '#237B4B', warning: '#835C00' }
    : { default: '#FFFFFF', accent: '#7F85F5', attention: '#F9526B', good: '#92C353', warning: '#F8D22A' };
  const subtle = light ? '#616161' : '#ADADAD';
  const foregroundColors = Object.fromEntries(
    Object.entries(fg).map(([k, v]) => [k, { default: v, subtle: k === 'default' ? subtle : v }]),
  );
  const bg = light
    ? {
        default: '#FFFFFF',
        emphasis: '#F5F5F5',
        accent: '#5B5FC7',
        good: '#E7F2DA',
        attention: '#FCF4F6',
        warning: '#FBF6D9',
      }
    : {
        default: '#292929',
        emphasis: '#1F1F1F',
        accent: '#7F85F5',
        good: '#0D2E0D',
        attention: '#3E1F25',
        warning: '#463100',
      };
  return {
    fontFamily: "'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif",
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 8 },
    actions: {
      maxActions: 6,
      buttonSpacing: 8,
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      showCard: { actionMode: 'inline', inlineTopMargin: 8 },
    },
    containerStyles: Object.fromEntries(
      Object.entries(bg).map(([style, backgroundColor]) => [style, { backgroundColor, foregroundColors }]),
    ),
  };
}

function pageHtml(theme: Theme, css: string): string {
  const light = theme === 'light';
  const page = light ? '#EBEBEB' : '#1F1F1F';
  const card = light ? '#FFFFFF' : '#292929';
  const button = light
    ? 'border:1px solid #D1D1D1;background:#fff;color:#242424'
    : 'border:1px solid #666;background:#292929;color:#fff';
  const input = light
    ? 'border:1px solid #D1D1D1;background:#fff;color:#242424'
    : 'border:1px solid #666;background:#1F1F1F;color:#fff';
  return `<html><head><style>${css}
    body{margin:0;background:${page};font-family:'Segoe UI','Noto Sans','DejaVu Sans',sans-serif}
    #host{margin:${MARGIN}px;border-radius:8px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.2);background:${card}}
    .ac-pushButton{${button};border-radius:4px;padding:6px 12px;font-weight:600;min-height:32px}
    .ac-pushButton.style-positive{background:#5B5FC7;color:#fff;border-color:#5B5FC7}
    .ac-pushButton.style-destructive{background:${card};color:${light ? '#C4314B' : '#F9526B'};border-color:${light ? '#C4314B' : '#F9526B'}}
    .ac-input{font-size:14px;padding:6px;${input};border-radius:4px}
  </style></head><body><div id="host"></div></body></html>`;
}

/** What does not fit on a card at the rendered width. */
export interface RenderResult {
  /** Texts and buttons cut off (ellipsis) or reaching past the card's right edge. */
  overflows: string[];
  /** The renderer's own validation messages. */
  warnings: string[];
}

export class CardRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly pages: Map<Theme, Page>,
  ) {}

  static async start(width = PHONE_WIDTH): Promise<CardRenderer> {
    const lib = readFileSync(join(root, 'node_modules/adaptivecards/dist/adaptivecards.min.js'), 'utf8');
    const css = readFileSync(join(root, 'node_modules/adaptivecards/dist/adaptivecards.css'), 'utf8');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
    });
    const pages = new Map<Theme, Page>();
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, deviceScaleFactor: 2, locale: 'de-DE' });
      await page.setContent(pageHtml(theme, css));
      await page.addScriptTag({ content: lib });
      pages.set(theme, page);
    }
    return new CardRenderer(browser, pages);
  }

  /** Renders `card`; `open` clicks the n-th ColumnSet first (an agenda entry opened by a tap). */
  async render(card: unknown, opts: { theme?: Theme; screenshot?: string; open?: number } = {}): Promise<RenderResult> {
    const page = this.pages.get(opts.theme ?? 'light')!;
    const warnings = await page.evaluate(
      ({ card, host }) => {
        // Runs in the browser page: the library's own types, and the little of the DOM used here.
        const g = globalThis as unknown as { AdaptiveCards: typeof AdaptiveCardsLib; document: PageDocument };
        const AC = g.AdaptiveCards;
        const ac = new AC.AdaptiveCard();
        ac.hostConfig = new AC.HostConfig(host);
        ac.parse(card, new AC.SerializationContext());
        const el: unknown = ac.render();
        const hostEl = g.document.getElementById('host');
        if (hostEl) {
          hostEl.innerHTML = '';
          hostEl.appendChild(el);
        }
        return ac.validateProperties().validationEvents.map((e) => e.message);
      },
      { card, host: hostConfig(opts.theme ?? 'light') },
    );
    if (opts.open !== undefined) await page.locator('.ac-columnSet').nth(opts.open).click();
    const overflows = await page.evaluate(() => {
      const g = globalThis as unknown as { document: PageDocument };
      const host = g.document.getElementById('host')!;
      const right = host.getBoundingClientRect().right;
      const out: string[] = [];
      for (const el of host.querySelectorAll(
        '.ac-textBlock, .ac-richTextBlock, .ac-pushButton, .ac-pushButton > div, .ac-fact-title, .ac-fact-value, p, span',
      )) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue; // hidden (a collapsed detail)
        const cut = el.scrollWidth > el.clientWidth + 1;
        const past = r.right > right + 0.5;
        if (cut || past) out.push(`${cut ? 'cut' : 'past the edge'}: ${(el.textContent ?? '').trim().slice(0, 60)}`);
      }
      return [...new Set(out)];
    });
    if (opts.screenshot) await page.locator('#host').screenshot({ path: opts.screenshot });
    return { overflows, warnings };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** The part of the browser's document the page scripts use (the project compiles without the DOM lib). */
interface PageElement {
  innerHTML: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  appendChild(child: unknown): unknown;
  getBoundingClientRect(): { right: number; width: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageDocument {
  getElementById(id: string): PageElement | null;
}
