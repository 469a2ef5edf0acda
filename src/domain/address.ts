/**
 * Where an in-person appointment takes place, in one line: the staff member's room within the
 * team's location. Rooms are often written with the office's name ("Bürgerbüro, Schalter 2") and the
 * location names it too ("Rathaus Seelze, Bürgerbüro (Erdgeschoss), Rathausplatz 1, …"); joined
 * naively the line said "Bürgerbüro" twice. Parts of the room that the location already names are
 * dropped and the rest goes right after that part of the location.
 */

const parts = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

/** "Bürgerbüro" names "Bürgerbüro (Erdgeschoss)" but not "Bürgerbüros" or "Bürgerbüro-Annex". */
function names(locationPart: string, roomPart: string): boolean {
  const l = locationPart.toLocaleLowerCase('de');
  const r = roomPart.toLocaleLowerCase('de');
  return l === r || (l.startsWith(r) && /^[\s(]/.test(l.slice(r.length)));
}

export function placeLine(room: string | undefined, location: string): string {
  const loc = parts(location);
  const rest: string[] = [];
  let anchor = -1;
  for (const r of parts(room)) {
    const i = loc.findIndex((l) => names(l, r));
    if (i >= 0) anchor = Math.max(anchor, i);
    else rest.push(r);
  }
  if (anchor < 0) return [...rest, ...loc].join(', ');
  return [...loc.slice(0, anchor + 1), ...rest, ...loc.slice(anchor + 1)].join(', ');
}
