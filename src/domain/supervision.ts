/**
 * Which teams a supervisor is responsible for — the one place this rule is written.
 *
 * A supervisor (role 'supervisor') answers for the teams in `supervises`, or for their own team
 * when that list is empty. Anyone else answers for no team, whatever `supervises` says.
 */
import type { Directory, Staff } from './types';

/** Teams `s` is responsible for: `supervises`, or their own team when that is empty; none for non-supervisors. */
export function supervisedTeams(s: Pick<Staff, 'role' | 'team' | 'supervises'>): string[] {
  if (s.role !== 'supervisor') return [];
  return s.supervises.length > 0 ? [...s.supervises] : [s.team];
}

/** The supervisors responsible for `team`, in directory order. */
export function supervisorsOfTeam(directory: Directory, team: string): Staff[] {
  return directory.staff.filter((s) => supervisedTeams(s).includes(team));
}
