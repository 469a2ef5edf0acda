import { absenceResultCard, type AbsenceResultView } from '../../../src/bot/cards/absence-cards';
import type { AgendaItem } from '../../../src/bot/cards/agenda-cards';
import { localDateTime } from '../../../src/domain/time';

const item: AgendaItem = {
  id: 'a1',
  sequence: 0,
  start: localDateTime('2026-12-01', '09:00'),
  end: localDateTime('2026-12-01', '09:30'),
  channel: 'phone',
  status: 'booked',
  serviceName: 'Kfz-Zulassung',
  citizenName: 'Max Meier',
};
const view = (over: Partial<AbsenceResultView>): AbsenceResultView => ({
  lang: 'de',
  kind: 'sick',
  from: '2026-12-01',
  to: '2026-12-01',
  affected: [item],
  supervisors: ['Anna Schulz'],
  proposalSent: true,
  ...over,
});
const textOf = (v: AbsenceResultView) => JSON.stringify(absenceResultCard(v));

describe('absence result card', () => {
  it('says goodbye as fits the kind: get well when ill, a good time on leave, nothing after home office', () => {
    expect(textOf(view({ kind: 'sick' }))).toContain('Gute Besserung!');
    expect(textOf(view({ kind: 'leave', lang: 'en' }))).toContain('Enjoy your time off!');
    // in quarantine one is not ill
    expect(textOf(view({ kind: 'quarantine' }))).toContain('Alles Gute!');
    expect(textOf(view({ kind: 'quarantine' }))).not.toContain('Gute Besserung');
    expect(textOf(view({ kind: 'quarantine', lang: 'en' }))).toContain('All the best!');
    for (const lang of ['de', 'en'] as const) {
      const homeOffice = textOf(view({ kind: 'home-office-only', lang }));
      expect(homeOffice).not.toMatch(/Gute Besserung|Get well|gute Zeit|Enjoy|Take care|Alles Gute/);
    }
  });

  it('counts one appointment in the singular', () => {
    expect(textOf(view({}))).toContain('1 Termin ist betroffen:');
    expect(textOf(view({ lang: 'en' }))).toContain('1 appointment is affected:');
    expect(textOf(view({ affected: [item, { ...item, id: 'a2' }] }))).toContain('2 Termine sind betroffen:');
  });
});
