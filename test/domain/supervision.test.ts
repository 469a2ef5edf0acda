/** "Which teams a supervisor is responsible for" (src/domain/supervision.ts), the one place of this rule. */
import { supervisedTeams, supervisorsOfTeam } from '../../src/domain/supervision';
import type { Directory, Staff } from '../../src/domain/types';
import { schedulingDirectory } from './scheduling-fixture';

const teams = { teams: [{ id: 'buergerbuero-a' }, { id: 'soziales' }, { id: 'bauamt' }] } as Pick<Directory, 'teams'>;

const person = (over: Partial<Staff>): Pick<Staff, 'role' | 'team' | 'supervises'> => ({
  role: 'staff',
  team: 'buergerbuero-a',
  supervises: [],
  ...over,
});

describe('supervisedTeams', () => {
  it('gives a supervisor the teams listed in `supervises`', () => {
    expect(supervisedTeams(person({ role: 'supervisor', supervises: ['soziales', 'bauamt'] }), teams)).toEqual([
      'soziales',
      'bauamt',
    ]);
  });

  it('falls back to the supervisor’s own team when `supervises` is empty', () => {
    expect(supervisedTeams(person({ role: 'supervisor', team: 'soziales', supervises: [] }), teams)).toEqual([
      'soziales',
    ]);
  });

  it('gives staff members no team, even with a `supervises` list or an own team', () => {
    expect(supervisedTeams(person({ role: 'staff', supervises: ['soziales'] }), teams)).toEqual([]);
    expect(supervisedTeams(person({ role: 'staff', supervises: [] }), teams)).toEqual([]);
  });

  it('gives an admin every team of the directory, in directory order, whatever `supervises` says', () => {
    expect(supervisedTeams(person({ role: 'admin', supervises: ['soziales'] }), teams)).toEqual([
      'buergerbuero-a',
      'soziales',
      'bauamt',
    ]);
  });

  it('returns a copy: changing the result leaves the directory alone', () => {
    const s = person({ role: 'supervisor', supervises: ['soziales'] });
    supervisedTeams(s, teams).push('bauamt');
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
        { ...template, id: 'head', role: 'admin', team: 'other', supervises: [] },
      ],
      teams: [...base.teams, { ...base.teams[0]!, id: 'target' }, { ...base.teams[0]!, id: 'other' }],
    };
    expect(supervisorsOfTeam(directory, 'target').map((s) => s.id)).toEqual(['lead-listed', 'lead-own', 'head']);
  });
});
