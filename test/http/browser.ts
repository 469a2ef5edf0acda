/**
 * Headless Chromium (Debian's `chromium`, driven by playwright-core) with axe-core, for the citizen
 * pages' accessibility tests: one browser per test file, a fresh context per page.
 */
import { existsSync } from 'node:fs';
import { source as axeSource } from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** WCAG 2.1 A and AA (what BITV 2.0 requires), plus axe's best practices (landmarks, one h1 …). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The accessibility tests need Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run installs it when missing)`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * A page with axe-core in every document it opens (the CSP is bypassed: the citizen pages allow no scripts).
 * `colorScheme` emulates the reader's light or dark setting.
 */
export async function newPage(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ bypassCSP: true, colorScheme, javaScriptEnabled: true });
  // Into every document the context opens, before it loads (much faster than a script tag per page).
  await context.addInitScript({ content: axeSource });
  return { context, page: await context.newPage() };
}

/** The violations axe-core finds on the page as it is now, in a readable form for a failing expectation. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await page.evaluate((tags) => {
    // Runs in the page (no DOM types in this project's compiler settings).
    const g = globalThis as unknown as { axe: { run(c: unknown, o: object): Promise<AxeResults> }; document: unknown };
    return g.axe.run(g.document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, WCAG_TAGS);
  return results.violations.map(
    (v: Result) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}
