import { loadDirectoryFile } from '../../src/config/directory';
import { localDateTime, MINUTE } from '../../src/domain/time';
import { MAX_PROPOSAL_ROWS, outageFormCard, proposalCard, proposedActionText } from '../../src/bot/cards/outage-cards';
import { outageActionSchema } from '../../src/bot/cards/actions';
import type { ReplanProposal } from '../../src/store/replan-proposals';

const directory = loadDirectoryFile('config/directory.example.json');
const at = (i: number) => localDateTime('2026-03-02', '08:00') + i * 20 * MINUTE;
const place = (i: number, staffId = 'jonas-becker', channel: 'in-person' | 'video' = 'in-person') => ({
  staffId,
  channel,
  start: at(i),
  end: at(i) + 15 * MINUTE,
  blockStart: at(i),
  blockEnd: at(i) + 15 * MINUTE,
});
const actions = ['convert', 'reassign', 'reschedule', 'unplaced'] as const;

function bigProposal(open: number, done: number): ReplanProposal {
  const items = Array.from({ length: open + done }, (_, i) => {
    const action = actions[i % 4]!;
    return {
      appointmentId: `appt_${String(i).padStart(24, '0')}`,
      expectedSequence: 0,
      serviceId: 'meldewesen',
      action,
      from: place(i),
      ...(action === 'unplaced' ? {} : { to: place(i, 'katrin-hoffmann', 'video') }),
    };
  });
  return {
    id: 'proposal-0001',
    version: 2,
    createdAt: 0,
    createdBy: 'anna-schulz',
    absences: [
      {
        id: 'abs1',
        staffId: 'jonas-becker',
        from: '2026-03-02',
        to: '2026-03-06',
        mode: 'home-office-only',
        reason: 'quarantine',
        reportedBy: 'anna-schulz',
        createdAt: 0,
      },
    ],
    plan: {
      computedAt: 0,
      absenceIds: ['abs1'],
      items: items.slice(0, open),
      counts: { converted: 1, reassigned: 1, rescheduled: 1, unplaced: 1 },
    },
    decided: items.slice(open).map((i) => ({ ...i, outcome: 'applied' as const })),
  };
}

function buttons(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(buttons);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'Action.Execute' || o.type === 'Action.Submit' ? [o.data as Record<string, unknown>] : [];
  return [...own, ...Object.values(o).flatMap(buttons)];
}

describe('outage cards', () => {
  it('keeps a large proposal under 40 KB and lists at most the capped number of open rows', () => {
    const names = new Map(
      Array.from({ length: 120 }, (_, i) => [
        `appt_${String(i).padStart(24, '0')}`,
        'Maximilian Mustermann-Beispielname',
      ]),
    );
    const card = proposalCard({ lang: 'de', directory, proposal: bigProposal(80, 40), citizenNames: names });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(40_000);
    const perItem = buttons(card).filter((d) => d.appointmentId);
    expect(new Set(perItem.map((d) => d.appointmentId)).size).toBe(MAX_PROPOSAL_ROWS);
    expect(JSON.stringify(card)).toContain('Alle 80 übernehmen');
  });

  it('offers one open item as „Vorschlag übernehmen“, not „Alle 1 übernehmen“', () => {
    const card = proposalCard({ lang: 'de', directory, proposal: bigProposal(1, 0), citizenNames: new Map() });
    expect(JSON.stringify(card)).toContain('"Vorschlag übernehmen"');
    expect(JSON.stringify(card)).not.toContain('Alle 1');
    const en = proposalCard({ lang: 'en', directory, proposal: bigProposal(1, 0), citizenNames: new Map() });
    expect(JSON.stringify(en)).not.toContain('Apply all 1');
  });

  it('sends back only data its own schema accepts, on every button of both cards', () => {
    const supervisor = directory.staff.find((s) => s.id === 'anna-schulz')!;
    const all = [
      ...buttons(outageFormCard('de', directory, supervisor, '2026-03-02')),
      ...buttons(proposalCard({ lang: 'en', directory, proposal: bigProposal(5, 2), citizenNames: new Map() })),
    ];
    expect(all.length).toBeGreaterThan(5);
    for (const data of all) expect(outageActionSchema.safeParse(data).success).toBe(true);
  });

  it('says each proposed action in words', () => {
    const texts = actions.map((action) =>
      proposedActionText(
        { action, from: place(0), ...(action === 'unplaced' ? {} : { to: place(0, 'katrin-hoffmann', 'video') }) },
        directory,
        'de',
      ),
    );
    expect(texts[0]).toBe('→ 🎥 Video mit Katrin Hoffmann, gleiche Zeit');
    expect(texts[1]).toBe('→ an Katrin Hoffmann (🎥 Video), gleiche Zeit');
    expect(texts[2]).toMatch(/^→ verschieben auf .* bei Katrin Hoffmann \(🎥 Video\)$/);
    expect(texts[3]).toContain('wir rufen die Bürger:in zurück');
  });

  it('offers a supervisor her teams as a whole and each member, nobody else', () => {
    const maria = directory.staff.find((s) => s.id === 'maria-lange')!;
    const form = JSON.stringify(outageFormCard('de', directory, maria, '2026-03-02'));
    expect(form).toContain('team:soziales');
    expect(form).toContain('staff:julia-vogel');
    expect(form).not.toContain('buergerbuero');
  });
});
