/**
 * Phone first: the rules that keep a card readable at 360 px, checked on the JSON
 * of the sample cards and the summary in both languages — the render test (phone-width.test.ts)
 * shows the same in a real renderer. A table of single-line cells cut every team to "Bür…", a row
 * of four buttons read "H…", "Mor…", "Wo…", and an auto-scaled bar chart filled its bar at 1 %.
 */
import { agendaCard, type AgendaItem } from '../../../src/bot/cards/agenda-cards';
import { fitsPhoneRow, type Action } from '../../../src/bot/cards/ac';
import { renderSummaryCard } from '../../../src/bot/cards/summary-card';
import { computeSummary } from '../../../src/domain/summary';
import { localDateTime } from '../../../src/domain/time';
import { sampleCards } from '../../../scripts/sample-cards';
import { summaryInput } from '../../support/summary-fixture';

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (n: Node, inColumn: boolean) => void, inColumn = false): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit, inColumn));
  else if (node && typeof node === 'object') {
    const n = node as Node;
    visit(n, inColumn);
    for (const [k, v] of Object.entries(n)) walk(v, visit, inColumn || n.type === 'Column' || k === 'columns');
  }
}

function summaryCards(): [string, unknown][] {
  const summary = computeSummary(summaryInput());
  return (['de', 'en'] as const).flatMap((lang): [string, unknown][] => [
    [`summary ${lang}`, renderSummaryCard(summary, lang)],
    [`shared summary ${lang}`, renderSummaryCard(summary, lang, { shared: true })],
  ]);
}

function agendaCards(): [string, unknown][] {
  const item: AgendaItem = {
    id: 'a1',
    sequence: 0,
    start: localDateTime('2026-12-01', '09:00'),
    end: localDateTime('2026-12-01', '09:30'),
    channel: 'video',
    status: 'booked',
    serviceName: 'Allgemeine Auskunft',
    citizenName: 'Erika Mustermann',
    meetingUrl: 'https://meet.example/x',
  };
  const view = (lang: 'de' | 'en', range: Parameters<typeof agendaCard>[0]['range'], now: number) =>
    agendaCard({
      lang,
      rangeLabel: 'x',
      range,
      staffName: 'Jonas Becker',
      self: true,
      days: [{ date: '2026-12-01', items: [item, { ...item, id: 'a2', start: item.start + 3_600_000 }] }],
      now,
      today: '2026-12-01',
    });
  return (['de', 'en'] as const).flatMap((lang): [string, unknown][] => [
    [`agenda today ${lang}`, view(lang, { kind: 'today' }, item.start + 60_000)],
    [`agenda tomorrow ${lang}`, view(lang, { kind: 'tomorrow' }, item.start - 60_000)],
    [`agenda date ${lang}`, view(lang, { kind: 'date', date: '2026-12-03' }, item.start)],
    [`agenda next week ${lang}`, view(lang, { kind: 'week', offsetWeeks: 1 }, item.start)],
  ]);
}

const cards: [string, unknown][] = [...Object.entries(sampleCards), ...summaryCards(), ...agendaCards()];

describe('cards at phone width (360 px)', () => {
  it.each(cards)('%s: every text in a column wraps (no single-line table cells)', (_name, card) => {
    const cut: unknown[] = [];
    walk(card, (n, inColumn) => {
      if (n.type === 'TextBlock' && inColumn && (n.wrap !== true || n.maxLines === 1)) cut.push(n.text);
    });
    expect(cut).toEqual([]);
  });

  it.each(cards)('%s: every row of buttons fits a phone (few, short titles)', (_name, card) => {
    const rows: Action[][] = [];
    walk(card, (n) => {
      if (n.type === 'ActionSet') rows.push(n.actions as Action[]);
      if (n.type === 'AdaptiveCard' && Array.isArray(n.actions)) rows.push(n.actions as Action[]);
    });
    const tooWide = rows.filter((r) => !fitsPhoneRow(r)).map((r) => r.map((a) => a.title));
    expect(tooWide).toEqual([]);
  });

  it.each(cards)('%s: long choices wrap', (_name, card) => {
    const unwrapped: unknown[] = [];
    walk(card, (n) => {
      if (n.type !== 'Input.ChoiceSet') return;
      const long = (n.choices as { title: string }[]).some((c) => c.title.length > 30);
      if (long && n.wrap !== true) unwrapped.push(n.id);
    });
    expect(unwrapped).toEqual([]);
  });

  it.each(cards)('%s: bar charts have a fixed 0–100 % scale', (_name, card) => {
    walk(card, (n) => {
      // Teams scales Chart.VerticalBar / Chart.HorizontalBar to the largest value: not for percentages.
      expect(['Chart.VerticalBar', 'Chart.HorizontalBar']).not.toContain(n.type);
      if (n.type === 'Chart.HorizontalBar.Stacked')
        for (const bar of n.data as { data: { value: number }[] }[])
          expect(bar.data.reduce((sum, d) => sum + d.value, 0)).toBe(100);
    });
  });

  it('the agenda offers at most three short range buttons, never the range it shows', () => {
    const [, today] = agendaCards()[0]!;
    const titles = ((today as { actions: Action[] }).actions ?? []).map((a) => a.title);
    expect(titles).toEqual(['Morgen', 'Woche', 'Buchen']);
    const [, nextWeek] = agendaCards()[3]!;
    expect(((nextWeek as { actions: Action[] }).actions ?? []).map((a) => a.title)).toEqual([
      'Heute',
      'Morgen',
      'Buchen',
    ]);
  });
});
