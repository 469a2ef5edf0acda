/**
 * Accessibility of every citizen page (WCAG 2.1 AA / BITV 2.0), proven in a real browser: axe-core in
 * headless Chromium finds no violation on any page, German and English, served over real HTTP or
 * rendered by the page builders; and the reschedule page works with the keyboard alone (Tab to a
 * time, Enter or Space moves the appointment), with a visible focus and without horizontal
 * scrolling at 320 px. One browser for the whole file.
 */
process.env.TZ = 'UTC';

import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { StoreCitizenCanceller } from '../../src/app/citizen-cancel';
import { CitizenLinks } from '../../src/app/citizen-links';
import { StoreCitizenRescheduler } from '../../src/app/citizen-reschedule';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import type { Language } from '../../src/domain/types';
import { pageHtml, pages, type Page as CitizenPage } from '../../src/http/citizen-pages';
import { registerCitizenRoutes } from '../../src/http/citizen-routes';
import { accessibilityPage, privacyPage, registerLegalPages } from '../../src/http/legal-pages';
import { createHttpServer } from '../../src/http/server';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { formatTime } from '../../src/i18n/dates';
import { appointmentValue, exampleDirectory } from '../invitations/fixtures';
import { book } from '../delivery/book';
import { testRedis } from '../support/redis';
import { axeViolations, launchChromium, newPage } from './browser';

const directory = exampleDirectory();
const logger = pino({ level: 'silent' });
const LANGUAGES: Language[] = ['de', 'en'];

describe('citizen pages in a real browser (axe-core, keyboard only)', () => {
  const t = testRedis('a11y');
  // Monday of a week in which team A (Anna Schulz) works.
  const clock = new ManualClock(localDateTime('2026-05-11', '07:00'));
  const store = new AppointmentStore(t.redis, clock);
  const links = new CitizenLinks('a'.repeat(40), 'http://localhost');
  const absences = new AbsenceStore(t.redis);
  const http = createHttpServer({
    bot: { handle: () => Promise.resolve() },
    redis: t.redis,
    logger,
    routes: [
      (server) =>
        registerCitizenRoutes(server, {
          redis: t.redis,
          appointments: store,
          directory,
          links,
          clock,
          logger,
          canceller: new StoreCitizenCanceller(store, clock),
          rescheduler: new StoreCitizenRescheduler({ directory, clock, store, absences, maxMoves: 2 }),
          rateLimit: { max: 10_000, windowMs: 60_000 },
        }),
      (server) => registerLegalPages(server, { directory, retentionDays: 30 }),
    ],
  });
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    browser = await launchChromium();
    ({ context, page } = await newPage(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await http.shutdown();
    await t.cleanup();
  });

  /** Opens a URL of the app and returns axe's violations there. */
  async function violationsAt(path: string): Promise<string[]> {
    const res = await page.goto(base + path);
    expect(res).not.toBeNull();
    return axeViolations(page);
  }

  it('the check itself finds violations (a page without language, title, landmarks or alt text)', async () => {
    await page.setContent('<html><body><img src="x.png"><p style="color:#bbb">grau</p></body></html>');
    expect((await axeViolations(page)).map((v) => v.split(' ')[0])).toEqual(
      expect.arrayContaining(['html-has-lang', 'document-title', 'image-alt', 'color-contrast']),
    );
  });

  it('served pages: cancel, reschedule with times, refusals, invalid link, privacy notice, accessibility statement — 0 violations', async () => {
    const a = await book(store, { start: localDateTime('2026-05-13', '10:00'), channel: 'phone' });
    const soon = await book(store, { start: localDateTime('2026-05-11', '07:20'), channel: 'in-person' });
    const token = links.token(a.id);
    const paths = [
      `/c/${token}`,
      `/c/${token}/reschedule`,
      `/c/${links.token(soon.id)}/reschedule`,
      `/c/${a.id}.${'A'.repeat(43)}`,
      '/datenschutz',
      '/barrierefreiheit',
    ];
    const found: Record<string, string[]> = {};
    for (const path of paths)
      for (const lang of LANGUAGES) {
        const url = `${path}?lang=${lang}`;
        const v = await violationsAt(url);
        if (v.length > 0) found[url] = v;
      }
    expect(found).toEqual({});
  });

  it('every page the builders make (done, refusals, errors), in German and English — 0 violations', async () => {
    const a = appointmentValue({ start: localDateTime('2026-05-13', '10:00'), channel: 'in-person' });
    const before = { ...a, start: a.start - 86_400_000, end: a.end - 86_400_000 };
    const slot = (staffId: string, hhmm: string) => {
      const start = localDateTime('2026-05-14', hhmm);
      return { staffId, start, end: start + 15 * 60_000 };
    };
    const form = { action: '/c/x/reschedule', token: 'x', sequence: 0 };
    const built = (lang: Language): Record<string, CitizenPage> => ({
      confirm: pages.confirm(a, directory, lang, '/c/x/cancel', '/c/x/reschedule'),
      cancelled: pages.cancelled(a, directory, lang),
      reschedule: pages.reschedule(
        a,
        directory,
        lang,
        { sameStaff: [slot('anna-schulz', '09:00')], pool: [slot('jonas-becker', '09:30')] },
        form,
        '/c/x',
      ),
      rescheduleNone: pages.reschedule(a, directory, lang, { sameStaff: [], pool: [] }, form, '/c/x'),
      rescheduled: pages.rescheduled(a, directory, lang, before),
      tooShortNotice: pages.cannotReschedule('too-short-notice', directory, lang, 2),
      moveLimit: pages.cannotReschedule('move-limit', directory, lang, 2),
      noOnlineMoves: pages.cannotReschedule('move-limit', directory, lang, 0),
      slotTaken: pages.rescheduleConflict('slot-taken', lang, '/c/x/reschedule'),
      changed: pages.rescheduleConflict('changed', lang, '/c/x/reschedule'),
      badRequest: pages.badRequest(directory, lang),
      forbidden: pages.forbidden(directory, lang),
      alreadyCancelled: pages.alreadyCancelled(directory, lang),
      over: pages.over(directory, lang),
      started: pages.started(directory, lang),
      invalid: pages.invalid(directory, lang),
      notFound: pages.notFound(directory, lang, '/c/x'),
      tooMany: pages.tooMany(lang),
      error: pages.error(lang),
      privacy: privacyPage(directory, lang, 30),
      accessibility: accessibilityPage(directory, lang, '2026-11-30'),
    });
    const found: Record<string, string[]> = {};
    for (const lang of LANGUAGES)
      for (const [name, p] of Object.entries(built(lang))) {
        await page.setContent(pageHtml(p, lang, { directory, switchTo: { href: '/other' } }));
        const v = await axeViolations(page);
        if (v.length > 0) found[`${name} (${lang})`] = v;
      }
    expect(found).toEqual({});
    // 44 pages through axe in one browser: on a loaded machine this takes more than jest's 30 s
  }, 120_000);

  /** What has the keyboard focus: tag, text and whether its focus indicator can be seen. */
  const focused = () =>
    page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { activeElement: { tagName: string; textContent: string | null } | null };
        getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string; boxShadow: string };
      };
      const el = g.document.activeElement;
      if (!el) return { tag: '', text: '', visible: false };
      const style = g.getComputedStyle(el);
      const visible =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
      return { tag: el.tagName.toLowerCase(), text: (el.textContent ?? '').trim(), visible };
    });

  /** Tabs from the top of the page to the n-th time button (0-based); every stop on the way shows its focus. */
  async function tabToTime(n: number): Promise<string> {
    let seen = -1;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      expect(f).toMatchObject({ visible: true });
      if (f.tag === 'button' && /\d\d:\d\d/.test(f.text) && ++seen === n) return f.text;
    }
    throw new Error('no time button reached with Tab');
  }

  it('keyboard only: Tab reaches every control in order with a visible focus; Enter or Space on a time moves the appointment', async () => {
    const a = await book(store, { start: localDateTime('2026-05-15', '10:00'), channel: 'phone' });
    await page.goto(`${base}/c/${links.token(a.id)}/reschedule`);

    // The whole tab order: the times, the cancel link, the language switch, then the footer's links.
    const order: { tag: string; text: string }[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      // Past the last control the focus leaves the page (the browser's own controls come next).
      if (f.tag === 'body' || order.some((o) => o.tag === f.tag && o.text === f.text)) break;
      expect(f.visible).toBe(true);
      order.push({ tag: f.tag, text: f.text });
    }
    const texts = order.map((o) => o.text);
    const times = order.filter((o) => o.tag === 'button');
    expect(times.length).toBeGreaterThan(1);
    expect(order.slice(0, times.length)).toEqual(times); // the times come first
    expect(texts).toEqual(
      expect.arrayContaining([
        'Termin stattdessen absagen',
        'English',
        'Datenschutzhinweise',
        'Erklärung zur Barrierefreiheit',
      ]),
    );

    // Enter on the first time.
    await page.goto(`${base}/c/${links.token(a.id)}/reschedule`);
    const chosen = await tabToTime(0);
    await Promise.all([page.waitForURL(/\/reschedule/), page.keyboard.press('Enter')]);
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Termin verschoben');
    const moved = (await store.get(a.id))!;
    expect(moved).toMatchObject({ sequence: 1, citizenMoves: 1 });
    // The time the keyboard chose is the time it moved to.
    expect(chosen).toContain(formatTime(moved.start));
    expect(moved.start).not.toBe(a.start);
    expect(await axeViolations(page)).toEqual([]);

    // Space on the second time of another appointment, in English.
    const b = await book(store, { start: localDateTime('2026-05-15', '11:00'), channel: 'phone' });
    await page.goto(`${base}/c/${links.token(b.id)}/reschedule?lang=en`);
    await tabToTime(1);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Space')]);
    expect(await page.locator('h1').textContent()).toBe('Appointment moved');
    expect(await store.get(b.id)).toMatchObject({ sequence: 1, citizenMoves: 1 });
  });

  it('reflows at 320 px (no horizontal scrolling) and stays usable at 200 % text size', async () => {
    const a = await book(store, { start: localDateTime('2026-05-15', '12:00'), channel: 'in-person' });
    await page.setViewportSize({ width: 320, height: 640 });
    try {
      for (const path of [`/c/${links.token(a.id)}/reschedule`, '/datenschutz', '/barrierefreiheit?lang=en']) {
        await page.goto(base + path);
        const widths = await page.evaluate(() => {
          const d = (
            globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
          ).document.documentElement;
          return { scroll: d.scrollWidth, client: d.clientWidth };
        });
        expect({ path, ...widths }).toEqual({ path, scroll: widths.client, client: widths.client });
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });
});
