/**
 * The report page and its notices in a real browser (the citizen pages' setup: headless Chromium,
 * axe-core, WCAG 2.1 AA and best practices): 0 violations in German and English, for a month with
 * appointments and for a year (charts by month); no script runs on it; at 320 px the page itself
 * does not scroll sideways (wide tables scroll in their own region).
 */
process.env.TZ = 'UTC';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Report } from '../../src/app/build-report';
import type { AppointmentFacts } from '../../src/domain/appointment-facts';
import { computeFigures } from '../../src/domain/figures';
import { addDays, DAY, localDateTime, MINUTE } from '../../src/domain/time';
import type { Language } from '../../src/domain/types';
import { reportNoticeHtml, reportPageHtml } from '../../src/reports/page';
import { exampleDirectory } from '../support/summary-fixture';
import { axeViolations, launchChromium, newPage } from './browser';

const directory = exampleDirectory();
const staff = directory.staff;

/** A few appointments every working day of the range, round-robin over staff, channels and outcomes. */
function factsFor(from: string, days: number): AppointmentFacts[] {
  const out: AppointmentFacts[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(from, d);
    for (let i = 0; i < 4; i++) {
      const s = staff[(d + i) % staff.length]!;
      const start = localDateTime(day, `${String(9 + i).padStart(2, '0')}:00`);
      const n = d * 4 + i;
      out.push({
        id: `f${n}`,
        staffId: s.id,
        teamId: s.team,
        serviceIds: [s.services[0]!],
        channel: (['video', 'phone', 'in-person'] as const)[n % 3]!,
        start,
        end: start + 30 * MINUTE,
        blockStart: start,
        blockEnd: start + 30 * MINUTE,
        createdAt: start - (n % 9) * DAY,
        status: (['completed', 'no-show', 'booked', 'cancelled', 'completed'] as const)[n % 5]!,
        cancelledBy: n % 5 === 3 ? 'citizen' : null,
        cancelledAt: n % 5 === 3 ? start - DAY / 2 : null,
        moves: n % 7 === 0 ? 1 : 0,
        reachedBy: [n % 4 === 0 ? 'call' : 'email'],
      });
    }
  }
  return out;
}

function report(kind: 'month' | 'year', from: string, to: string, days: number): Report {
  const figures = computeFigures({
    directory,
    from,
    to,
    facts: factsFor(from, days),
    absences: [],
    now: localDateTime('2026-12-07', '09:00'),
  });
  return {
    range: { kind, from, to },
    teamIds: figures.teamIds,
    figures,
    generatedAt: localDateTime('2026-12-07', '09:00'),
    requester: { id: 'anna-schulz', name: 'Anna Schulz' },
  };
}

describe('the report page in a real browser (axe-core)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const links = { xlsx: '/a.xlsx', csv: '/a.csv', otherLanguage: '/a?lang=en' };

  beforeAll(async () => {
    browser = await launchChromium();
    ({ context, page } = await newPage(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  const pages: [string, (lang: Language) => string][] = [
    ['month', (lang) => reportPageHtml(report('month', '2026-11-01', '2026-11-30', 30), directory, lang, links)],
    ['year', (lang) => reportPageHtml(report('year', '2026-01-01', '2026-12-31', 340), directory, lang, links)],
    ['notice', (lang) => reportNoticeHtml(directory, lang, 'Link abgelaufen', 'Links gelten 24 Stunden.')],
  ];

  it.each(pages.flatMap(([name, html]) => (['de', 'en'] as const).map((lang) => [name, lang, html] as const)))(
    '%s (%s): 0 violations',
    async (_name, lang, html) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.setContent(html(lang));
      expect(await axeViolations(page)).toEqual([]);
    },
  );

  it('does not scroll sideways at 320 px: wide tables scroll in their own focusable region', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.setContent(pages[0]![1]('de'));
    const widths = await page.evaluate(() => {
      const d = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      return [d.scrollWidth, d.clientWidth];
    });
    expect(widths[0]).toBeLessThanOrEqual(widths[1]! + 1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
