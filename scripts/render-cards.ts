/**
 * Renders the staff cards with sample data through the real `adaptivecards` renderer in headless
 * Chromium, at phone width, to docs/cards/*.png, and writes each card's JSON to cards/*.json (paste
 * into https://adaptivecards.microsoft.com/designer to inspect one).
 *
 *   tsx scripts/render-cards.ts            (needs /usr/bin/chromium: apt-get install -y chromium)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { absenceFormCard, absenceResultCard } from '../src/bot/cards/absence-cards';
import { agendaCard, cancelAskCard, type AgendaItem } from '../src/bot/cards/agenda-cards';
import type { AdaptiveCard } from '../src/bot/cards/ac';
import { cardBytes } from '../src/bot/cards/ac';
import {
  channelCard,
  confirmationCard,
  detailsCard,
  reviewCard,
  serviceCard,
  slotsCard,
} from '../src/bot/cards/booking-cards';
import { errorCard } from '../src/bot/cards/common-cards';
import { localDateTime } from '../src/domain/time';

const root = resolve(__dirname, '..');
const at = (date: string, hhmm: string) => localDateTime(date, hhmm);
const MIN = 60_000;
const lang = 'de' as const;
const flow = { forStaffId: 'jonas-becker', serviceId: 'kfz', channel: 'phone' as const };
const me = { id: 'jonas-becker', name: 'Jonas Becker' };
const kfz = { id: 'kfz', name: 'Kfz-Zulassung' };
const held = {
  lang,
  flow,
  forStaff: me,
  self: true,
  service: kfz,
  start: at('2026-12-01', '09:30'),
  end: at('2026-12-01', '10:00'),
  holdToken: 'hold_sample_token',
  holdExpiresAt: at('2026-12-01', '08:05'),
  clientKey: 'ck_sample_key_123',
};
const items: AgendaItem[] = [
  {
    id: 'a1',
    sequence: 0,
    start: at('2026-12-01', '08:30'),
    end: at('2026-12-01', '08:45'),
    channel: 'in-person',
    status: 'completed',
    serviceName: 'An-, Um- und Abmeldung',
    citizenName: 'Erika Mustermann',
    location: 'Bürgerbüro, Schalter 2',
  },
  {
    id: 'a2',
    sequence: 1,
    start: at('2026-12-01', '09:30'),
    end: at('2026-12-01', '10:00'),
    channel: 'phone',
    status: 'booked',
    serviceName: 'Kfz-Zulassung',
    citizenName: 'Max Meier',
    citizenPhone: '+49 5137 12345',
    citizenEmail: 'max.meier@example.org',
  },
  {
    id: 'a3',
    sequence: 0,
    start: at('2026-12-01', '11:00'),
    end: at('2026-12-01', '11:15'),
    channel: 'video',
    status: 'booked',
    serviceName: 'Allgemeine Auskunft',
    citizenName: 'Aylin Kaya',
    meetingUrl: 'https://meet.jit.si/seelze-7f3k2q9x',
    citizenEmail: 'aylin@example.org',
  },
  {
    id: 'a4',
    sequence: 2,
    start: at('2026-12-01', '13:30'),
    end: at('2026-12-01', '13:50'),
    channel: 'in-person',
    status: 'cancelled',
    serviceName: 'Personalausweis und Reisepass',
    citizenName: 'Jan Schröder',
  },
];

const cards: Record<string, AdaptiveCard> = {
  '1-service': serviceCard({
    lang,
    forStaff: me,
    self: true,
    services: [
      { id: 'meldewesen', name: 'An-, Um- und Abmeldung' },
      { id: 'ausweis', name: 'Personalausweis und Reisepass' },
      kfz,
      { id: 'auskunft', name: 'Allgemeine Auskunft' },
    ],
  }),
  '2-channel': channelCard({ lang, forStaff: me, self: true, service: kfz, channels: ['in-person', 'phone'] }),
  '3-slots': slotsCard({
    lang,
    mode: { kind: 'book', flow },
    forStaff: me,
    self: true,
    service: kfz,
    channel: 'phone',
    today: '2026-12-01',
    lastBookableDate: '2026-12-29',
    more: true,
    slots: [
      ['2026-12-01', '09:30'],
      ['2026-12-01', '10:15'],
      ['2026-12-01', '10:30'],
      ['2026-12-02', '08:00'],
      ['2026-12-02', '08:15'],
    ].map(([d, t]) => ({ start: at(d!, t!), end: at(d!, t!) + 30 * MIN })),
  }),
  '3b-slot-taken': slotsCard({
    lang,
    mode: { kind: 'book', flow },
    forStaff: me,
    self: true,
    service: kfz,
    channel: 'phone',
    today: '2026-12-01',
    lastBookableDate: '2026-12-29',
    more: true,
    notice: 'Diese Zeit ist inzwischen vergeben. Bitte wählen Sie eine andere:',
    slots: [
      ['2026-12-01', '10:15'],
      ['2026-12-01', '10:30'],
      ['2026-12-02', '08:00'],
    ].map(([d, t]) => ({ start: at(d!, t!), end: at(d!, t!) + 30 * MIN })),
  }),
  '4-details': detailsCard({ ...held, values: {} }),
  '5-review': reviewCard({
    ...held,
    values: {
      citizenName: 'Max Meier',
      citizenEmail: 'max.meier@example.org',
      citizenPhone: '+49 5137 12345',
      citizenLanguage: 'de',
      note: 'Halterwechsel, Unterlagen liegen vor',
    },
    reminderMinutes: 24 * 60,
  }),
  '6-confirmation': confirmationCard({
    lang,
    appointmentId: 'a2',
    forStaff: me,
    self: true,
    service: kfz,
    channel: 'phone',
    start: held.start,
    end: held.end,
    citizenName: 'Max Meier',
    citizenEmail: 'max.meier@example.org',
    citizenPhone: '+49 5137 12345',
    reminderMinutes: 24 * 60,
  }),
  '6b-confirmation-video': confirmationCard({
    lang,
    appointmentId: 'a3',
    forStaff: me,
    self: true,
    service: { id: 'auskunft', name: 'Allgemeine Auskunft' },
    channel: 'video',
    start: at('2026-12-01', '11:00'),
    end: at('2026-12-01', '11:15'),
    citizenName: 'Aylin Kaya',
    citizenEmail: 'aylin@example.org',
    meetingUrl: 'https://meet.jit.si/seelze-7f3k2q9x',
    reminderMinutes: 24 * 60,
  }),
  '7-agenda': agendaCard({
    lang,
    rangeLabel: 'Heute',
    range: { kind: 'today' },
    staffName: me.name,
    self: true,
    days: [{ date: '2026-12-01', items }],
    now: at('2026-12-01', '09:40'),
    today: '2026-12-01',
  }),
  '8-cancel': cancelAskCard({ lang, item: items[2]!, range: { kind: 'today' } }),
  '9-absence-form': absenceFormCard(lang, '2026-12-01'),
  '10-absence-result': absenceResultCard({
    lang,
    kind: 'sick',
    from: '2026-12-01',
    to: '2026-12-03',
    affected: items.filter((i) => i.status === 'booked'),
    supervisors: ['Anna Schulz'],
    proposalSent: true,
    plan: { reassign: 1, convert: 1 },
  }),
  '11-error': errorCard(lang, 'Der Termin wurde inzwischen geändert. Bitte laden Sie die Übersicht neu.'),
};

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
    for (const [name, c] of Object.entries(cards)) {
      writeFileSync(join(root, 'cards', `${name}.json`), `${JSON.stringify(c, null, 2)}\n`);
      const warnings = await page.evaluate(
        ({ card, host }) => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- runs in the browser page
          const g = globalThis as unknown as { AdaptiveCards: any; document: any };
          const AC = g.AdaptiveCards;
          const ac = new AC.AdaptiveCard();
          ac.hostConfig = new AC.HostConfig(host);
          const errors: unknown[] = [];
          ac.parse(card, new AC.SerializationContext());
          const el = ac.render();
          const hostEl = g.document.getElementById('host');
          hostEl.innerHTML = '';
          hostEl.appendChild(el);
          const validation = ac.validateProperties();
          for (const e of validation.validationEvents ?? []) errors.push(e.message);
          return errors;
        },
        { card: c, host: hostConfig },
      );
      // Show the agenda with one appointment opened, as a staff member sees it after a tap.
      if (name === '7-agenda') await page.locator('.ac-columnSet').nth(1).click();
      await page.locator('#host').screenshot({ path: join(outDir, `${name}.png`) });
      console.log(
        `${name}: ${cardBytes(c)} bytes${(warnings as unknown[]).length ? `, renderer warnings: ${JSON.stringify(warnings)}` : ''}`,
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
