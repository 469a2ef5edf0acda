/** "Which teams a supervisor is responsible for" (src/domain/supervision.ts), the one place of this rule. */
import { supervisedTeams, supervisorsOfTeam } from '../../src/domain/supervision';
import type { Directory, Staff } from '../../src/domain/types';
import { schedulingDirectory } from './scheduling-fixture';

const person = (over: Partial<Staff>): Pick<Staff, 'role' | 'team' | 'supervises'> => ({
  role: 'staff',
  team: 'buergerbuero-a',
  supervises: [],
  ...over,
});

describe('supervisedTeams', () => {
  it('gives a supervisor the teams listed in `supervises`', () => {
    expect(supervisedTeams(person({ role: 'supervisor', supervises: ['soziales', 'bauamt'] }))).toEqual([
      'soziales',
      'bauamt',
    ]);
  });

  it('falls back to the supervisor’s own team when `supervises` is empty', () => {
    expect(supervisedTeams(person({ role: 'supervisor', team: 'soziales', supervises: [] }))).toEqual(['soziales']);
  });

  it('gives staff members no team, even with a `supervises` list or an own team', () => {
    expect(supervisedTeams(person({ role: 'staff', supervises: ['soziales'] }))).toEqual([]);
    expect(supervisedTeams(person({ role: 'staff', supervises: [] }))).toEqual([]);
  });

  it('returns a copy: changing the result leaves the directory alone', () => {
    const s = person({ role: 'supervisor', supervises: ['soziales'] });
    supervisedTeams(s).push('bauamt');
    expect(s.supervises).toEqual(['soziales']);
  });
});

describe('supervisorsOfTeam', () => {
  it('finds the supervisors of a team by `supervises` or by the fallback, never a staff member', () => {
    const base = schedulingDirectory();
    const template = base.staff[0]!;
    const directory: Directory = {
      ...base,
      staff: [
        { ...template, id: 'lead-listed', role: 'supervisor', team: 'other', supervises: ['target'] },
        { ...template, id: 'lead-own', role: 'supervisor', team: 'target', supervises: [] },
        { ...template, id: 'lead-elsewhere', role: 'supervisor', team: 'target', supervises: ['other'] },
        { ...template, id: 'member', role: 'staff', team: 'target', supervises: ['target'] },
      ],
    };
    expect(supervisorsOfTeam(directory, 'target').map((s) => s.id)).toEqual(['lead-listed', 'lead-own']);
  });
});
