/**
 * The staff and supervisor cards with fixed sample data (no clock, no randomness):
 * scripts/render-cards.ts renders them at phone width, light and dark, to docs/cards/*.png and writes
 * cards/*.json; test/bot/cards/sample-cards.test.ts checks that cards/*.json still equals what the card
 * builders produce, and test/bot/cards/phone-width.test.ts that nothing on them is cut at 360 px.
 */
import { absenceFormCard, absenceResultCard } from '../src/bot/cards/absence-cards';
import { agendaCard, cancelAskCard, type AgendaItem } from '../src/bot/cards/agenda-cards';
import { callCard, type CallView } from '../src/bot/cards/call-cards';
import { appointmentDetailsCard, searchCard, type SearchHit } from '../src/bot/cards/search-cards';
import { teamAgendaCard } from '../src/bot/cards/team-agenda-cards';
import { historyCard } from '../src/bot/cards/history-cards';
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
import { outageFormCard, proposalCard } from '../src/bot/cards/outage-cards';
import { renderSummaryCard } from '../src/bot/cards/summary-card';
import { reportCard } from '../src/bot/cards/report-card';
import type { Figures } from '../src/domain/figures';
import { loadDirectoryFile } from '../src/config/directory';
import type { Summary } from '../src/domain/summary-types';
import { localDateTime } from '../src/domain/time';
import type { ReplanProposal } from '../src/store/replan-proposals';

const at = (date: string, hhmm: string) => localDateTime(date, hhmm);

/** A month of the Bürgerbüro as the report card shows it. */
const reportTotal: Figures = {
  booked: 1184,
  completed: 1032,
  noShow: 61,
  noShowRate: 0.056,
  unmarked: 91,
  cancelled: 143,
  cancelledByCitizen: 97,
  cancelledByStaff: 39,
  cancelledByReplan: 7,
  cancelledLate: 31,
  moved: 88,
  leadTimeSamples: 1184,
  leadTimeMedianMin: 3 * 1440 + 600,
  leadTimeP90Min: 11 * 1440,
  leadWithin3Days: 0.47,
  leadWithin7Days: 0.81,
  leadWithin14Days: 0.96,
  bookedMin: 23_680,
  capacityMin: 31_200,
  utilisation: 0.759,
  capacitySlots: 1560,
  reachedByEmail: 1011,
  reachedBySms: 104,
  reachedByCall: 69,
};
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

const directory = loadDirectoryFile(`${__dirname}/../config/directory.example.json`);
const anna = directory.staff.find((x) => x.id === 'anna-schulz')!;

const team = (teamId: string, name: string, appointments: number, bookedMin: number, availableMin: number) => ({
  teamId,
  name,
  appointments,
  cancelled: 0,
  bookedMin,
  availableMin,
  utilisation: availableMin ? bookedMin / availableMin : null,
  staffWorking: 3,
  staffAbsent: 0,
  staffHomeOfficeOnly: 0,
});
const person = (staffId: string, name: string, appointments: number, first?: string, last?: string) => ({
  staffId,
  name,
  teamId: 'buergerbuero-a',
  appointments,
  bookedMin: appointments * 20,
  availableMin: 450,
  absence: null,
  firstStart: first ? at('2026-12-01', first) : null,
  lastEnd: last ? at('2026-12-01', last) : null,
});
const summary: Summary = {
  day: '2026-12-01',
  previousWorkingDay: '2026-11-30',
  generatedAt: at('2026-12-01', '07:00'),
  holiday: false,
  teamIds: ['buergerbuero-a', 'buergerbuero-b'],
  totals: { appointments: 21, cancelled: 1, bookedMin: 440, availableMin: 2700, utilisation: 440 / 2700 },
  teams: [
    { ...team('buergerbuero-a', 'Bürgerbüro Team A', 20, 420, 1350), onSite: 'all-day' },
    { ...team('buergerbuero-b', 'Bürgerbüro Team B', 1, 15, 1350), onSite: 'off-site' },
  ],
  staff: [
    person('jonas-becker', 'Jonas Becker', 8, '08:30', '12:00'),
    { ...person('leonie-wagner', 'Leonie Wagner', 0), absence: 'absent' as const },
    person('katrin-hoffmann', 'Katrin Hoffmann', 1, '09:00', '09:15'),
  ],
  services: [
    {
      serviceId: 'meldewesen',
      name: { de: 'An-, Um- und Abmeldung', en: 'Registration' },
      appointments: 9,
      nextFreeSlot: at('2026-12-02', '08:15'),
    },
    {
      serviceId: 'ausweis',
      name: { de: 'Personalausweis und Reisepass', en: 'ID card and passport' },
      appointments: 7,
      nextFreeSlot: null,
    },
    {
      serviceId: 'kfz',
      name: { de: 'Kfz-Zulassung', en: 'Vehicle registration' },
      appointments: 5,
      nextFreeSlot: at('2026-12-01', '10:30'),
    },
  ],
  channels: { video: 3, phone: 6, 'in-person': 12 },
  previousDay: {
    day: '2026-11-30',
    appointments: 18,
    completed: 15,
    noShows: 1,
    cancelled: 2,
    cancelledBy: { citizen: 1, staff: 1, replan: 0 },
    noShowRate: 1 / 16,
  },
  unmarked: { count: 2, byStaff: [{ staffId: 'jonas-becker', name: 'Jonas Becker', count: 2 }] },
  leadTime: { samples: 1, medianMin: 2 * 1440 + 180, p90Min: 6 * 1440 },
  absences: [
    {
      staffId: 'leonie-wagner',
      name: 'Leonie Wagner',
      teamId: 'buergerbuero-a',
      mode: 'absent',
      reason: 'sick',
      from: '2026-12-01',
      to: '2026-12-04',
    },
  ],
  replans: [],
  problems: { deadLetters: 0, unplaced: 1 },
};

const place = (hhmm: string, staffId: string, channel: 'in-person' | 'video' | 'phone') => {
  const start = at('2026-12-02', hhmm);
  return { staffId, channel, start, end: start + 15 * MIN, blockStart: start, blockEnd: start + 15 * MIN };
};
const proposal: ReplanProposal = {
  id: 'proposal-sample',
  version: 1,
  createdAt: 0,
  createdBy: 'anna-schulz',
  absences: [
    {
      id: 'abs-sample',
      staffId: 'jonas-becker',
      from: '2026-12-02',
      to: '2026-12-04',
      mode: 'home-office-only',
      reason: 'quarantine',
      reportedBy: 'anna-schulz',
      createdAt: 0,
    },
  ],
  plan: {
    computedAt: 0,
    absenceIds: ['abs-sample'],
    items: [
      {
        appointmentId: 'p1',
        expectedSequence: 0,
        serviceId: 'meldewesen',
        action: 'convert',
        from: place('08:30', 'jonas-becker', 'in-person'),
        to: place('08:30', 'jonas-becker', 'video'),
      },
      {
        appointmentId: 'p2',
        expectedSequence: 0,
        serviceId: 'ausweis',
        action: 'reassign',
        from: place('09:30', 'jonas-becker', 'in-person'),
        to: place('09:30', 'katrin-hoffmann', 'in-person'),
      },
      {
        appointmentId: 'p3',
        expectedSequence: 0,
        serviceId: 'ausweis',
        action: 'unplaced',
        from: place('11:00', 'jonas-becker', 'in-person'),
      },
    ],
    counts: { converted: 1, reassigned: 1, rescheduled: 0, unplaced: 1 },
  },
  decided: [],
};

/** Search hits: the agenda's items, served by colleagues. */
const hits: SearchHit[] = items.map((item, i) => ({
  ...item,
  staffName: ['Jonas Becker', 'Katrin Hoffmann', 'Sabine Neumann'][i % 3]!,
  self: i % 3 === 0,
}));

/** "Bitte anrufen": Ilse Ohnenetz (landline, no email) moved by a replanning. */
const callSample: CallView = {
  lang,
  appointmentId: 'a8',
  sequence: 1,
  tries: 0,
  event: 'changed',
  cause: 'no-reach',
  citizenName: 'Ilse Ohnenetz',
  citizenPhone: '05137 12345',
  start: at('2026-12-21', '08:00'),
  channel: 'in-person',
  serviceName: 'Personalausweis',
  previousStart: at('2026-12-15', '11:00'),
  reference: 'T-7QX2',
};

const { previousStart: _moved, ...unmoved } = callSample;
const cancelledCall: CallView = {
  ...unmoved,
  appointmentId: 'a9',
  citizenName: 'Otto Ohnemail',
  citizenPhone: '0171 1234567',
  tries: 2,
  lastTryAt: at('2026-12-01', '09:15'),
  event: 'cancelled',
  cancelReason: 'Krankheit der Sachbearbeiterin',
};

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
  '3c-slots-pooled': slotsCard({
    lang,
    mode: { kind: 'book', flow: { serviceId: 'kfz', channel: 'in-person' } },
    self: false,
    selfId: me.id,
    selfOffers: true,
    service: kfz,
    channel: 'in-person',
    today: '2026-12-01',
    lastBookableDate: '2026-12-29',
    more: true,
    slots: [
      ['09:30', 'Jonas Becker · Bürgerbüro, Schalter 1', 'jonas-becker'],
      ['09:45', 'Katrin Hoffmann · Bürgerbüro, Schalter 2', 'katrin-hoffmann'],
      ['10:30', 'Murat Yılmaz · Bürgerbüro, Schalter 3', 'murat-yilmaz'],
    ].map(([t, who, staffId]) => ({
      start: at('2026-12-01', t!),
      end: at('2026-12-01', t!) + 15 * MIN,
      staffId: staffId!,
      who: who!,
    })),
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
  '5b-review-duplicate': reviewCard({
    ...held,
    values: { citizenName: 'Max Meier', citizenPhone: '+49 151 23456789', citizenLanguage: 'de' },
    reminderMinutes: 24 * 60,
    duplicate: {
      appointmentId: 'a2',
      sequence: 1,
      citizenName: 'Max Meier',
      serviceName: 'Kfz-Zulassung',
      when: 'Do., 3. Dez. 2026, 10:00 Uhr',
      staffName: 'Katrin Hoffmann',
      reference: 'T-4K7Q',
      sameChannel: true,
    },
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
    reference: 'T-4K7Q',
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
  '15-search': searchCard({
    lang,
    q: 'Meier',
    what: 'Name „Meier“',
    hits: hits.slice(0, 3),
    total: 3,
    truncated: false,
    page: 0,
    now: at('2026-12-01', '07:40'),
  }),
  '15b-search-none': searchCard({
    lang,
    q: 'Zzyzx',
    what: 'Name „Zzyzx“',
    hits: [],
    total: 0,
    truncated: false,
    page: 0,
    now: at('2026-12-01', '09:40'),
  }),
  '16-appointment-details': appointmentDetailsCard({
    lang,
    hit: { ...hits[1]!, reference: 'T-4K7Q' },
    now: at('2026-12-01', '07:40'),
    q: 'Meier',
  }),
  '17-team-agenda': teamAgendaCard({
    lang,
    rangeLabel: 'Heute',
    range: { kind: 'today' },
    days: [
      {
        date: '2026-12-01',
        groups: [
          { staffId: 'jonas-becker', staffName: 'Jonas Becker', self: true, hits: [hits[0]!, hits[3]!] },
          {
            staffId: 'katrin-hoffmann',
            staffName: 'Katrin Hoffmann',
            self: false,
            hits: [{ ...hits[1]!, start: at('2026-12-01', '10:30'), end: at('2026-12-01', '11:00') }],
          },
          { staffId: 'sabine-neumann', staffName: 'Sabine Neumann', self: false, hits: [hits[2]!] },
        ],
      },
    ],
    people: 7,
    now: at('2026-12-01', '09:40'),
    today: '2026-12-01',
  }),
  '18-citizen-history': historyCard({
    lang,
    anchorId: 'a2',
    citizenName: 'Max Meier',
    hits: [
      { ...hits[1]!, start: at('2026-12-03', '10:00'), end: at('2026-12-03', '10:30') },
      { ...hits[1]!, id: 'h2', status: 'no-show', start: at('2026-11-12', '09:00'), end: at('2026-11-12', '09:30') },
      {
        ...hits[3]!,
        id: 'h3',
        status: 'completed',
        serviceName: 'Personalausweis und Reisepass',
        start: at('2026-09-02', '14:00'),
        end: at('2026-09-02', '14:20'),
      },
      { ...hits[3]!, id: 'h4', start: at('2026-08-20', '08:30'), end: at('2026-08-20', '08:50') },
    ],
    total: 4,
    truncated: false,
    page: 0,
    q: 'Meier',
  }),
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
  '12-summary': renderSummaryCard(summary, 'de') as AdaptiveCard,
  '12b-summary-en': renderSummaryCard(summary, 'en') as AdaptiveCard,
  '13-outage-form': outageFormCard(lang, directory, anna, '2026-12-01'),
  '14-outage-proposal': proposalCard({
    lang,
    directory,
    proposal,
    citizenNames: new Map([
      ['p1', 'Erika Mustermann'],
      ['p2', 'Max Meier'],
      ['p3', 'Aylin Kaya'],
    ]),
    reach: { openToCall: 1, applied: { mail: 0, sms: 0, call: 0, cancelledByMail: 0 } },
  }),
  '17-call': callCard(callSample),
  '17b-agenda-calls': agendaCard({
    lang,
    rangeLabel: 'Heute',
    range: { kind: 'today' },
    staffName: me.name,
    self: true,
    days: [{ date: '2026-12-01', items: items.slice(0, 2) }],
    now: at('2026-12-01', '09:40'),
    today: '2026-12-01',
    calls: { items: [callSample, cancelledCall], total: 3 },
  }),
  '11-error': errorCard(lang, 'Der Termin wurde inzwischen geändert. Bitte laden Sie die Übersicht neu.'),
  '17-report': reportCard({
    lang,
    period: 'November 2026',
    teams: ['Bürgerbüro Team A', 'Bürgerbüro Team B'],
    total: reportTotal,
    links: {
      page: 'https://termine.seelze.example/auswertung?t=sample',
      xlsx: 'https://termine.seelze.example/auswertung/Sprechstunde-Auswertung-2026-11.xlsx?t=sample',
      csv: 'https://termine.seelze.example/auswertung/Sprechstunde-Auswertung-2026-11.csv?t=sample',
    },
    validUntil: 'Di., 8. Dez. 2026, 09:00 Uhr',
  }),
};

/** The file text of cards/<name>.json. */
export const cardFileText = (card: AdaptiveCard): string => `${JSON.stringify(card, null, 2)}\n`;
