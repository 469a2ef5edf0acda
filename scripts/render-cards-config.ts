/** Cards shown with one entry opened, as a staff member sees them after a tap (index of the ColumnSet clicked). */
export const OPENED: Record<string, number> = { '7-agenda': 1, '15-search': 1, '17-team-agenda': 2 };
