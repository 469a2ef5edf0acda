/**
 * Who leads which teams — the one place this rule is written.
 *
 * A supervisor (role 'supervisor') answers for the teams in `supervises`, or for their own team
 * when that list is empty. An admin (role 'admin', e.g. the head of the citizens' office who
 * reports to the council) is a supervisor of every team of the directory. Anyone else answers for
 * no team, whatever `supervises` says.
 */
import type { Directory, Staff } from './types';

/** Whether `s` leads teams at all (supervisor or admin): the daily summary, outages, reports. */
export function isSupervisor(s: Pick<Staff, 'role'>): boolean {
  return s.role === 'supervisor' || s.role === 'admin';
}

/** Teams `s` is responsible for, in directory order for an admin; none for staff. */
export function supervisedTeams(
  s: Pick<Staff, 'role' | 'team' | 'supervises'>,
  directory: Pick<Directory, 'teams'>,
): string[] {
  if (s.role === 'admin') return directory.teams.map((t) => t.id);
  if (s.role !== 'supervisor') return [];
  return s.supervises.length > 0 ? [...s.supervises] : [s.team];
}

/** The supervisors (and admins) responsible for `team`, in directory order. */
export function supervisorsOfTeam(directory: Directory, team: string): Staff[] {
  return directory.staff.filter((s) => supervisedTeams(s, directory).includes(team));
}
