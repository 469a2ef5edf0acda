/**
 * The staff cards with fixed sample data (no clock, no randomness): scripts/render-cards.ts renders
 * them to docs/cards/*.png and writes cards/*.json; test/bot/cards/sample-cards.test.ts checks that
 * cards/*.json still equals what the card builders produce.
 */
import { absenceFormCard, absenceResultCard } from '../src/bot/cards/absence-cards';
import { agendaCard, cancelAskCard, type AgendaItem } from '../src/bot/cards/agenda-cards';
import type { AdaptiveCard } from '../src/bot/cards/ac';
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

export const sampleCards: Record<string, AdaptiveCard> = {
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

/** The file text of cards/<name>.json. */
export const cardFileText = (card: AdaptiveCard): string => `${JSON.stringify(card, null, 2)}\n`;
