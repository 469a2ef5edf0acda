import { loadDirectoryFile } from '../../src/config/directory';
import { localDateTime, MINUTE } from '../../src/domain/time';
import { MAX_PROPOSAL_ROWS, outageFormCard, proposalCard, proposedActionText } from '../../src/bot/cards/outage-cards';
import { outageActionSchema } from '../../src/bot/cards/actions';
import type { ReplanProposal } from '../../src/store/replan-proposals';
import { countPlanItems } from '../../src/domain/replan';

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
      // The form's submit button carries its verb; Teams adds the inputs (here as a supervisor fills them in).
      ...buttons(outageFormCard('de', directory, supervisor, '2026-03-02')).map((d) => ({
        target: 'team:buergerbuero-a',
        mode: 'absent',
        reason: 'sick',
        from: '2026-03-02',
        to: '2026-03-02',
        ...d,
      })),
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
    expect(texts[3]).toContain('wir rufen die Bürgerin / den Bürger zurück');
  });

  it('offers a supervisor her teams as a whole and each member, nobody else', () => {
    const maria = directory.staff.find((s) => s.id === 'maria-lange')!;
    const form = JSON.stringify(outageFormCard('de', directory, maria, '2026-03-02'));
    expect(form).toContain('team:soziales');
    expect(form).toContain('staff:julia-vogel');
    expect(form).not.toContain('buergerbuero');
  });
});

describe('outage cards say what really happens', () => {
  const absenceOf = (mode: 'absent' | 'home-office-only') => bigProposal(0, 0).absences.map((a) => ({ ...a, mode }));
  const proposalWith = (open: ReplanProposal['plan']['items'], decided: ReplanProposal['decided'] = []) => ({
    ...bigProposal(0, 0),
    absences: absenceOf('absent'),
    plan: { computedAt: 0, absenceIds: ['abs1'], items: open, counts: countPlanItems(open) },
    decided,
  });
  const textOf = (card: unknown) => JSON.stringify(card);
  const factsOf = (card: { body: unknown[] }) =>
    Object.fromEntries(
      (
        card.body.find((e) => (e as { type?: string }).type === 'FactSet') as {
          facts: { title: string; value: string }[];
        }
      ).facts.map((f) => [f.title, f.value]),
    );

  it('counts an in-person visit a colleague takes by video as a change to video, not as "An Kolleg:innen (gleiche Zeit)"', () => {
    const item = {
      appointmentId: 'appt_1',
      expectedSequence: 0,
      serviceId: 'meldewesen',
      action: 'reassign' as const,
      from: place(0),
      to: place(0, 'katrin-hoffmann', 'video'),
    };
    const card = proposalCard({ lang: 'de', directory, proposal: proposalWith([item]), citizenNames: new Map() });
    const f = factsOf(card);
    expect(f['An Kolleg:innen (gleiche Zeit)']).toBeUndefined();
    expect(Object.entries(f).find(([k]) => /Video/.test(k))?.[1]).toBe('1');
  });

  it('promises no updated invitations when the only thing applied was a cancellation', () => {
    const cancelled = {
      appointmentId: 'appt_1',
      serviceId: 'meldewesen',
      action: 'unplaced' as const,
      from: place(0),
      outcome: 'applied' as const,
    };
    for (const lang of ['de', 'en'] as const) {
      const without = textOf(
        proposalCard({ lang, directory, proposal: proposalWith([], [cancelled]), citizenNames: new Map() }),
      );
      const withReach = textOf(
        proposalCard({
          lang,
          directory,
          proposal: proposalWith([], [cancelled]),
          citizenNames: new Map(),
          reach: { openToCall: 0, applied: { mail: 1, sms: 0, call: 0, cancelledByMail: 1 } },
        }),
      );
      for (const t of [without, withReach]) expect(t).not.toMatch(/aktualisierte Einladung|updated invitation/);
      expect(withReach).toMatch(/Absage|cancellation/);
    }
  });

  it('names every service of a combined appointment', () => {
    const item = {
      appointmentId: 'appt_1',
      expectedSequence: 0,
      serviceId: 'kfz',
      serviceIds: ['kfz', 'meldewesen'],
      action: 'convert' as const,
      from: place(0),
      to: place(0, 'jonas-becker', 'video'),
    };
    const card = textOf(
      proposalCard({ lang: 'de', directory, proposal: proposalWith([item]), citizenNames: new Map() }),
    );
    expect(card).toContain('Kfz-Zulassung + An-, Um- und Abmeldung');
  });

  it('preselects nobody in the form: a whole team marked out by one tap is too easy', () => {
    const anna = directory.staff.find((s) => s.id === 'anna-schulz')!;
    const form = outageFormCard('de', directory, anna, '2026-03-02') as {
      body: Record<string, unknown>[];
      actions: unknown;
    };
    const target = form.body.find((e) => e.id === 'target')!;
    expect(target.value).toBeUndefined();
    expect(target.isRequired).toBe(true);
    expect(JSON.stringify(form.actions)).not.toContain('team:buergerbuero-a');
  });
});
