import type { AdaptiveCard } from '../../../src/bot/cards/ac';
import { activityBytes, cardBytes } from '../../../src/bot/cards/ac';
import { absenceFormCard, absenceResultCard } from '../../../src/bot/cards/absence-cards';
import { parseAction } from '../../../src/bot/cards/actions';
import { agendaCard, cancelAskCard, type AgendaItem } from '../../../src/bot/cards/agenda-cards';
import {
  confirmationCard,
  detailsCard,
  reviewCard,
  serviceCard,
  slotsCard,
} from '../../../src/bot/cards/booking-cards';
import { formatDateTime } from '../../../src/bot/cards/format';
import { historyCard } from '../../../src/bot/cards/history-cards';
import { declinedDoneCard, declinedNoticeCard, type DeclinedView } from '../../../src/bot/cards/reply-cards';
import type { SearchHit } from '../../../src/bot/cards/search-cards';
import { teamAgendaCard, type TeamGroupView } from '../../../src/bot/cards/team-agenda-cards';
import { callCard, callDoneCard, type CallView } from '../../../src/bot/cards/call-cards';
import { localDateTime } from '../../../src/domain/time';

const at = localDateTime;
const flow = { forStaffId: 'jonas-becker', serviceId: 'kfz', channel: 'phone' as const };
const me = { id: 'jonas-becker', name: 'Jonas Becker' };
const held = {
  lang: 'de' as const,
  flow,
  forStaff: me,
  self: true,
  service: { id: 'kfz', name: 'Kfz-Zulassung' },
  start: at('2026-12-01', '09:30'),
  end: at('2026-12-01', '10:00'),
  holdToken: 'hold_abcdefgh',
  holdExpiresAt: at('2026-12-01', '08:05'),
  clientKey: 'ck_abcdefgh',
};

/** Every Action.Execute / Action.Submit anywhere in a card (ShowCards and ActionSets included). */
function actionsOf(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => actionsOf(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' || o.type === 'Action.Submit') out.push(o);
    for (const [k, v] of Object.entries(o)) if (k !== 'fallback') actionsOf(v, out);
  }
  return out;
}

/** What Teams sends for a pressed button: its data merged with the card's input values. */
function inputsOf(c: AdaptiveCard): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') {
        // A required choice without a preset value: Teams submits only once the user picked one (the first here).
        const choices = o.choices as { value: string }[] | undefined;
        inputs[o.id] = o.value ?? (o.isRequired && choices?.length ? choices[0]!.value : '');
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(c.body);
  return inputs;
}

const items: AgendaItem[] = [
  {
    id: 'appt_1',
    sequence: 0,
    start: at('2026-12-01', '08:30'),
    end: at('2026-12-01', '08:45'),
    channel: 'in-person',
    status: 'booked',
    serviceName: 'Meldewesen',
    citizenName: 'Erika Mustermann',
  },
  {
    id: 'appt_2',
    sequence: 3,
    start: at('2026-12-01', '11:00'),
    end: at('2026-12-01', '11:15'),
    channel: 'video',
    status: 'booked',
    serviceName: 'Auskunft',
    citizenName: 'Aylin Kaya',
    meetingUrl: 'https://meet.example/x',
  },
];

const declined: DeclinedView = {
  lang: 'de',
  appointmentId: 'appt_1',
  sequence: 0,
  start: at('2026-12-01', '08:30'),
  channel: 'phone',
  serviceName: 'Meldewesen',
  citizenName: 'Erika Mustermann',
  citizenPhone: '+49 511 1234',
  citizenEmail: 'erika@example.org',
};

const call: CallView = {
  lang: 'de',
  appointmentId: 'appt_5',
  sequence: 2,
  tries: 1,
  lastTryAt: at('2026-12-01', '08:10'),
  event: 'changed',
  cause: 'no-reach',
  citizenName: 'Ilse Ohnenetz',
  citizenPhone: '05137 12345',
  start: at('2026-12-21', '08:00'),
  channel: 'in-person',
  serviceName: 'Personalausweis',
  previousStart: at('2026-12-15', '11:00'),
};

const samples: Record<string, AdaptiveCard> = {
  call: callCard(call),
  callEn: callCard({ ...call, lang: 'en', cause: 'sms-limit' }, 'Noted: not reached.'),
  callDone: callDoneCard('de', call, 'reached'),
  agendaWithCalls: agendaCard({
    lang: 'de',
    rangeLabel: 'Heute',
    range: { kind: 'today' },
    staffName: me.name,
    self: true,
    days: [{ date: '2026-12-01', items }],
    now: at('2026-12-01', '09:00'),
    today: '2026-12-01',
    calls: { items: [call, { ...call, appointmentId: 'appt_6', event: 'cancelled', cause: 'sms-failed' }], total: 2 },
  }),
  service: serviceCard({
    lang: 'de',
    forStaff: me,
    self: true,
    services: [{ id: 'kfz', name: 'Kfz' }],
    colleagues: [me, { id: 'leonie-wagner', name: 'Leonie Wagner' }],
  }),
  slots: slotsCard({
    lang: 'de',
    mode: { kind: 'book', flow },
    forStaff: me,
    self: true,
    service: held.service,
    channel: 'phone',
    today: '2026-12-01',
    lastBookableDate: '2026-12-29',
    more: true,
    slots: [{ start: held.start, end: held.end }],
  }),
  reschedule: slotsCard({
    lang: 'en',
    mode: {
      kind: 'reschedule',
      appointmentId: 'appt_2',
      sequence: 3,
      current: { start: held.start, end: held.end },
      citizenName: 'X',
      range: { kind: 'today' },
    },
    forStaff: me,
    self: true,
    service: held.service,
    channel: 'phone',
    today: '2026-12-01',
    lastBookableDate: '2026-12-29',
    more: false,
    slots: [{ start: held.start, end: held.end }],
  }),
  details: detailsCard({
    ...held,
    values: { citizenName: 'Max Meier', citizenEmail: 'max@example.org', citizenPhone: '+49 511 1234' },
  }),
  review: reviewCard({
    ...held,
    values: {
      citizenName: 'Max Meier',
      citizenEmail: 'max@example.org',
      citizenPhone: '+49 511 1234',
      citizenLanguage: 'de',
    },
    reminderMinutes: 24 * 60,
  }),
  confirmation: confirmationCard({
    lang: 'de',
    appointmentId: 'appt_2',
    forStaff: me,
    self: true,
    service: held.service,
    channel: 'video',
    start: held.start,
    end: held.end,
    citizenName: 'Max',
    citizenEmail: 'max@example.org',
    meetingFailed: true,
    reminderMinutes: 24 * 60,
  }),
  pooledService: serviceCard({
    lang: 'de',
    self: false,
    selfId: me.id,
    services: [
      { id: 'kfz', name: 'Kfz' },
      { id: 'ausweis', name: 'Personalausweis' },
    ],
    colleagues: [me, { id: 'katrin-hoffmann', name: 'Katrin Hoffmann' }],
  }),
  pooledSlots: slotsCard({
    lang: 'de',
    mode: { kind: 'book', flow: { serviceId: 'ausweis', channel: 'in-person' } },
    self: false,
    selfId: me.id,
    selfOffers: true,
    colleagues: [me, { id: 'katrin-hoffmann', name: 'Katrin Hoffmann' }],
    service: { id: 'ausweis', name: 'Personalausweis' },
    channel: 'in-person',
    today: '2026-12-01',
    lastBookableDate: '2026-12-29',
    more: true,
    notes: ['Personalausweis gibt es nur vor Ort.'],
    slots: [
      {
        start: held.start,
        end: held.end,
        staffId: 'katrin-hoffmann',
        who: 'Katrin Hoffmann · vor Ort, Bürgerbüro Team B',
      },
    ],
  }),
  rescheduleAnyone: slotsCard({
    lang: 'en',
    mode: {
      kind: 'reschedule',
      appointmentId: 'appt_2',
      sequence: 3,
      current: { start: held.start, end: held.end },
      citizenName: 'X',
      who: 'pool',
    },
    self: false,
    service: held.service,
    channel: 'phone',
    today: '2026-12-01',
    lastBookableDate: '2026-12-29',
    more: false,
    slots: [
      { start: held.start, end: held.end, staffId: 'katrin-hoffmann', who: 'Katrin Hoffmann · from home, Team B' },
    ],
  }),
  confirmationNoEmail: confirmationCard({
    lang: 'de',
    appointmentId: 'appt_4',
    forStaff: { id: 'katrin-hoffmann', name: 'Katrin Hoffmann' },
    self: false,
    service: held.service,
    channel: 'phone',
    start: held.start,
    end: held.end,
    citizenName: 'Max',
    citizenPhone: '0511 1',
    readAloud: 'Stadt Seelze – Ihr Termin: Kfz-Zulassung …',
  }),
  agenda: agendaCard({
    lang: 'de',
    rangeLabel: 'Heute',
    range: { kind: 'today' },
    staffName: me.name,
    self: true,
    days: [{ date: '2026-12-01', items }],
    now: at('2026-12-01', '09:00'),
    today: '2026-12-01',
  }),
  cancel: cancelAskCard({ lang: 'de', item: items[1]!, range: { kind: 'today' } }),
  cancelFromTeam: cancelAskCard({ lang: 'de', item: items[1]!, range: { kind: 'tomorrow' }, view: 'team' }),
  teamAgenda: teamAgendaCard({
    lang: 'de',
    rangeLabel: 'Heute',
    range: { kind: 'today' },
    days: [
      {
        date: '2026-12-01',
        groups: [
          { staffId: me.id, staffName: me.name, self: true, hits: [{ ...items[0]!, staffName: me.name, self: true }] },
          {
            staffId: 'katrin-hoffmann',
            staffName: 'Katrin Hoffmann',
            self: false,
            hits: [{ ...items[1]!, staffName: 'Katrin Hoffmann', self: false }],
          },
        ],
      },
    ],
    people: 8,
    now: at('2026-12-01', '09:00'),
    today: '2026-12-01',
  }),
  teamAgendaEmptyWeek: teamAgendaCard({
    lang: 'en',
    rangeLabel: 'This week',
    range: { kind: 'week', offsetWeeks: 0 },
    days: ['2026-11-30', '2026-12-01'].map((date) => ({ date, groups: [] })),
    people: 1,
    now: at('2026-12-01', '09:00'),
    today: '2026-12-01',
  }),
  absenceForm: absenceFormCard('de', '2026-12-01'),
  declined: declinedNoticeCard(declined),
  declinedEn: declinedNoticeCard({ ...declined, lang: 'en' }),
  declinedDone: declinedDoneCard(declined, 'call'),
  absenceResult: absenceResultCard({
    lang: 'en',
    kind: 'sick',
    from: '2026-12-01',
    to: '2026-12-02',
    affected: items,
    supervisors: ['Anna Schulz'],
    proposalSent: false,
  }),
};

describe('staff cards', () => {
  it.each(Object.entries(samples))('%s is an Adaptive Card 1.5 well under 80 KB', (_name, c) => {
    expect(c.version).toBe('1.5');
    expect(cardBytes(c)).toBeLessThan(20_000);
  });

  it('the cancel form preselects no reason (the staff member chooses one; it is mailed to the citizen)', () => {
    const json = JSON.stringify(samples.cancel);
    expect(json).toContain('"id":"reason"');
    expect(json).not.toMatch(/"id":"reason"[^\]]*?"isRequired":true,"errorMessage":"[^"]*","value"/);
    expect(json).not.toContain('"reason":"citizen-request"');
    expect(JSON.stringify(samples.cancel!.body)).not.toMatch(/"style":"expanded","isRequired":true,"value"/);
  });

  it.each(Object.entries(samples))(
    'every button of %s sends data its handler accepts (with the inputs as rendered)',
    (_name, c) => {
      const inputs = inputsOf(c);
      for (const a of actionsOf(c)) {
        const data = { ...(a.data as Record<string, unknown>), ...(a.associatedInputs === 'none' ? {} : inputs) };
        const parsed = parseAction(data);
        expect(parsed).toMatchObject({ ok: true });
      }
    },
  );

  it('uses Action.Execute for every button, without the Action.Submit fallback no current Teams client needs', () => {
    for (const c of Object.values(samples))
      for (const a of actionsOf(c)) {
        expect(a.type).toBe('Action.Execute');
        expect(a.fallback).toBeUndefined();
      }
  });

  it('pages a week of 150 appointments per day: under 80 KB as Teams counts it, no day claimed empty', () => {
    const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
    const days = week.map((date) => ({
      date,
      items: Array.from({ length: 30 }, (_, i): AgendaItem => ({
        ...items[1]!,
        id: `appt_${date}_${i}`,
        start: at(date, '08:00') + i * 900_000,
        end: at(date, '08:00') + i * 900_000 + 600_000,
        citizenName: `Bürgerin ${i} mit einem längeren Namen`,
        citizenEmail: 'someone@example.org',
        note: 'Unterlagen: Ausweis, Meldebescheinigung, Fahrzeugschein.',
      })),
    }));
    const c = agendaCard({
      lang: 'de',
      rangeLabel: 'Diese Woche',
      range: { kind: 'week', offsetWeeks: 0 },
      staffName: me.name,
      self: true,
      days,
      now: at('2026-11-30', '07:00'),
      today: '2026-11-30',
    });
    expect(activityBytes(c)).toBeLessThan(80_000);
    const json = JSON.stringify(c);
    expect(json).not.toContain('keine Termine');
    expect(json).toContain('150 Termine');
    for (const date of week) {
      const listed = json.includes(`appt_${date}_29`);
      const paged = actionsOf(c).some(
        (a) => a.verb === 'agenda.show' && (a.data as { range: { date?: string } }).range.date === date,
      );
      expect({ date, shown: listed || paged }).toEqual({ date, shown: true });
      if (!listed) expect(json).not.toContain(`appt_${date}_0"`);
    }
  });

  /** `perStaff` appointments on each day for each of `staff` colleagues, with long names. */
  const crowded = (dates: string[], staff: number, perStaff: number) =>
    dates.map((date) => ({
      date,
      groups: Array.from({ length: staff }, (_, s): TeamGroupView => ({
        staffId: `staff-${s}`,
        staffName: `Kollegin Nummer ${s} mit einem Doppelnamen-Langname`,
        self: s === 0,
        hits: Array.from({ length: perStaff }, (_, i): SearchHit => ({
          ...items[1]!,
          id: `appt_${date}_${s}_${i}`,
          start: at(date, '08:00') + i * 600_000,
          end: at(date, '08:00') + i * 600_000 + 540_000,
          citizenName: `Bürgerin ${i} mit einem längeren Namen, geborene Beispielhafte`,
          staffName: `Kollegin Nummer ${s}`,
          self: s === 0,
        })),
      })),
    }));

  it('pages a crowded team day: every page under 80 KB as Teams counts it, each appointment on exactly one', () => {
    const days = crowded(['2026-12-01'], 8, 45);
    const view = {
      lang: 'de' as const,
      rangeLabel: 'Heute',
      range: { kind: 'today' as const },
      days,
      people: 8,
      now: at('2026-12-01', '07:00'),
      today: '2026-12-01',
    };
    const first = teamAgendaCard(view);
    const pages = Number(/Seite 1 von (\d+)/.exec(JSON.stringify(first))![1]);
    expect(pages).toBeGreaterThan(5);
    const seen: string[] = [];
    for (let page = 0; page < pages; page++) {
      const c = teamAgendaCard({ ...view, page });
      expect(activityBytes(c)).toBeLessThan(80_000);
      const json = JSON.stringify(c);
      expect(json).toContain('360 Termine bei 8 Personen');
      expect(json).toContain(`Seite ${page + 1} von ${pages}`);
      seen.push(...new Set(json.match(/appt_2026-12-01_\d+_\d+/g)));
      const paging = actionsOf(c)
        .filter((a) => a.verb === 'team.show')
        .map((a) => (a.data as { page?: number }).page);
      expect(paging).toEqual(
        [page > 0 ? page - 1 : undefined, page < pages - 1 ? page + 1 : undefined].filter((p) => p !== undefined),
      );
    }
    expect(seen).toHaveLength(360);
    expect(new Set(seen).size).toBe(360);
    // A page beyond the last (an old card after cancellations) shows the last.
    expect(JSON.stringify(teamAgendaCard({ ...view, page: pages + 3 }))).toContain(`Seite ${pages} von ${pages}`);
  });

  it('pages a crowded team week per day: under 80 KB, no day claimed empty, each day listed or openable', () => {
    const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
    const c = teamAgendaCard({
      lang: 'de',
      rangeLabel: 'Diese Woche',
      range: { kind: 'week', offsetWeeks: 0 },
      days: crowded(week, 8, 10),
      people: 8,
      now: at('2026-11-30', '07:00'),
      today: '2026-11-30',
    });
    expect(activityBytes(c)).toBeLessThan(80_000);
    const json = JSON.stringify(c);
    expect(json).toContain('400 Termine bei 8 Personen');
    expect(json).not.toContain('keine Termine');
    for (const date of week) {
      const listed = json.includes(`appt_${date}_7_9"`);
      const paged = actionsOf(c).some(
        (a) => a.verb === 'team.show' && (a.data as { range: { date?: string } }).range.date === date,
      );
      expect({ date, shown: listed || paged }).toEqual({ date, shown: true });
    }
  });

  it('says whom a team agenda looked at when there is nothing', () => {
    expect(JSON.stringify(samples.teamAgendaEmptyWeek)).toContain('You book for no whole team');
    expect(JSON.stringify(samples.teamAgendaEmptyWeek)).toContain('no appointments');
  });

  /** Today's agenda of these items, on 1 December 2026 at 07:00. */
  const todayAgenda = (list: AgendaItem[]) =>
    agendaCard({
      lang: 'de',
      rangeLabel: 'Heute',
      range: { kind: 'today' },
      staffName: me.name,
      self: true,
      days: [{ date: '2026-12-01', items: list }],
      now: at('2026-12-01', '07:00'),
      today: '2026-12-01',
    });

  it('says "no open appointments" above a list that holds only cancelled ones', () => {
    const c = todayAgenda([{ ...items[0]!, status: 'cancelled' }]);
    const text = JSON.stringify(c);
    expect(text).toContain('Keine offenen Termine (1 abgesagt).');
    expect(text).not.toContain('Keine Termine.');
  });

  it('counts the open appointments above the list and says how many cancelled ones it also shows', () => {
    const c = todayAgenda([items[0]!, { ...items[1]!, status: 'cancelled' }]);
    expect(JSON.stringify(c)).toContain('1 Termin (1 abgesagt) · Tippen Sie');
  });

  it('promises the citizen a reminder only when one will be sent', () => {
    const base = {
      lang: 'de' as const,
      appointmentId: 'appt_3',
      forStaff: me,
      self: true,
      service: held.service,
      channel: 'phone' as const,
      start: held.start,
      end: held.end,
      citizenName: 'Max',
      citizenEmail: 'max@example.org',
      citizenPhone: '0511 1',
    };
    expect(JSON.stringify(confirmationCard({ ...base, reminderMinutes: 24 * 60 }))).toContain(
      '24 Std. vorher eine Erinnerung',
    );
    expect(JSON.stringify(confirmationCard(base))).not.toContain('Erinnerung');
  });

  it('says who serves each pooled slot and where, and offers "only with me"', () => {
    const text = JSON.stringify(samples.pooledSlots);
    expect(text).toContain('Katrin Hoffmann · vor Ort, Bürgerbüro Team B');
    expect(text).toContain('Personalausweis gibt es nur vor Ort.');
    const hold = actionsOf(samples.pooledSlots!).find((a) => a.verb === 'book.hold')!;
    expect(hold.data).toMatchObject({ staffId: 'katrin-hoffmann', serviceId: 'ausweis' });
    expect(actionsOf(samples.pooledSlots!).map((a) => a.title)).toContain('Nur bei mir');
    expect(actionsOf(samples.rescheduleAnyone!).map((a) => a.title)).toContain('Same person only');
  });

  it('tells the clerk plainly that no invitation goes out without an email, with what to say', () => {
    const text = JSON.stringify(samples.confirmationNoEmail);
    expect(text).toContain('Keine Einladung per E-Mail');
    expect(text).toContain('Stadt Seelze – Ihr Termin');
    expect(text).toContain('Katrin Hoffmann ruft Max unter 0511 1 an');
    expect(text).not.toContain('erhält an');
  });

  it('keeps a busy week of 60 appointments under 80 KB', () => {
    const many: AgendaItem[] = Array.from({ length: 60 }, (_, i) => ({
      ...items[1]!,
      id: `appt_${i}`,
      start: held.start + i * 900_000,
      end: held.start + i * 900_000 + 600_000,
      citizenEmail: 'someone@example.org',
      note: 'x'.repeat(200),
    }));
    const c = agendaCard({
      lang: 'de',
      rangeLabel: 'Woche',
      range: { kind: 'week', offsetWeeks: 0 },
      staffName: me.name,
      self: true,
      days: [{ date: '2026-12-01', items: many }],
      now: held.start,
      today: '2026-12-01',
    });
    expect(cardBytes(c)).toBeLessThan(80_000);
  });

  it('refuses tampered or half-filled submissions with the fields concerned', () => {
    expect(
      parseAction({
        verb: 'book.confirm',
        ...flow,
        start: held.start,
        holdToken: 'hold_abcdefgh',
        clientKey: 'ck_abcdefgh',
        citizenName: 'A',
        citizenEmail: 'not-an-email',
        citizenLanguage: 'de',
      }),
    ).toEqual({ ok: false, verb: 'book.confirm', fields: ['citizenEmail'] });
    expect(parseAction({ verb: 'appt.outcome', appointmentId: 'x', sequence: 1, outcome: 'deleted' })).toMatchObject({
      ok: false,
      fields: ['outcome'],
    });
    expect(parseAction({ verb: 'book.hold', ...flow, serviceId: '../../etc', start: 1 })).toMatchObject({
      ok: false,
      fields: ['serviceId'],
    });
    expect(parseAction({ verb: 'drop.tables' })).toMatchObject({ ok: false });
  });

  it('keeps names and phone numbers on one line: line breaks become a space, invisible marks go', () => {
    const parsed = parseAction({
      verb: 'book.confirm',
      ...flow,
      start: held.start,
      holdToken: 'hold_abcdefgh',
      clientKey: 'ck_abcdefgh',
      citizenName: 'Fritz\r\nBcc: x@example.org',
      citizenPhone: '0511\n 123',
      citizenLanguage: 'de',
    });
    expect(parsed).toMatchObject({
      ok: true,
      action: { citizenName: 'Fritz Bcc: x@example.org', citizenPhone: '0511 123' },
    });
    const details = parseAction({
      verb: 'book.details',
      ...flow,
      start: held.start,
      holdToken: 'hold_abcdefgh',
      clientKey: 'ck_abcdefgh',
      citizenName: ' Jürgen\u200b\tMüller ',
    });
    expect(details).toMatchObject({ ok: true, action: { citizenName: 'Jürgen Müller' } });
  });

  it('shows dates in German town-hall format, Berlin time, whatever the server zone', () => {
    expect(formatDateTime(at('2026-12-01', '09:30'), 'de')).toBe('Di., 1. Dez. 2026, 09:30 Uhr');
    expect(formatDateTime(at('2026-03-29', '09:30'), 'de')).toBe('So., 29. März 2026, 09:30 Uhr');
    expect(formatDateTime(at('2026-12-01', '09:30'), 'en')).toBe('Tue 1 Dec 2026, 09:30');
  });

  it('offers outcome buttons only once an appointment has started, reschedule only before', () => {
    const verbs = actionsOf(samples.agenda!).map(
      (a) => `${a.verb as string}:${(a.data as { appointmentId?: string }).appointmentId ?? ''}`,
    );
    expect(verbs).toContain('appt.outcome:appt_1');
    expect(verbs).not.toContain('appt.reschedule:appt_1');
    expect(verbs).toContain('appt.reschedule:appt_2');
    expect(verbs).not.toContain('appt.outcome:appt_2');
  });

  it("pages a citizen's history of the most appointments shown (50), 10 a page, each page far under 80 KB", () => {
    const hits = Array.from({ length: 50 }, (_, i) => ({
      ...items[1]!,
      id: `appt_${i}`,
      status: i % 7 === 0 ? ('no-show' as const) : ('completed' as const),
      start: held.start - i * 86_400_000,
      end: held.start - i * 86_400_000 + 600_000,
      staffName: 'Katrin Hoffmann',
      self: false,
    }));
    const page = (n: number) =>
      historyCard({
        lang: 'de',
        anchorId: 'appt_0',
        citizenName: 'Max Meier',
        hits,
        total: 60,
        truncated: true,
        page: n,
        q: 'Meier',
      });
    const first = page(0);
    expect(actionsOf(first).filter((a) => a.verb === 'appt.details' && a.title === undefined)).toHaveLength(10);
    expect(actionsOf(first).map((a) => a.verb)).toContain('appt.history');
    expect(JSON.stringify(first)).toContain('8-mal nicht erschienen');
    expect(JSON.stringify(first)).toContain('Mehr als 50 Termine');
    const last = page(4);
    expect(actionsOf(last).filter((a) => a.verb === 'appt.details' && a.title === undefined)).toHaveLength(10);
    for (const c of [first, last]) expect(activityBytes(c)).toBeLessThan(20_000);
  });
});
